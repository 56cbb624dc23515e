import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAlertStyles, formatDateTime, saveFailure } from '../../components/activity/forms';
import { mayAudit } from '../../components/activity/roles';
import { intlLocale, type Language } from '../../i18n';
import { useVerifyAudit } from '../../queries/audit';
import { useSession } from '../../session';

/** Auditors, administrators and central coordination recompute the audit trail's hash chain on demand. */
export default function AuditVerify() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const verify = useVerifyAudit(() => setCheckedAt(new Date().toISOString()));
  if (!mayAudit(session)) {
    return (
      <Alert color="red" role="alert" styles={errorAlertStyles} title={t('errors.forbidden')}>
        {null}
      </Alert>
    );
  }
  const r = verify.data;
  return (
    <Stack gap="md" maw={760}>
      <Title order={1} size="h2">
        {t('account.verify.title')}
      </Title>
      <Text size="sm">{t('account.verify.intro')}</Text>
      <Group>
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('account.verify.run')}
        </Button>
      </Group>
      <div aria-live="polite">
        {r && r.ok && (
          <Alert color="green" title={t('account.verify.ok')} styles={{ title: { color: 'var(--mantine-color-black)' } }}>
            <Text size="sm">{t('account.verify.okText', { count: r.checked, head: r.headSeq })}</Text>
            {checkedAt && <Text size="sm">{t('account.verify.checkedAt', { at: formatDateTime(checkedAt, intlLocale[lang]) })}</Text>}
          </Alert>
        )}
        {r && !r.ok && (
          <Alert color="red" title={t('account.verify.broken')} styles={errorAlertStyles}>
            <Text size="sm">{t('account.verify.brokenText', { count: r.checked })}</Text>
            {r.firstBroken && (
              <Text size="sm" fw={600}>
                {t('account.verify.firstBroken', { seq: r.firstBroken.seq, kind: t(`account.verify.kind.${r.firstBroken.kind}`) })}
              </Text>
            )}
            {checkedAt && <Text size="sm">{t('account.verify.checkedAt', { at: formatDateTime(checkedAt, intlLocale[lang]) })}</Text>}
          </Alert>
        )}
        {verify.isError && (
          <Alert color="red" role="alert" styles={errorAlertStyles} title={t('app.error')}>
            {saveFailure(verify.error, t).message}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
