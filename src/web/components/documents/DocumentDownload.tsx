import { Button, Group, NativeSelect, Popover, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommittees, useDepartments } from '../../queries/register';
import { useSession } from '../../session';

export type DocumentFormat = 'pdf' | 'docx' | 'xlsx';

interface Props {
  /** The button's text. */
  label: string;
  /** The dialog's heading. */
  title: string;
  /** API path without `/api/v1` and without the extension, e.g. `/rounds/ID/report`. */
  path: string;
  formats: DocumentFormat[];
  /** The follow-up report can be for the whole municipality, one committee or one department. */
  withScope?: boolean;
  /** Answer documents: the kinds that exist, each a path segment before the extension. */
  kinds?: { value: string; label: string; path: string }[];
}

/**
 * A button that opens a small form (format, scope, edition, language) and a download link. The
 * link is a plain GET with the session cookie, so the browser saves the file itself. Readers only
 * get the public edition; the server enforces that too.
 */
export function DocumentDownload({ label, title, path, formats, withScope, kinds }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const staff = session.roles.some((r) => r.role !== 'reader');
  const [opened, setOpened] = useState(false);
  const [format, setFormat] = useState<DocumentFormat>(formats[0] ?? 'pdf');
  const [scope, setScope] = useState('municipality');
  const [edition, setEdition] = useState<'internal' | 'public'>(staff ? 'internal' : 'public');
  const [lang, setLang] = useState<string>(session.municipality.language);
  const [kind, setKind] = useState(kinds?.[0]?.path ?? '');
  const headingId = useId();
  const committees = useCommittees(opened && !!withScope);
  const departments = useDepartments(opened && !!withScope);

  const query = new URLSearchParams({ edition, lang });
  if (withScope && scope.startsWith('committee:')) query.set('committee', scope.slice('committee:'.length));
  if (withScope && scope.startsWith('department:')) query.set('department', scope.slice('department:'.length));
  const href = `/api/v1${path}${kinds ? `/${kind}` : ''}.${format}?${query.toString()}`;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow shadow="md" trapFocus returnFocus width={340}>
      <Popover.Target>
        <Button variant="default" size="xs" onClick={() => setOpened((o) => !o)} aria-expanded={opened} aria-haspopup="dialog">
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-labelledby={headingId}>
        <Stack gap="xs">
          <Text fw={600} id={headingId} size="sm">
            {title}
          </Text>
          {kinds && kinds.length > 1 && (
            <NativeSelect
              label={t('documents.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value)}
              data={kinds.map((k) => ({ value: k.path, label: k.label }))}
            />
          )}
          {formats.length > 1 && (
            <NativeSelect
              label={t('documents.format')}
              value={format}
              onChange={(e) => setFormat(e.currentTarget.value as DocumentFormat)}
              data={formats.map((f) => ({ value: f, label: t(`documents.formats.${f}`) }))}
            />
          )}
          {withScope && (
            <NativeSelect
              label={t('documents.scope')}
              value={scope}
              onChange={(e) => setScope(e.currentTarget.value)}
              data={[
                { value: 'municipality', label: t('documents.scopeMunicipality') },
                { group: t('documents.committees'), items: (committees.data?.items ?? []).map((c) => ({ value: `committee:${c.id}`, label: c.name })) },
                {
                  group: t('documents.departments'),
                  items: (departments.data?.items ?? []).map((d) => ({ value: `department:${d.id}`, label: `${d.code} ${d.name}` })),
                },
              ]}
            />
          )}
          {staff && (
            <NativeSelect
              label={t('documents.edition')}
              value={edition}
              onChange={(e) => setEdition(e.currentTarget.value as 'internal' | 'public')}
              data={(['internal', 'public'] as const).map((e) => ({ value: e, label: t(`documents.editions.${e}`) }))}
            />
          )}
          <NativeSelect
            label={t('documents.language')}
            value={lang}
            onChange={(e) => setLang(e.currentTarget.value)}
            data={(['da', 'sv', 'en'] as const).map((l) => ({ value: l, label: t(`documents.languages.${l}`) }))}
          />
          <Group justify="space-between" mt={4}>
            <Button variant="subtle" size="xs" onClick={() => setOpened(false)}>
              {t('documents.close')}
            </Button>
            <Button component="a" href={href} download size="xs" onClick={() => setOpened(false)}>
              {t('documents.download')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
