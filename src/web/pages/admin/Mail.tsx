import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAlertStyles, formatDateTime, saveFailure } from '../../components/activity/forms';
import { holds } from '../../components/activity/roles';
import { ListPager } from '../../components/filters';
import { LoadError, Loading } from '../../components/LoadState';
import { intlLocale, type Language } from '../../i18n';
import { useMailLog, useMailStatus, useSendTestMail, type MailMessage, type MailState, type MailStatus } from '../../queries/mail';
import { useSession } from '../../session';

const PAGE = 25;
const states: MailState[] = ['sent', 'retrying', 'failed'];
/** Darker shades keep 4.5:1 on white (WCAG 1.4.3). */
const stateColour: Record<MailState, string> = { sent: 'green.9', retrying: 'orange.9', failed: 'red.9' };

function StatusNotice({ status }: { status: MailStatus }) {
  const { t } = useTranslation();
  if (!status.enabled) {
    return (
      <Alert color="orange" title={t('mail.offTitle')} styles={{ title: { color: 'var(--mantine-color-black)' } }}>
        <Text size="sm">{t('mail.offText')}</Text>
      </Alert>
    );
  }
  return (
    <Alert color="green" title={t('mail.onTitle')} styles={{ title: { color: 'var(--mantine-color-black)' } }}>
      <Text size="sm">{t('mail.onText', { from: status.from, url: status.publicUrl })}</Text>
      {status.replyTo && <Text size="sm">{t('mail.replyTo', { replyTo: status.replyTo })}</Text>}
    </Alert>
  );
}

function TestMail({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const send = useSendTestMail();
  const failure = send.isError ? saveFailure(send.error, t) : null;
  const result = send.data;
  return (
    <Stack gap="xs" component="section" aria-labelledby="mail-test-title">
      <Title order={2} size="h3" id="mail-test-title">
        {t('mail.test.title')}
      </Title>
      {!enabled && <Text size="sm">{t('mail.test.off')}</Text>}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(to.trim());
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            type="email"
            label={t('mail.test.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={failure?.fields.to}
            disabled={!enabled}
            autoComplete="email"
            w={320}
          />
          <Button type="submit" loading={send.isPending} disabled={!enabled || to.trim() === ''}>
            {t('mail.test.send')}
          </Button>
        </Group>
      </form>
      <div aria-live="polite">
        {result?.state === 'sent' && (
          <Alert color="green" styles={{ message: { color: 'var(--mantine-color-black)' } }}>
            {t('mail.test.sent', { to: result.to })}
          </Alert>
        )}
        {result && result.state !== 'sent' && (
          <Alert color="red" role="alert" styles={errorAlertStyles}>
            {t('mail.test.failed', { to: result.to, error: result.error ?? '' })}
          </Alert>
        )}
        {failure?.message && (
          <Alert color="red" role="alert" styles={errorAlertStyles} title={t('app.error')}>
            {failure.message}
          </Alert>
        )}
      </div>
    </Stack>
  );
}

function DeliveryLog() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [page, setPage] = useState(1);
  const [state, setState] = useState<MailState | null>(null);
  const log = useMailLog(page, PAGE, state);
  return (
    <Stack gap="xs" component="section" aria-labelledby="mail-log-title">
      <Title order={2} size="h3" id="mail-log-title">
        {t('mail.log.title')}
      </Title>
      <Select
        label={t('mail.log.state')}
        data={[{ value: '', label: t('mail.log.allStates') }, ...states.map((s) => ({ value: s, label: t(`mail.log.states.${s}`) }))]}
        value={state ?? ''}
        onChange={(v) => {
          setState(v ? (v as MailState) : null);
          setPage(1);
        }}
        allowDeselect={false}
        w={200}
      />
      {log.isError ? (
        <LoadError error={log.error} styles={errorAlertStyles} />
      ) : (
        <>
          <DataTable<MailMessage>
            withTableBorder
            striped
            verticalSpacing={6}
            fz="sm"
            fetching={log.isPending}
            minHeight={(log.data?.items.length ?? 0) === 0 ? 120 : undefined}
            records={log.data?.items ?? []}
            noRecordsText={t('mail.log.empty')}
            aria-label={t('mail.log.title')}
            // On a phone the log scrolls sideways: its viewport takes focus so the keyboard can scroll it (WCAG 2.1.1)
            scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': t('mail.log.title') } }}
            columns={[
              { accessor: 'createdAt', title: t('mail.log.at'), width: 150, render: (m) => formatDateTime(m.updatedAt, intlLocale[lang]) },
              { accessor: 'kind', title: t('mail.log.kind'), width: 120, render: (m) => t(`mail.log.kinds.${m.kind}`) },
              { accessor: 'to', title: t('mail.log.to') },
              { accessor: 'subject', title: t('mail.log.subject') },
              {
                accessor: 'state',
                title: t('mail.log.status'),
                width: 140,
                render: (m) => (
                  <Text size="sm" fw={600} c={stateColour[m.state]}>
                    {t(`mail.log.states.${m.state}`)}
                    <Text span size="sm" fw={400} c="black">
                      {' · '}
                      {t('mail.log.attempts', { count: m.attempts })}
                    </Text>
                  </Text>
                ),
              },
              { accessor: 'error', title: t('mail.log.error'), render: (m) => m.error ?? '–' },
            ]}
          />
          {log.data && <ListPager page={page} total={log.data.total} pageSize={PAGE} onChange={setPage} />}
        </>
      )}
    </Stack>
  );
}

/** /settings/mail: says plainly when mail is off, sends a test mail, and shows the delivery log (administrators). */
export default function Mail() {
  const { t } = useTranslation();
  const session = useSession();
  const admin = holds(session, 'admin');
  const status = useMailStatus(admin);
  const heading = (
    <Title order={1} size="h2">
      {t('mail.title')}
    </Title>
  );
  if (!admin) {
    return (
      <Stack gap="md" maw={1100}>
        {heading}
        <Alert color="red" role="alert" styles={errorAlertStyles} title={t('errors.forbidden')}>
          {null}
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap="xs">
        {heading}
        <Text size="sm">{t('mail.intro')}</Text>
      </Stack>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <LoadError error={status.error} styles={errorAlertStyles}>
          {t('mail.loadFailed')}
        </LoadError>
      ) : (
        <>
          <StatusNotice status={status.data} />
          <TestMail enabled={status.data.enabled} />
        </>
      )}
      <DeliveryLog />
    </Stack>
  );
}
