import { Alert, Button, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAlertStyles, saveFailure } from '../activity/forms';
import { LoadError } from '../LoadState';
import { useVocabulary } from '../../session';
import { notificationKinds, useNotificationPreferences, useSaveNotificationPreferences, type NotificationPreferences } from '../../queries/notifications';

const deliveries = ['immediate', 'digest', 'off'] as const;

/**
 * The account page's e-mail choices: for each kind at once, in the digest or not at all, and how
 * often the digest goes. Every notification stays in the app whatever is chosen here.
 */
export function MailPreferences() {
  const { t } = useTranslation();
  const context = useVocabulary();
  const stored = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  const [draft, setDraft] = useState<NotificationPreferences | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (stored.data && !draft) setDraft(stored.data);
  }, [stored.data, draft]);

  const title = t('notifications.mail.title');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setSaved(false);
    save.mutate(draft, { onSuccess: (p) => (setDraft(p), setSaved(true)) });
  };
  const failure = save.isError ? saveFailure(save.error, t) : null;
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm">{t('notifications.mail.intro')}</Text>
        {stored.isError && <LoadError error={stored.error} styles={errorAlertStyles} />}
        {draft && (
          <form onSubmit={submit}>
            <Stack gap="sm">
              <NativeSelect
                label={t('notifications.mail.digest')}
                maw={260}
                value={draft.digest}
                onChange={(e) => setDraft({ ...draft, digest: e.currentTarget.value as NotificationPreferences['digest'] })}
                data={(['daily', 'weekly'] as const).map((d) => ({ value: d, label: t(`notifications.mail.digestOptions.${d}`) }))}
              />
              <Table.ScrollContainer minWidth={420}>
                <Table fz="sm" withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('notifications.kind')}</Table.Th>
                      <Table.Th scope="col">{t('notifications.mail.delivery')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {notificationKinds.map((kind) => (
                      <Table.Tr key={kind}>
                        <Table.Th scope="row" fw={400}>
                          {t(`notifications.kinds.${kind}`, { context })}
                        </Table.Th>
                        <Table.Td>
                          <NativeSelect
                            size="xs"
                            aria-label={t('notifications.mail.deliveryFor', { kind: t(`notifications.kinds.${kind}`, { context }) })}
                            value={draft.kinds[kind]}
                            onChange={(e) => setDraft({ ...draft, kinds: { ...draft.kinds, [kind]: e.currentTarget.value } })}
                            data={deliveries.map((d) => ({ value: d, label: t(`notifications.mail.deliveries.${d}`) }))}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {failure && (
                <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
                  {failure.message ?? Object.values(failure.fields).join(' ')}
                </Alert>
              )}
              <div>
                <Button type="submit" loading={save.isPending}>
                  {t('notifications.mail.save')}
                </Button>
              </div>
              {saved && (
                <Text size="sm" role="status">
                  {t('notifications.mail.saved')}
                </Text>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
