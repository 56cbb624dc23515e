import { mayAudit } from '../../components/activity/roles';
import { useUnsavedWarning } from '../../components/activity/forms';
import { PlanActivity } from '../../components/plans/PlanActivity';
import { Alert, Anchor, Badge, Box, Button, Grid, Group, List, Loader, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useBlocker } from '../../components/leave';
import { checkPlan } from '../../../domain';
import { api, ApiError } from '../../api';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import { AnswerDocuments } from '../../components/plans/AnswerDocuments';
import { kr } from '../../components/balance/money';
import { ConflictView, type ConflictRow } from '../../components/plans/ConflictView';
import { DeadlineField } from '../../components/plans/DeadlineField';
import {
  fieldId,
  forCheck,
  isDirty,
  measureChanges,
  measureFields,
  nextNumber,
  planChanges,
  planDraft,
  planFields,
  renumbered,
  type BreachDto,
  type CheckDto,
  type MeasureDraft,
  type MeasureDto,
  type PlanDraft,
  type PlanDto,
  type Recommendation,
} from '../../components/plans/draft';
import { GuidancePanel } from '../../components/plans/GuidancePanel';
import { LixNote } from '../../components/plans/LixNote';
import { MeasureEditor, MeasureView } from '../../components/plans/MeasureEditor';
import { ApproveForm, ReturnForm, problemText, type ApprovalValues } from '../../components/plans/ReviewForms';
import { RevisionHistory } from '../../components/plans/RevisionHistory';
import { formatDay } from '../../format';
import { useFinding } from '../../queries/findings';
import { fetchPlan, planKeys, useOwnerCandidates, usePlan, usePlanCheck } from '../../queries/plans';

const ifMatch = (v: number | null) => ({ 'if-match': `"${v ?? 0}"` });
const ADD_ID = 'plan-add-measure';

/** The plan editor: problem, extent, overall deadline and the measures, with the guidance check beside it. */
export default function PlanEditor() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const plan = usePlan(id);
  if (plan.isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (plan.isError) {
    const notFound = plan.error instanceof ApiError && plan.error.status === 404;
    return (
      <Stack>
        <Title order={2}>{t('plans.title')}</Title>
        <Alert color={notFound ? 'gray' : 'red'} role="alert" title={notFound ? t('plans.notFound') : t('app.error')} />
      </Stack>
    );
  }
  return <Editor key={id} initial={plan.data} />;
}

interface Conflict {
  scope: string;
  title: string;
  rows: ConflictRow[];
  note?: string;
}

/**
 * Merges the form onto a fresh copy of the plan: what the user changed stays, what they did not
 * change follows the server. `theirs` names the one part (plan or a measure key) to take from the
 * server whole, when the user chose "continue from the current version".
 */
function rebase(draft: PlanDraft, old: PlanDraft, fresh: PlanDraft, theirs: string | null): PlanDraft {
  const pick = <T,>(mine: T, was: T, now: T, take: boolean) => (take || JSON.stringify(mine) === JSON.stringify(was) ? now : mine);
  const out: PlanDraft = { ...fresh, measures: [] };
  for (const f of planFields) out[f] = pick(draft[f], old[f], fresh[f], theirs === 'plan');
  const freshByKey = new Map(fresh.measures.map((m) => [m.key, m]));
  const oldByKey = new Map(old.measures.map((m) => [m.key, m]));
  const draftKeys = new Set(draft.measures.map((m) => m.key));
  for (const m of draft.measures) {
    if (!m.id) {
      out.measures.push(m);
      continue;
    }
    const now = freshByKey.get(m.key);
    const was = oldByKey.get(m.key);
    if (!now) continue; // deleted by someone else
    const merged: MeasureDraft = { ...now };
    for (const f of measureFields) merged[f] = pick(m[f], was?.[f] ?? m[f], now[f], theirs === m.key);
    merged.recommendationIds = pick(m.recommendationIds, was?.recommendationIds ?? m.recommendationIds, now.recommendationIds, theirs === m.key);
    out.measures.push(merged);
  }
  // Measures someone else added (not ones this user removed) join at the end.
  for (const m of fresh.measures) if (!draftKeys.has(m.key) && !oldByKey.has(m.key)) out.measures.push(m);
  return out;
}

function Editor({ initial }: { initial: PlanDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const queryClient = useQueryClient();
  const vocabulary = session.municipality.vocabulary;
  const context = vocabulary === 'SE' ? 'SE' : undefined;
  const planId = initial.id;

  const [server, setServer] = useState(initial);
  const [saved, setSaved] = useState(() => planDraft(initial));
  const [draft, setDraft] = useState(() => planDraft(initial));
  const [planVersion, setPlanVersion] = useState(initial.version);
  const [renumberPending, setRenumberPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, Record<string, string>>>({});
  const [formError, setFormError] = useState<{ title: string; items: string[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const [answersDirty, setAnswersDirty] = useState<Record<string, boolean>>({});
  const [newCount, setNewCount] = useState(0);

  // A balance account's plan answers no finding (no id: nothing is asked)
  const finding = useFinding(server.findingId ?? '');
  const recommendations = finding.data?.recommendations ?? [];
  const check = usePlanCheck(planId);
  const [review, setReview] = useState<'approve' | 'return' | null>(null);

  // Roles decide which explanation to show; the server's `actions` decide which buttons exist
  const canEdit = session.roles.some((r) => r.role === 'admin' || r.role === 'centralCoordinator' || (r.role === 'departmentCoordinator' && r.departmentId === server.departmentId));
  const locked = server.state === 'submitted';
  const actions = server.actions;
  const editable = actions.update;
  const owners = useOwnerCandidates(planId, editable);
  const formDirty = editable && (isDirty(draft, saved) || renumberPending);
  const dirty = formDirty || Object.values(answersDirty).some(Boolean);

  // Ask before leaving with unsaved changes: in the app (router) and when closing the tab.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useUnsavedWarning(dirty);

  useEffect(() => {
    if (!focusNext) return;
    const el = document.getElementById(focusNext);
    if (el) el.focus();
    setFocusNext(null);
  }, [focusNext]);

  const liveBreaches = useMemo(() => checkPlan(forCheck(draft, vocabulary, recommendations, server.acceptances, server.account), lang).breaches as BreachDto[], [draft, vocabulary, recommendations, server.acceptances, server.account, lang]);
  const showLive = formDirty || !check.data;
  const breaches = showLive ? liveBreaches : check.data!.breaches;

  const reset = (p: PlanDto) => {
    setServer(p);
    const d = planDraft(p);
    setSaved(d);
    setDraft(d);
    setPlanVersion(p.version);
    setRenumberPending(false);
    queryClient.setQueryData(planKeys.detail(planId), p);
  };
  const refreshCheck = () => {
    void queryClient.invalidateQueries({ queryKey: planKeys.revisions(planId) });
    return queryClient.invalidateQueries({ queryKey: planKeys.check(planId) });
  };

  const setPlanField = (field: 'problem' | 'extent' | 'overallDeadline', value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const setMeasure = (key: string, patch: Partial<MeasureDraft>) => setDraft((d) => ({ ...d, measures: d.measures.map((m) => (m.key === key ? { ...m, ...patch } : m)) }));
  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    const measures = [...draft.measures];
    const [m] = measures.splice(index, 1);
    measures.splice(target, 0, m!);
    setDraft({ ...draft, measures });
    setAnnounce(t('plans.moved', { context, number: m!.number, position: target + 1 }));
    const atEdge = target === 0 || target === measures.length - 1;
    setFocusNext(fieldId(m!.key, atEdge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down'));
  };
  const remove = (key: string) => {
    setDraft((d) => ({ ...d, measures: d.measures.filter((m) => m.key !== key) }));
    setFocusNext(ADD_ID);
  };
  const add = () => {
    const key = `new-${newCount + 1}`;
    setNewCount((n) => n + 1);
    const m: MeasureDraft = { key, id: null, version: null, number: nextNumber(draft.measures), title: '', text: '', responsibleUnit: '', responsiblePerson: '', ownerUserId: '', deadline: '', followUpPoint: '', expectedEffect: '', recommendationIds: [] };
    setDraft((d) => ({ ...d, measures: [...d.measures, m] }));
    setFocusNext(fieldId(key, 'title'));
  };
  const previewRenumber = () => {
    const numbers = renumbered(draft.measures.map((m) => m.number));
    setDraft((d) => ({ ...d, measures: d.measures.map((m, i) => ({ ...m, number: numbers[i] ?? m.number })) }));
    setRenumberPending(true);
  };

  const labelOfMeasureField: Record<string, string> = {
    number: t('plans.number'),
    title: t('plans.measureTitle'),
    text: t('plans.text'),
    responsibleUnit: t('plans.responsibleUnit'),
    responsiblePerson: t('plans.responsiblePerson'),
    ownerUserId: t('plans.owner'),
    deadline: t('plans.deadline', { context }),
    followUpPoint: t('plans.followUpPoint', { context }),
    expectedEffect: t('plans.expectedEffect'),
  };
  // An account plan keeps its target (back in category 1 by the deadline) in `extent`
  const extentLabel = server.account ? t('balance.plans.target') : t('plans.extent');
  const labelOfPlanField: Record<string, string> = { problem: t('plans.problem'), extent: extentLabel, overallDeadline: t('plans.overallDeadline', { context }) };

  /** Saves every change (plan, removed, changed, new measures, order) with the versions the form was loaded at. */
  const save = async (): Promise<boolean> => {
    setBusy(true);
    setErrors({});
    setFormError(null);
    setNotice(null);
    let base = saved;
    let cur = draft;
    let version = planVersion;
    let scope = 'plan';
    try {
      const pc = planChanges(cur, base);
      if (Object.keys(pc).length) {
        const p = await api<PlanDto>('PATCH', `/plans/${planId}`, pc, ifMatch(version));
        version = p.version;
        base = { ...base, problem: cur.problem, extent: cur.extent, overallDeadline: cur.overallDeadline };
      }
      for (const m of base.measures.filter((b) => !cur.measures.some((c) => c.key === b.key))) {
        scope = m.key;
        await api('DELETE', `/measures/${m.id}`, undefined, ifMatch(m.version));
        base = { ...base, measures: base.measures.filter((x) => x.key !== m.key) };
      }
      for (const m of cur.measures) {
        if (!m.id) continue;
        const before = base.measures.find((x) => x.key === m.key);
        const changes = measureChanges(m, before);
        if (renumberPending) delete changes.number;
        if (!Object.keys(changes).length) continue;
        scope = m.key;
        const r = await api<MeasureDto>('PATCH', `/measures/${m.id}`, changes, ifMatch(m.version));
        const next = { ...m, version: r.version, number: renumberPending ? (before?.number ?? m.number) : m.number };
        cur = { ...cur, measures: cur.measures.map((x) => (x.key === m.key ? { ...x, version: r.version } : x)) };
        base = { ...base, measures: base.measures.map((x) => (x.key === m.key ? next : x)) };
      }
      let created = false;
      for (const [i, m] of cur.measures.entries()) {
        if (m.id) continue;
        scope = m.key;
        const r = await api<MeasureDto>('POST', `/plans/${planId}/measures`, { ...measureChanges(m, undefined), position: i + 1 });
        const next = { ...m, id: r.id, version: r.version };
        cur = { ...cur, measures: cur.measures.map((x) => (x.key === m.key ? next : x)) };
        base = { ...base, measures: [...base.measures, next] };
        created = true;
      }
      const order = cur.measures.map((m) => m.key).join();
      if (created || renumberPending || order !== base.measures.map((m) => m.key).join()) {
        scope = 'plan';
        const p = await api<PlanDto>('PUT', `/plans/${planId}/measure-order`, { measureIds: cur.measures.map((m) => m.id), renumber: renumberPending }, ifMatch(version));
        version = p.version;
      }
      reset(await fetchPlan(planId));
      void refreshCheck();
      setNotice(t('plans.saved'));
      return true;
    } catch (err) {
      setSaved(base);
      setDraft(cur);
      setPlanVersion(version);
      await failed(err, scope, cur, base);
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** A failed save keeps what the user typed: field errors beside their fields, a 409 as both versions. */
  const failed = async (err: unknown, scope: string, cur: PlanDraft, base: PlanDraft) => {
    if (!(err instanceof ApiError)) {
      setFormError({ title: t('plans.saveFailed'), items: [t('errors.offline')] });
      return;
    }
    const current = err.body.current as (PlanDto & MeasureDto) | undefined;
    if ((err.status === 409 && current) || (err.status === 404 && scope !== 'plan')) {
      const fresh = await fetchPlan(planId).catch(() => null);
      const mine = cur.measures.find((m) => m.key === scope);
      let rows: ConflictRow[];
      let note: string | undefined;
      if (scope === 'plan') {
        const now = fresh ? planDraft(fresh) : null;
        rows = planFields.map((f) => ({ label: labelOfPlanField[f]!, yours: cur[f], current: now?.[f] ?? '' }));
      } else {
        const now = fresh ? planDraft(fresh).measures.find((m) => m.key === scope) : undefined;
        if (!now) note = t('plans.conflict.removed', { context });
        rows = measureFields
          .filter((f) => vocabulary === 'SE' || f !== 'expectedEffect')
          .map((f) => ({ label: labelOfMeasureField[f]!, yours: mine?.[f] ?? '', current: now?.[f] ?? '' }));
      }
      const changed = rows.filter((r) => r.yours !== r.current);
      setConflict({ scope, title: t('plans.conflict.title', { context }), rows: changed.length ? changed : rows, ...(note ? { note } : {}) });
      if (fresh) setServer(fresh);
      return;
    }
    const byScope: Record<string, Record<string, string>> = {};
    for (const e of err.errors) {
      const field = e.field.replace(/^body\./, '').replace(/\.\d+$/, '');
      (byScope[scope] ??= {})[field] = e.message;
    }
    setErrors(byScope);
    setFormError({ title: t('plans.saveFailed'), items: [err.detail ?? err.title] });
    void base;
  };

  const resolveConflict = async (takeTheirs: boolean) => {
    if (!conflict) return;
    const fresh = await fetchPlan(planId);
    const merged = rebase(draft, saved, planDraft(fresh), takeTheirs ? conflict.scope : null);
    setServer(fresh);
    setSaved(planDraft(fresh));
    setDraft(merged);
    setPlanVersion(fresh.version);
    setConflict(null);
    queryClient.setQueryData(planKeys.detail(planId), fresh);
    void refreshCheck();
  };

  const submit = async () => {
    if (formDirty && !(await save())) return;
    setBusy(true);
    setFormError(null);
    setNotice(null);
    try {
      const current = await fetchPlan(planId);
      const p = await api<PlanDto>('POST', `/plans/${planId}/submit`, undefined, ifMatch(current.version));
      reset(p);
      setNotice(t('plans.submitted', { context }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setFormError({ title: t('plans.submitBlocked', { context }), items: err.errors.map((e) => e.message) });
      else if (err instanceof ApiError) setFormError({ title: err.title, items: [err.detail ?? ''] });
      else setFormError({ title: t('app.error'), items: [t('errors.offline')] });
    } finally {
      setBusy(false);
      void refreshCheck();
    }
  };

  /** Review and revision commands: each answers the plan, which replaces the form's copy. */
  const command = async (path: string, body: unknown, message: string) => {
    setFormError(null);
    setNotice(null);
    const current = await fetchPlan(planId);
    const p = await api<PlanDto>('POST', `/plans/${planId}/${path}`, body, ifMatch(current.version));
    reset(p);
    setReview(null);
    setNotice(message);
    void refreshCheck();
  };
  const approve = (v: ApprovalValues) => command('approvals', v, t('plans.review.approved', { context }));
  const returnPlan = (comment: string) => command('return', { reason: comment }, t('plans.review.returned', { context }));
  const revise = async () => {
    setBusy(true);
    try {
      await command('revise', undefined, t('plans.review.revised', { number: server.revision + 1 }));
    } catch (err) {
      setFormError({ title: t('app.error'), items: [problemText(err, t('errors.offline'))] });
    } finally {
      setBusy(false);
    }
  };
  const openErrors = (check.data?.breaches ?? []).filter((b) => b.severity === 'error' && !b.accepted).length;

  const acceptBreach = async (b: BreachDto, reason: string) => {
    await api('POST', `/plans/${planId}/acceptances`, { code: b.code, measureId: b.measureId, field: b.field, reason });
    reset(await fetchPlan(planId));
    await refreshCheck();
  };

  /** Withdraws an accepted error: the breach blocks submission again until fixed or accepted anew. */
  const withdrawBreach = async (b: BreachDto) => {
    const acceptance = server.acceptances.find((a) => a.code === b.code && (a.measureId ?? null) === (b.measureId ?? null) && a.field === b.field);
    if (!acceptance) return;
    await api('DELETE', `/plans/${planId}/acceptances/${acceptance.id}`);
    reset(await fetchPlan(planId));
    await refreshCheck();
    setNotice(t('plans.check.withdrawn', { context }));
  };

  const focusBreach = (b: BreachDto) => {
    let target = fieldId('plan', b.field);
    if (b.code === 'plan.noMeasures') target = ADD_ID;
    else if (b.code === 'recommendation.uncovered') target = draft.measures[0] ? fieldId(draft.measures[0].key, `rec-${b.recommendationNumber}`) : ADD_ID;
    else if (b.code === 'account.targetMissing') target = fieldId('plan', 'extent');
    else if (b.code === 'measure.responsibleMissing' && b.measureId) target = fieldId(b.measureId, 'responsiblePerson');
    else if (b.measureId && b.code !== 'plan.overallDeadlineBeforeMeasure') target = fieldId(b.measureId, b.field);
    const el = document.getElementById(target);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  };

  const onAnswersDirty = useCallback((kind: string, d: boolean) => setAnswersDirty((prev) => (prev[kind] === d ? prev : { ...prev, [kind]: d })), []);
  const planErrors = errors.plan ?? {};
  const savedMeasures = new Map(server.measures.map((m) => [m.id, m]));
  const departmentLabel = server.crossCutting ? `${server.departmentCode} (${t('plans.crossCutting')})` : server.departmentCode;
  const stateLabel = t(`finding.planState.${server.state}`);

  return (
    <Stack gap="sm">
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
      {server.finding && <Text size="sm">{t('plans.finding', { context, number: server.finding.number, year: server.finding.reportYear, title: server.finding.title })}</Text>}
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
        <Alert variant="light" color="orange.9" p="xs" title={server.returnComment.byName ? t('plans.review.returnedTitle', { name: server.returnComment.byName }) : t('plans.review.returnedTitleNoName')} data-testid="return-comment">
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
              <Button size="xs" variant="default" onClick={() => void revise()} loading={busy}>
                {t('plans.review.revise')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {(actions.approve || actions.return) && (
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
          {review === 'approve' && <ApproveForm id="plan-approve" title={t('plans.review.approveTitle', { context })} openErrors={openErrors} allowOverride onApprove={approve} onCancel={() => setReview(null)} />}
          {review === 'return' && <ReturnForm id="plan-return" onReturn={returnPlan} onCancel={() => setReview(null)} />}
        </Paper>
      )}
      {conflict && <ConflictView title={conflict.title} rows={conflict.rows} note={conflict.note} onContinueCurrent={() => void resolveConflict(true)} onKeepMine={() => void resolveConflict(false)} />}
      {formError && (
        <Alert color="red.9" variant="light" role="alert" title={formError.title}>
          <List size="sm">
            {formError.items.filter(Boolean).map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {notice && (
        <Alert color="green.9" variant="light" role="status" p="xs">
          <Text size="sm">{notice}</Text>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <Paper withBorder p="sm" component="section" aria-labelledby="plan-section-title">
              <Title order={3} size="h4" id="plan-section-title" mb="xs">
                {t('plans.plan')}
              </Title>
              {editable ? (
                <Stack gap="xs">
                  <div>
                    <Textarea id={fieldId('plan', 'problem')} label={t('plans.problem')} autosize minRows={2} maxRows={10} value={draft.problem} error={planErrors.problem} onChange={(e) => setPlanField('problem', e.currentTarget.value)} />
                    <LixNote text={draft.problem} />
                  </div>
                  <div>
                    <Textarea id={fieldId('plan', 'extent')} label={extentLabel} autosize minRows={2} maxRows={10} value={draft.extent} error={planErrors.extent} onChange={(e) => setPlanField('extent', e.currentTarget.value)} />
                    <LixNote text={draft.extent} />
                  </div>
                  <Box maw={360}>
                    <DeadlineField
                      id={fieldId('plan', 'overallDeadline')}
                      label={t('plans.overallDeadline', { context })}
                      value={draft.overallDeadline}
                      saved={server.overallDeadline}
                      serverError={planErrors.overallDeadline}
                      onChange={(v) => setPlanField('overallDeadline', v)}
                    />
                  </Box>
                </Stack>
              ) : (
                <Stack gap="xs">
                  {[
                    [t('plans.problem'), server.problem],
                    [extentLabel, server.extent],
                    [t('plans.overallDeadline', { context }), server.overallDeadline?.display ?? null],
                  ].map(([label, value]) => (
                    <div key={label}>
                      <Text size="xs" fw={600}>
                        {label}
                      </Text>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {value?.trim() ? value : t('plans.empty')}
                      </Text>
                    </div>
                  ))}
                </Stack>
              )}
            </Paper>
            <Stack gap="xs" component="section" aria-labelledby="measures-title">
              <Group justify="space-between">
                <Title order={3} size="h4" id="measures-title">
                  {t('plans.measures', { context })}
                </Title>
                {editable && draft.measures.length > 1 && (
                  <Group gap="xs">
                    {renumberPending && <Text size="xs">{t('plans.renumberPending')}</Text>}
                    <Button size="compact-sm" variant="default" onClick={previewRenumber} title={t('plans.renumberHint')}>
                      {t('plans.renumber')}
                    </Button>
                  </Group>
                )}
              </Group>
              <div aria-live="polite" className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                {announce}
              </div>
              {(editable ? draft.measures.length : server.measures.length) === 0 && <Text size="sm">{t('plans.noMeasures', { context })}</Text>}
              <Stack gap="xs" component="ol" p={0} m={0}>
                {editable
                  ? draft.measures.map((m, i) => (
                      <MeasureEditor
                        key={m.key}
                        measure={m}
                        saved={m.id ? savedMeasures.get(m.id) : undefined}
                        index={i}
                        count={draft.measures.length}
                        recommendations={recommendations}
                        owners={owners.data ?? []}
                        vocabulary={vocabulary}
                        errors={errors[m.key] ?? {}}
                        onChange={(patch) => setMeasure(m.key, patch)}
                        onMove={(delta) => move(i, delta)}
                        onRemove={() => remove(m.key)}
                      />
                    ))
                  : [...server.measures].sort((a, b) => a.position - b.position).map((m) => <MeasureView key={m.id} measure={m} recommendations={recommendations} vocabulary={vocabulary} />)}
              </Stack>
              {editable && (
                <Group>
                  <Button id={ADD_ID} variant="default" size="sm" onClick={add}>
                    {t('plans.addMeasure', { context })}
                  </Button>
                </Group>
              )}
            </Stack>
            {editable && (
              <Paper withBorder p="xs" style={{ position: 'sticky', bottom: 'calc(var(--app-shell-footer-offset, 0px) + 4px)', zIndex: 5 }}>
                <Group gap="xs">
                  <Button onClick={() => void save()} loading={busy} disabled={!formDirty || !!conflict}>
                    {t('plans.save')}
                  </Button>
                  {actions.submit && (
                    <Button variant="outline" onClick={() => void submit()} disabled={busy || !!conflict}>
                      {t('plans.submit')}
                    </Button>
                  )}
                </Group>
              </Paper>
            )}
            {(vocabulary === 'SE' || server.answers.length > 0) && (
              <AnswerDocuments planId={planId} answers={server.answers} vocabulary={vocabulary} canEdit={canEdit} onSaved={() => undefined} onDirty={onAnswersDirty} />
            )}
            {server.approvals.length > 0 && (
              <Paper withBorder p="sm" component="section" aria-labelledby="plan-approvals-title">
                <Title order={3} size="h4" id="plan-approvals-title" mb="xs">
                  {t('plans.review.approvals')}
                </Title>
                <List size="sm" spacing={4}>
                  {server.approvals.map((a) => (
                    <List.Item key={a.id}>
                      {t('plans.review.approvalLine', { revision: a.revision, date: formatDay(a.approvedOn, lang), name: a.approvedByName })}
                      {a.meeting ? ` · ${a.meeting.body}, ${formatDay(a.meeting.heldOn, lang)}${a.meeting.agendaItem ? ` (${a.meeting.agendaItem})` : ''}` : ''}
                      {a.note ? ` · ${a.note}` : ''}
                      {a.overrideReason && (
                        <Text size="sm" fw={600}>
                          {t('plans.review.overridden', { reason: a.overrideReason })}
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              </Paper>
            )}
            {server.approvedRevision !== null && <RevisionHistory planId={server.id} context={context} />}
            <PlanActivity planId={server.id} measures={[...server.measures].sort((a, b) => a.position - b.position)} context={context} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {(editable || check.data) && (
            <Box style={{ position: 'sticky', top: 'calc(var(--app-shell-header-offset, 52px) + 8px)' }}>
              <GuidancePanel breaches={breaches} live={showLive} vocabulary={vocabulary} canAccept={editable} onFocus={focusBreach} onAccept={acceptBreach} onWithdraw={withdrawBreach} />
            </Box>
          )}
        </Grid.Col>
      </Grid>
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('plans.leave.title')} centered>
        <Text size="sm" mb="md">
          {t('plans.leave.text')}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            {t('plans.leave.stay')}
          </Button>
          <Button color="red.9" onClick={() => blocker.proceed?.()}>
            {t('plans.leave.leave')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
