import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api';
import type { AccountPlan, BalanceAccount } from './types';

/** Badge colours with white text at 4.5:1 or more (WCAG 1.4.3). */
const progressColor = { reached: '#1e6b2e', notYet: 'gray.8', overdue: 'red.9' } as const;

/** Where the plan stands: back in category 1 (when), not yet, or past its deadline. */
export function ProgressBadge({ plan }: { plan: AccountPlan }) {
  const { t } = useTranslation();
  const p = plan.progress;
  const label = p.status === 'reached' ? t(p.onTime ? 'balance.plans.progress.reached' : 'balance.plans.progress.reachedLate', { period: p.period }) : t(`balance.plans.progress.${p.status}`);
  return (
    <Badge color={progressColor[p.status]} variant="filled" size="sm">
      {label}
    </Badge>
  );
}

/**
 * The account's action plans (state, deadline, progress) and, for a category 2/3 account that
 * needs one, the form that creates it for those who write the department's plans; the plan is
 * then written in the plan editor.
 */
export function AccountPlans({ account, mayCreate }: { account: BalanceAccount; mayCreate: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsPlan = account.needs.some((n) => n.code === 'actionPlanMissing');

  const create = async () => {
    if (!account.latest) return;
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const plan = await api<{ id: string }>('POST', `/reconciliations/${account.latest.id}/action-plan`, { responsible, deadline });
      await client.invalidateQueries({ queryKey: ['balance-accounts'] });
      await client.invalidateQueries({ queryKey: ['balance-account', account.id] });
      void navigate(`/plans/${plan.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field.replace(/^body\./, ''), x.message])));
        setFailure(e.detail ? `${t('balance.plans.createFailed')}: ${e.detail}` : t('balance.plans.createFailed'));
      } else setFailure(t('balance.plans.createFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      <Title order={3}>{t('balance.plans.title')}</Title>
      {account.actionPlans.length === 0 && !needsPlan && <Text size="sm">{t('balance.plans.none')}</Text>}
      {account.actionPlans.map((p) => (
        <Group key={p.id} gap="sm">
          <Anchor component={Link} to={`/plans/${p.id}`}>
            {t('balance.plans.open', { period: p.subjectPeriod })}
          </Anchor>
          <Badge color={p.state === 'approved' ? '#1e6b2e' : p.state === 'submitted' ? 'blue.9' : 'gray.8'} variant="filled" size="sm">
            {t(`balance.plans.state.${p.state}`)}
          </Badge>
          <Text size="sm">
            {t('balance.plans.deadlineLabel')}: {p.deadline?.display ?? t('balance.plans.noDeadline')}
          </Text>
          <ProgressBadge plan={p} />
        </Group>
      ))}
      {needsPlan && account.latest && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Text size="sm">{t('balance.plans.needed', { category: account.latest.category })}</Text>
            {mayCreate && (
              <>
                {failure && (
                  <Alert color="red.9" variant="light" role="alert" p="xs">
                    <Text size="sm">{failure}</Text>
                  </Alert>
                )}
                <Group align="start" gap="sm" wrap="wrap">
                  <TextInput label={t('balance.plans.responsible')} description={t('balance.plans.responsibleHint')} value={responsible} required error={errors.responsible} onChange={(e) => setResponsible(e.currentTarget.value)} w={260} />
                  <TextInput label={t('balance.plans.deadline')} description={t('balance.plans.deadlineHint')} value={deadline} required error={errors.deadline} onChange={(e) => setDeadline(e.currentTarget.value)} w={260} />
                </Group>
                <Group>
                  <Button onClick={() => void create()} loading={busy}>
                    {t('balance.plans.create')}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
