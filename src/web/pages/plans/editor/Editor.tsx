import { Alert, Box, Button, Grid, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPlan } from '../../../../domain';
import { api, ApiError } from '../../../api';
import { useUnsavedWarning } from '../../../components/activity/forms';
import { useBlocker } from '../../../components/leave';
import { AnswerDocuments } from '../../../components/plans/AnswerDocuments';
import { ConflictView, type ConflictRow } from '../../../components/plans/ConflictView';
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
  type MeasureDraft,
  type MeasureDto,
  type PlanDraft,
  type PlanDto,
} from '../../../components/plans/draft';
import { GuidancePanel } from '../../../components/plans/GuidancePanel';
import { MeasureEditor, MeasureView } from '../../../components/plans/MeasureEditor';
import { PlanActivity } from '../../../components/plans/PlanActivity';
import { problemText, type ApprovalValues } from '../../../components/plans/ReviewForms';
import { RevisionHistory } from '../../../components/plans/RevisionHistory';
import type { Language } from '../../../i18n';
import { useFinding } from '../../../queries/findings';
import { fetchPlan, planKeys, useOwnerCandidates, usePlanCheck } from '../../../queries/plans';
import { useSession } from '../../../session';
import { Approvals } from './Approvals';
import { LeaveModal } from './LeaveModal';
import { PlanHeader, ReviewPanel } from './PlanHeader';
import { PlanSection } from './PlanSection';
import { ADD_ID, ifMatch, rebase, type Conflict } from './rebase';

/** The editor of one loaded plan: the form's state, its commands (save, submit, review) and the page's layout. */
export function Editor({ initial }: { initial: PlanDto }) {
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
  const recommendations = useMemo(() => finding.data?.recommendations ?? [], [finding.data]);
  const check = usePlanCheck(planId);
  const [review, setReview] = useState<'approve' | 'return' | null>(null);

  // Roles decide which explanation to show; the server's `actions` decide which buttons exist
  const canEdit = session.roles.some(
    (r) => r.role === 'admin' || r.role === 'centralCoordinator' || (r.role === 'departmentCoordinator' && r.departmentId === server.departmentId),
  );
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

  const liveBreaches = useMemo(
    () => checkPlan(forCheck(draft, vocabulary, recommendations, server.acceptances, server.account), lang).breaches as BreachDto[],
    [draft, vocabulary, recommendations, server.acceptances, server.account, lang],
  );
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
  const setMeasure = (key: string, patch: Partial<MeasureDraft>) =>
    setDraft((d) => ({ ...d, measures: d.measures.map((m) => (m.key === key ? { ...m, ...patch } : m)) }));
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
    const m: MeasureDraft = {
      key,
      id: null,
      version: null,
      number: nextNumber(draft.measures),
      title: '',
      text: '',
      responsibleUnit: '',
      responsiblePerson: '',
      ownerUserId: '',
      deadline: '',
      followUpPoint: '',
      expectedEffect: '',
      recommendationIds: [],
    };
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
  const labelOfPlanField: Record<string, string> = {
    problem: t('plans.problem'),
    extent: extentLabel,
    overallDeadline: t('plans.overallDeadline', { context }),
  };

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
        const p = await api<PlanDto>(
          'PUT',
          `/plans/${planId}/measure-order`,
          { measureIds: cur.measures.map((m) => m.id), renumber: renumberPending },
          ifMatch(version),
        );
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
      if (err instanceof ApiError && err.status === 422)
        setFormError({ title: t('plans.submitBlocked', { context }), items: err.errors.map((e) => e.message) });
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

  return (
    <Stack gap="sm">
      <PlanHeader server={server} context={context} canEdit={canEdit} dirty={dirty} busy={busy} onRevise={() => void revise()} />
      {(actions.approve || actions.return) && (
        <ReviewPanel
          server={server}
          context={context}
          review={review}
          setReview={setReview}
          openErrors={openErrors}
          approve={approve}
          returnPlan={returnPlan}
        />
      )}
      {conflict && (
        <ConflictView
          title={conflict.title}
          rows={conflict.rows}
          note={conflict.note}
          onContinueCurrent={() => void resolveConflict(true)}
          onKeepMine={() => void resolveConflict(false)}
        />
      )}
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
            <PlanSection
              server={server}
              draft={draft}
              editable={editable}
              context={context}
              extentLabel={extentLabel}
              planErrors={planErrors}
              setPlanField={setPlanField}
            />
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
              <div
                aria-live="polite"
                className="visually-hidden"
                style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
              >
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
                  : [...server.measures]
                      .sort((a, b) => a.position - b.position)
                      .map((m) => <MeasureView key={m.id} measure={m} recommendations={recommendations} vocabulary={vocabulary} />)}
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
              <AnswerDocuments
                planId={planId}
                answers={server.answers}
                vocabulary={vocabulary}
                canEdit={canEdit}
                onSaved={() => undefined}
                onDirty={onAnswersDirty}
              />
            )}
            {server.approvals.length > 0 && <Approvals approvals={server.approvals} />}
            {server.approvedRevision !== null && <RevisionHistory planId={server.id} context={context} />}
            <PlanActivity planId={server.id} measures={[...server.measures].sort((a, b) => a.position - b.position)} context={context} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {(editable || check.data) && (
            <Box style={{ position: 'sticky', top: 'calc(var(--app-shell-header-offset, 52px) + 8px)' }}>
              <GuidancePanel
                breaches={breaches}
                live={showLive}
                vocabulary={vocabulary}
                canAccept={editable}
                onFocus={focusBreach}
                onAccept={acceptBreach}
                onWithdraw={withdrawBreach}
              />
            </Box>
          )}
        </Grid.Col>
      </Grid>
      <LeaveModal blocker={blocker} />
    </Stack>
  );
}
