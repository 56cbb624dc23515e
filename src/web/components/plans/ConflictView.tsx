import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface ConflictRow {
  label: string;
  yours: string;
  current: string;
}

/**
 * A save that met someone else's newer version (409): both versions side by side, nothing
 * overwritten, and the user chooses how to go on.
 */
export function ConflictView({
  title,
  rows,
  note,
  onContinueCurrent,
  onKeepMine,
}: {
  title: string;
  rows: ConflictRow[];
  note?: string;
  onContinueCurrent: () => void;
  onKeepMine: () => void;
}) {
  const { t } = useTranslation();
  const cell = (v: string) => (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {v.trim() ? v : t('plans.empty')}
    </Text>
  );
  return (
    <Alert color="orange.9" variant="outline" role="alert" title={title} data-testid="conflict">
      <Text size="sm" mb="xs">
        {t('plans.conflict.intro')}
      </Text>
      {note && (
        <Text size="sm" fw={600} mb="xs">
          {note}
        </Text>
      )}
      <Table withTableBorder withColumnBorders layout="fixed" mb="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w="20%">
              {t('plans.conflict.field')}
            </Table.Th>
            <Table.Th scope="col">{t('plans.conflict.yours')}</Table.Th>
            <Table.Th scope="col">{t('plans.conflict.current')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Th scope="row" fw={600}>
                {r.label}
              </Table.Th>
              <Table.Td>{cell(r.yours)}</Table.Td>
              <Table.Td>{cell(r.current)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs">
        <Button size="xs" onClick={onContinueCurrent}>
          {t('plans.conflict.continueCurrent')}
        </Button>
        <Button size="xs" variant="default" onClick={onKeepMine}>
          {t('plans.conflict.keepMine')}
        </Button>
      </Group>
    </Alert>
  );
}
