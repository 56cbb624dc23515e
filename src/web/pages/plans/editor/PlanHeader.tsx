import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mayAudit } from '../../../components/activity/roles';
import { kr } from '../../../components/balance/money';
import type { PlanDto } from '../../../components/plans/draft';
import { ApproveForm, ReturnForm, type ApprovalValues } from '../../../components/plans/ReviewForms';
import type { Language } from '../../../i18n';
import { useSession } from '../../../session';

/** The plan's heading: where it belongs, its state, and why it may or may not be changed now. */
export function PlanHeader({
  server,
  context,
  canEdit,
  dirty,
  busy,
  onRevise,
}: {
  server: PlanDto;
  context: 'SE' | undefined;
  /** The caller's role may write the plan (the explanation shown; buttons follow `server.actions`). */
  canEdit: boolean;
  dirty: boolean;
  busy: boolean;
  onRevise: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const actions = server.actions;
  const editable = actions.update;
  const locked = server.state === 'submitted';
  const departmentLabel = server.crossCutting ? `${server.departmentCode} (${t('plans.crossCutting')})` : server.departmentCode;
  const stateLabel = t(`finding.planState.${server.state}`);
  return (
    <>
      <Group gap="md">
        {server.account ? (
          <Anchor component={Link} to={`/balance/accounts/${server.account.id}`} size="sm">
            {t('balance.plans.backToAccount')}
          </Anchor>
        ) : server.systemReconciliation ? null : (
          <Anchor component={Link} to={`/findings/${server.findingId}`} size="sm">
            {t('plans.backToFinding', { context })}
          </Anchor>
        )}
        {mayAudit(session) && (
          <Anchor component={Link} to={`/plans/${server.id}/history`} size="sm">
            {t('admin.history.link')}
          </Anchor>
        )}
      </Group>
      <Group gap="sm" align="center">
        <Title order={2}>{t('plans.pageTitle', { context, department: departmentLabel })}</Title>
        <Badge variant="filled" color={server.state === 'approved' ? '#1e6b2e' : server.state === 'submitted' ? 'blue.9' : 'gray.8'}>
          {stateLabel}
        </Badge>
        {editable && (
          <Text size="sm" fw={dirty ? 600 : 400} aria-live="polite">
            {dirty ? t('plans.unsaved') : t('plans.allSaved')}
          </Text>
        )}
      </Group>
      {server.finding && (
        <Text size="sm">{t('plans.finding', { context, number: server.finding.number, year: server.finding.reportYear, title: server.finding.title })}</Text>
      )}
      {server.account && (
        <Text size="sm">
          {t('balance.plans.subject')}:{' '}
          <Anchor component={Link} to={`/balance/accounts/${server.account.id}`}>
            {server.account.number} {server.account.name}
          </Anchor>{' '}
          ({t('balance.plans.fromPeriod', { period: server.account.period })})
        </Text>
      )}
      {server.systemReconciliation && (
        <Text size="sm">
          {t('balance.plans.systemSubject')}:{' '}
          {t('balance.plans.systemLine', {
            system: server.systemReconciliation.system,
            target: t(`balance.plans.systemTargets.${server.systemReconciliation.target}`),
            period: server.systemReconciliation.period,
            amount: kr(server.systemReconciliation.differenceOre, lang),
          })}
        </Text>
      )}
      {!canEdit && (
        <Alert variant="light" color="gray" p="xs">
          <Text size="sm">{t('plans.readOnly', { context })}</Text>
        </Alert>
      )}
      {canEdit && locked && !actions.approve && (
        <Alert variant="light" color="blue" p="xs">
          <Text size="sm">{t('plans.locked', { context })}</Text>
        </Alert>
      )}
      {server.view === 'working' && server.approvedRevision !== null && server.state !== 'approved' && (
        <Alert variant="light" color="yellow" p="xs" data-testid="revision-banner">
          <Text size="sm" fw={600}>
            {t('plans.review.inProgress', { number: server.revision, approved: server.approvedRevision })}
          </Text>
        </Alert>
      )}
      {server.returnComment && (
        <Alert
          variant="light"
          color="orange.9"
          p="xs"
          title={server.returnComment.byName ? t('plans.review.returnedTitle', { name: server.returnComment.byName }) : t('plans.review.returnedTitleNoName')}
          data-testid="return-comment"
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {server.returnComment.comment}
          </Text>
        </Alert>
      )}
      {server.state === 'approved' && server.view === 'working' && actions.revise && (
        <Alert variant="light" color="gray" p="xs">
          <Stack gap={6}>
            <Text size="sm">{t('plans.review.approvedLocked', { context, number: server.revision })}</Text>
            <Text size="sm">{t('plans.review.reviseHint')}</Text>
            <Group>
              <Button size="xs" variant="default" onClick={onRevise} loading={busy}>
                {t('plans.review.revise')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </>
  );
}

/** Central coordination's review of a submitted plan: approve it or send it back. */
export function ReviewPanel({
  server,
  context,
  review,
  setReview,
  openErrors,
  approve,
  returnPlan,
}: {
  server: PlanDto;
  context: 'SE' | undefined;
  review: 'approve' | 'return' | null;
  setReview: (review: 'approve' | 'return' | null) => void;
  openErrors: number;
  approve: (values: ApprovalValues) => Promise<void>;
  returnPlan: (comment: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const actions = server.actions;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="plan-review-title">
      <Title order={3} size="h4" id="plan-review-title" mb="xs">
        {t('plans.review.title')}
      </Title>
      {review === null && (
        <Group gap="xs">
          {actions.approve && <Button onClick={() => setReview('approve')}>{t('plans.review.approve')}</Button>}
          {actions.return && (
            <Button variant="outline" color="red.9" onClick={() => setReview('return')}>
              {t('plans.review.return')}
            </Button>
          )}
        </Group>
      )}
      {review === 'approve' && (
        <ApproveForm
          id="plan-approve"
          title={t('plans.review.approveTitle', { context })}
          openErrors={openErrors}
          allowOverride
          onApprove={approve}
          onCancel={() => setReview(null)}
        />
      )}
      {review === 'return' && <ReturnForm id="plan-return" onReturn={returnPlan} onCancel={() => setReview(null)} />}
    </Paper>
  );
}
