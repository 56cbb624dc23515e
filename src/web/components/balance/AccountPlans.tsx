import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { createReconciliationPlan, useInvalidateAccount, type AccountPlan, type BalanceAccount } from '../../queries/balance';
import { NewPlanForm, type NewPlanTexts } from './NewPlanForm';

/** Badge colours with white text at 4.5:1 or more (WCAG 1.4.3). */
const progressColor = { reached: '#1e6b2e', notYet: 'gray.8', overdue: 'red.9' } as const;

/** Where the plan stands: back in category 1 (when), not yet, or past its deadline. */
export function ProgressBadge({ plan }: { plan: AccountPlan }) {
  const { t } = useTranslation();
  const p = plan.progress;
  const label =
    p.status === 'reached'
      ? t(p.onTime ? 'balance.plans.progress.reached' : 'balance.plans.progress.reachedLate', { period: p.period })
      : t(`balance.plans.progress.${p.status}`);
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
  const invalidateAccount = useInvalidateAccount();
  const latest = account.latest;
  const needsPlan = account.needs.some((n) => n.code === 'actionPlanMissing');
  const texts: NewPlanTexts = {
    responsible: t('balance.plans.responsible'),
    responsibleHint: t('balance.plans.responsibleHint'),
    deadline: t('balance.plans.deadline'),
    deadlineHint: t('balance.plans.deadlineHint'),
    create: t('balance.plans.create'),
    failed: t('balance.plans.createFailed'),
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
      {needsPlan && latest && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Text size="sm">{t('balance.plans.needed', { category: latest.category })}</Text>
            {mayCreate && (
              <NewPlanForm texts={texts} create={(input) => createReconciliationPlan(latest.id, input)} onCreated={() => invalidateAccount(account.id)} />
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
