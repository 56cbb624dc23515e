import { Alert, Button, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A 409 version conflict: someone else saved first. Both versions side by side, field by field;
 * the user takes theirs (the form reloads it) or saves their own over it, knowingly.
 */
export function ConflictAlert({
  fields,
  theirs,
  mine,
  onTakeTheirs,
  onKeepMine,
}: {
  fields: { name: string; label: string }[];
  theirs: Record<string, unknown>;
  mine: Record<string, unknown>;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}) {
  const { t } = useTranslation();
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <Alert color="orange" role="alert" title={t('admin.conflict.title')} styles={{ title: { color: 'var(--mantine-color-black)' } }}>
      {t('admin.conflict.text')}
      <Table mt="xs" withTableBorder fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('admin.conflict.field')}</Table.Th>
            <Table.Th scope="col">{t('admin.conflict.theirs')}</Table.Th>
            <Table.Th scope="col">{t('admin.conflict.mine')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f) => (
            <Table.Tr key={f.name} fw={show(theirs[f.name]) !== show(mine[f.name]) ? 600 : undefined}>
              <Table.Th scope="row">{f.label}</Table.Th>
              <Table.Td>{show(theirs[f.name])}</Table.Td>
              <Table.Td>{show(mine[f.name])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="sm" gap="xs">
        <Button size="xs" variant="default" onClick={onTakeTheirs}>
          {t('admin.conflict.takeTheirs')}
        </Button>
        <Button size="xs" color="dark" onClick={onKeepMine}>
          {t('admin.conflict.keepMine')}
        </Button>
      </Group>
    </Alert>
  );
}
