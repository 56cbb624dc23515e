import { Alert, Button, CopyButton, Group, Paper, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAlertStyles, formatDateTime, saveFailure, type SaveFailure } from '../activity/forms';
import { intlLocale, type Language } from '../../i18n';
import { useCalendarFeeds, useCreateCalendarFeed, useRevokeCalendarFeed, type CalendarFeed, type CreatedCalendarFeed } from '../../queries/calendar';
import { LoadError } from '../LoadState';

const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };
/** The choice "my own deadlines" in the select; any other value is a department's id. */
const MINE = 'user';

/**
 * One's calendar feeds on the account page: the list (never a token), making one (one's own
 * deadlines or a department one may read) with its secret address shown once to copy, and
 * revoking one after a confirmation.
 */
export function CalendarFeeds() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const feeds = useCalendarFeeds();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [choice, setChoice] = useState<string>(MINE);
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const [confirming, setConfirming] = useState<CalendarFeed | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  // Focus follows the work: the busy button it was on is disabled and then gone, which would leave
  // a keyboard or screen-reader user at the top of the page. A new address gets focus (selected,
  // ready to copy), a confirmation its answer, a revoked feed's message.
  const urlRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const revokedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (created) urlRef.current?.focus();
  }, [created]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (revokedName) revokedRef.current?.focus();
  }, [revokedName]);

  const nameOf = (f: Pick<CalendarFeed, 'scope' | 'department'>) =>
    f.scope === 'department' && f.department ? t('calendar.department', { code: f.department.code, name: f.department.name }) : t('calendar.mine');
  const failed = (err: unknown) => setFailure(saveFailure(err, t));
  const reset = () => {
    setFailure(noFailure);
    setRevokedName(null);
  };

  return (
    <Paper withBorder p="md" component="section" aria-label={t('calendar.title')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('calendar.title')}
        </Title>
        <Text size="sm">{t('calendar.intro')}</Text>
        {feeds.isError && <LoadError error={feeds.error} styles={errorAlertStyles} />}
        {feeds.data && feeds.data.items.length === 0 && <Text size="sm">{t('calendar.empty')}</Text>}
        {feeds.data && feeds.data.items.length > 0 && (
          <>
            <Text size="sm">{t('calendar.count', { count: feeds.data.items.length })}</Text>
            <Table.ScrollContainer minWidth={520}>
              <Table fz="sm" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('calendar.what')}</Table.Th>
                    <Table.Th scope="col">{t('calendar.created')}</Table.Th>
                    <Table.Th scope="col">{t('calendar.lastUsed')}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('admin.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {feeds.data.items.map((f) => (
                    <Table.Tr key={f.id} data-testid="calendar-feed">
                      <Table.Th scope="row">{nameOf(f)}</Table.Th>
                      <Table.Td>{formatDateTime(f.createdAt, intlLocale[lang])}</Table.Td>
                      <Table.Td>{f.lastUsedAt ? formatDateTime(f.lastUsedAt, intlLocale[lang]) : t('calendar.never')}</Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          c="red.9"
                          // Two feeds of the same kind differ only by when they were made: the button names both
                          aria-label={t('calendar.revokeNamed', { name: `${nameOf(f)}, ${formatDateTime(f.createdAt, intlLocale[lang])}` })}
                          data-revoke={f.id}
                          onClick={() => {
                            reset();
                            setConfirming(f);
                          }}
                        >
                          {t('calendar.revoke')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        {confirming && (
          <Alert color="red" styles={errorAlertStyles}>
            <Stack gap="xs">
              <Text size="sm">{t('calendar.revokeConfirm', { name: nameOf(confirming) })}</Text>
              <Group gap="xs">
                <Button
                  ref={confirmRef}
                  size="xs"
                  color="red"
                  loading={revoke.isPending}
                  onClick={() =>
                    revoke.mutate(confirming.id, {
                      onSuccess: () => {
                        setRevokedName(nameOf(confirming));
                        setConfirming(null);
                      },
                      onError: failed,
                    })
                  }
                >
                  {t('calendar.revokeYes')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    // Back to the row's button the question came from
                    document.querySelector<HTMLElement>(`[data-revoke="${confirming.id}"]`)?.focus();
                    setConfirming(null);
                  }}
                >
                  {t('calendar.revokeNo')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {revokedName && (
          <Text size="sm" role="status" ref={revokedRef} tabIndex={-1}>
            {t('calendar.revoked', { name: revokedName })}
          </Text>
        )}
        {created && (
          <Alert color="yellow" role="status" styles={{ title: { color: 'var(--mantine-color-black)' } }} title={t('calendar.createdTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('calendar.secret')}</Text>
              <Group align="flex-end" gap="xs" wrap="wrap">
                <TextInput
                  ref={urlRef}
                  label={t('calendar.url')}
                  value={created.url}
                  readOnly
                  onFocus={(e) => e.currentTarget.select()}
                  style={{ flex: '1 1 260px' }}
                  data-testid="calendar-url"
                />
                <CopyButton value={created.url}>
                  {({ copied, copy }) => (
                    <Button variant="default" onClick={copy} aria-live="polite">
                      {copied ? t('calendar.copied') : t('calendar.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
        {feeds.data && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              reset();
              setCreated(null);
              setConfirming(null);
              create.mutate(choice === MINE ? { scope: 'user' } : { scope: 'department', departmentId: choice }, { onSuccess: setCreated, onError: failed });
            }}
          >
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Select
                label={t('calendar.choose')}
                description={t('calendar.chooseHelp')}
                data={[
                  { value: MINE, label: t('calendar.mine') },
                  ...feeds.data.departments.map((d) => ({ value: d.id, label: t('calendar.department', { code: d.code, name: d.name }) })),
                ]}
                value={choice}
                onChange={(v) => setChoice(v ?? MINE)}
                allowDeselect={false}
                error={failure.fields.departmentId ?? failure.fields.scope}
                w={360}
                maw="100%"
              />
              <Button type="submit" loading={create.isPending}>
                {t('calendar.create')}
              </Button>
            </Group>
          </form>
        )}
        {failure.message && (
          <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
            {failure.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
