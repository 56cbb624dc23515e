import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorAlertStyles } from '../../../components/activity/forms';
import { NewPlanForm, type NewPlanTexts } from '../../../components/balance/NewPlanForm';
import type { Language } from '../../../i18n';
import { balanceKeys, createSystemPlan, useSystemReconciliations, type SystemReconciliation } from '../../../queries/balance';
import type { MatchingRun as Run, MatchingSystem } from '../../../queries/matching';
import { useSession } from '../../../session';
import { mayRun, money } from '../shared';

/** The system reconciliation entry the run's difference feeds (shown in the committee view). */
export function ReconciliationLine({ run, system }: { run: Run; system: MatchingSystem | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const entries = useSystemReconciliations(system?.code, run.period, Boolean(system && run.systemReconciliationId));
  const entry = entries.data?.find((e) => e.id === run.systemReconciliationId);
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">
        {t('matching.run.reconciliation')}
      </Title>
      {!run.systemReconciliationId ? (
        <Text size="sm">{t('matching.run.reconciliationNone')}</Text>
      ) : entry ? (
        <>
          <Text size="sm">
            {t('matching.run.reconciliationLine', {
              system: entry.system,
              target: t(`balance.plans.systemTargets.${entry.target}`),
              period: entry.period,
              amount: money(entry.differenceOre, lang),
            })}
          </Text>
          {entry.explanation && <Text size="sm">{entry.explanation}</Text>}
          {entry.actionPlan && (
            <Anchor component={Link} to={`/plans/${entry.actionPlan.id}`} size="sm">
              {t('matching.run.reconciliationPlan')}
            </Anchor>
          )}
          {!entry.actionPlan && entry.differenceOre !== 0 && <SystemPlanForm entry={entry} />}
        </>
      ) : null}
      <Anchor component={Link} to="/balance/committees" size="sm">
        {t('matching.run.reconciliationCommittee')}
      </Anchor>
    </Stack>
  );
}

/**
 * A system reconciliation with a difference and no plan: the difference needs an action plan
 * (its responsible and deadline; the rest is written in the plan editor), made here by those who
 * write the department's plans (central coordination or the department's coordinator).
 */
function SystemPlanForm({ entry }: { entry: SystemReconciliation }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const mayCreate = mayRun(session, entry.departmentId);
  const texts: NewPlanTexts = {
    responsible: t('matching.run.planResponsible'),
    responsibleHint: t('matching.run.planResponsibleHint'),
    deadline: t('matching.run.planDeadline'),
    deadlineHint: t('matching.run.planDeadlineHint'),
    create: t('matching.run.planCreate'),
    failed: t('matching.run.planFailed'),
  };

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text size="sm">{t('matching.run.planNeeded')}</Text>
        {mayCreate && (
          <NewPlanForm
            texts={texts}
            create={(input) => createSystemPlan(entry.id, input)}
            onCreated={() => client.invalidateQueries({ queryKey: balanceKeys.systemReconciliations })}
            clearErrorOnEdit
            alertStyles={errorAlertStyles}
          />
        )}
      </Stack>
    </Paper>
  );
}
