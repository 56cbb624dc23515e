import { Alert, Anchor, Button, Group, List, Paper, Progress, SegmentedControl, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api';
import { LoadError, Loading } from '../../components/LoadState';
import { departmentRoundPath, useDepartmentRound } from '../../queries/rounds';
import type { Language } from '../../i18n';
import { useSession, useVocabulary } from '../../session';
import { formatDay } from '../../format';
import { LeaveGuard } from '../../components/rounds/LeaveGuard';
import { draftOf, MeasureCard, understood, type Draft, type DraftField } from '../../components/rounds/MeasureCard';
import { coordinates } from '../../components/rounds/roles';
import { RoundTable } from '../../components/rounds/RoundTable';
import { SubmissionBadge } from '../../components/rounds/StatusBadge';
import type { DepartmentRound as DepartmentRoundData, FieldErrors, RoundMeasure, StatusEntry, Submission } from '../../components/rounds/types';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** A submit error as the list shows it: the server's message, and the measure it points at (a link). */
interface SubmitError {
  message: string;
  measureId: string | null;
}

/** One department's answer to a follow-up round: every measure in one form, saved per measure, then submitted. */
export default function DepartmentRound() {
  const { id, departmentId } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const session = useSession();
  const path = departmentRoundPath(id!, departmentId!);
  const query = useDepartmentRound(id!, departmentId!);
  // The view and the filter live in the URL, so a link or a reload keeps them.
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'table' ? 'table' : 'cards';
  const onlyMine = params.get('mine') === '1';
  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  /** The measure a link asked for: focused once its card is on the page (after leaving the table or the filter). */
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [entries, setEntries] = useState<Record<string, StatusEntry | null>>({});
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, FieldErrors>>({});
  const [formErrors, setFormErrors] = useState<Record<string, string | null>>({});
  const [conflicts, setConflicts] = useState<Record<string, StatusEntry | null>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [submitErrors, setSubmitErrors] = useState<SubmitError[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [returnReason, setReturnReason] = useState('');
  const [reviewError, setReviewError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  // The server's entries replace the local ones, except where the user has unsaved answers.
  useEffect(() => {
    if (!query.data) return;
    const fromServer = Object.fromEntries(query.data.measures.map((m) => [m.measureId, m.entry]));
    setEntries(fromServer);
    setDrafts((prev) => {
      const next = { ...prev };
      for (const m of query.data.measures) if (!dirtyRef.current.has(m.measureId)) next[m.measureId] = draftOf(m.entry);
      return next;
    });
  }, [query.data]);

  // After every render until the target's card exists (it may appear a render later): no dependency list
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!focusTarget) return;
    const card = document.getElementById(`m-${focusTarget}`);
    if (!card) return;
    setFocusTarget(null);
    card.scrollIntoView({ block: 'start' });
    const field = card.querySelector<HTMLElement>('[aria-invalid="true"], input[type="radio"]:checked, input[type="radio"]');
    (field ?? card).focus();
  });

  const data: DepartmentRoundData | undefined = query.data;
  const submission: Submission | null = data?.submission ?? null;
  const answered = useMemo(() => (data ? data.measures.filter((m) => entries[m.measureId] ?? m.entry).length : 0), [data, entries]);

  if (query.isPending) return <Loading />;
  if (query.isError || !data) return <LoadError error={query.error} forbidden={t('errors.forbidden')} />;

  const total = data.measures.length;
  // The server says what the caller may do; before the first save there is no submission to submit yet.
  const canSubmit = submission
    ? submission.actions.submit
    : coordinates(session, data.department.id) && data.round.state === 'open' && data.round.kind === 'status';
  const canReview = !!submission && (submission.actions.return || submission.actions.accept);
  const hasMine = data.measures.some((m) => m.mine);
  const shown = onlyMine && hasMine ? data.measures.filter((m) => m.mine) : data.measures;
  // Bulk "on track" answers the measures nobody has answered yet, never over someone's answer or unsaved typing.
  const selectable = (m: RoundMeasure) =>
    m.actions.answer && m.allowedStatuses.includes('onTrack') && !dirty.has(m.measureId) && !(entries[m.measureId] ?? m.entry);

  const change = (m: RoundMeasure, patch: Partial<Draft>) => {
    setDrafts((prev) => ({ ...prev, [m.measureId]: { ...(prev[m.measureId] ?? draftOf(m.entry)), ...patch } }));
    setDirty((prev) => new Set(prev).add(m.measureId));
    setNotice(null);
    // A corrected field loses its error as the user types.
    setErrors((prev) => {
      const current = { ...(prev[m.measureId] ?? {}) };
      for (const k of Object.keys(patch)) delete current[k as DraftField];
      return { ...prev, [m.measureId]: current };
    });
  };

  /** What the status requires, checked before sending (the server checks the same on submit). */
  const validate = (d: Draft): FieldErrors => {
    const e: FieldErrors = {};
    if (!d.status) e.status = t('rounds.form.statusLabel');
    if (d.status === 'delayed') {
      if (!d.reason.trim()) e.reason = t('rounds.form.required.reason');
      if (!d.newDeadline.trim()) e.newDeadline = t('rounds.form.required.newDeadline');
      else {
        const u = understood(d.newDeadline, lang);
        if (u && !u.ok) e.newDeadline = u.message;
      }
    }
    if (d.status === 'cancelled' && !d.reason.trim()) e.reason = t('rounds.form.required.cancelReason');
    if (d.status === 'postponed' && !d.reason.trim()) e.reason = t('rounds.form.required.postponeReason');
    if (d.status === 'completed' && !d.selfCheckResult.trim()) e.selfCheckResult = t('rounds.form.required.selfCheck');
    return e;
  };

  const focusFirstError = (m: RoundMeasure, e: FieldErrors) => {
    const first = (['reason', 'newDeadline', 'selfCheckResult', 'note'] as const).find((k) => e[k]);
    if (first) requestAnimationFrame(() => document.getElementById(`m-${m.measureId}-${first}`)?.focus());
  };

  /** A saved measure: its answer is the server's now, and its submit errors are gone (the box closes when none is left). */
  const saved = (m: RoundMeasure, entry: StatusEntry) => {
    setEntries((prev) => ({ ...prev, [m.measureId]: entry }));
    setDrafts((prev) => ({ ...prev, [m.measureId]: draftOf(entry) }));
    setDirty((prev) => {
      const next = new Set(prev);
      next.delete(m.measureId);
      dirtyRef.current = next;
      return next;
    });
    setErrors((prev) => ({ ...prev, [m.measureId]: {} }));
    setFormErrors((prev) => ({ ...prev, [m.measureId]: null }));
    setConflicts((prev) => ({ ...prev, [m.measureId]: null }));
    setSubmitErrors((prev) => {
      if (!prev) return prev;
      const left = prev.filter((x) => x.measureId !== m.measureId);
      if (left.length === 0) {
        setNotice(t('rounds.form.errorsFixed'));
        return null;
      }
      return left;
    });
  };

  const save = async (m: RoundMeasure, overVersion?: number) => {
    const d = drafts[m.measureId] ?? draftOf(m.entry);
    const e = validate(d);
    if (Object.keys(e).length) {
      setErrors((prev) => ({ ...prev, [m.measureId]: e }));
      setFormErrors((prev) => ({ ...prev, [m.measureId]: t('rounds.form.saveFailed') }));
      focusFirstError(m, e);
      return;
    }
    const existing = entries[m.measureId] ?? null;
    const version = overVersion ?? existing?.version;
    setSaving(m.measureId);
    try {
      const entry = await api<StatusEntry>(
        'PUT',
        `${path}/measures/${m.measureId}`,
        { status: d.status, note: d.note || null, reason: d.reason || null, newDeadline: d.newDeadline || null, selfCheckResult: d.selfCheckResult || null },
        version !== undefined ? ifMatch(version) : {},
      );
      saved(m, entry);
      void query.refetch();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.body.current) {
        setConflicts((prev) => ({ ...prev, [m.measureId]: err.body.current as StatusEntry }));
        setFormErrors((prev) => ({ ...prev, [m.measureId]: null }));
      } else if (err instanceof ApiError) {
        const fieldErrors: FieldErrors = {};
        for (const fe of err.errors) {
          const field = fe.field.replace(/^body\./, '') as DraftField;
          if (['status', 'note', 'reason', 'newDeadline', 'selfCheckResult'].includes(field)) fieldErrors[field] = fe.message;
        }
        setErrors((prev) => ({ ...prev, [m.measureId]: fieldErrors }));
        setFormErrors((prev) => ({
          ...prev,
          [m.measureId]: `${t('rounds.form.saveFailed')} ${Object.keys(fieldErrors).length ? '' : (err.detail ?? err.title)}`.trim(),
        }));
        focusFirstError(m, fieldErrors);
      } else {
        setFormErrors((prev) => ({ ...prev, [m.measureId]: `${t('rounds.form.saveFailed')} ${t('errors.offline')}` }));
      }
    } finally {
      setSaving(null);
    }
  };

  const takeTheirs = (m: RoundMeasure) => {
    const theirs = conflicts[m.measureId];
    if (!theirs) return;
    setEntries((prev) => ({ ...prev, [m.measureId]: theirs }));
    setDrafts((prev) => ({ ...prev, [m.measureId]: draftOf(theirs) }));
    setDirty((prev) => {
      const next = new Set(prev);
      next.delete(m.measureId);
      dirtyRef.current = next;
      return next;
    });
    setConflicts((prev) => ({ ...prev, [m.measureId]: null }));
  };

  const problemMessages = (err: unknown) =>
    err instanceof ApiError ? (err.errors.length ? err.errors.map((e) => e.message) : [err.detail ?? err.title]) : [t('errors.offline')];

  /** A submit refusal: each error names its finding (number and year) and carries the measure's id for the link. */
  const submitProblems = (err: unknown): SubmitError[] =>
    err instanceof ApiError && err.errors.length
      ? err.errors.map((e) => ({ message: e.message, measureId: (e as { params?: { measureId?: string } }).params?.measureId ?? null }))
      : problemMessages(err).map((message) => ({ message, measureId: null }));

  /** Shows the measure's card (leaving the table and the filter if they hide it) and moves the focus there. */
  const openMeasure = (measureId: string) => {
    const target = data.measures.find((m) => m.measureId === measureId);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('view');
        if (target && !target.mine) next.delete('mine');
        return next;
      },
      { replace: true },
    );
    setFocusTarget(measureId);
  };

  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const x of ids)
        if (on) next.add(x);
        else next.delete(x);
      return next;
    });

  /** Saves "on track" for every selected measure, one request each; a refused or stale one keeps its card's message. */
  const bulkOnTrack = async () => {
    const targets = data.measures.filter((m) => selected.has(m.measureId) && selectable(m));
    if (!targets.length) return;
    setBusy(true);
    setNotice(null);
    let done = 0;
    let failed = 0;
    for (const m of targets) {
      const existing = entries[m.measureId] ?? null;
      try {
        const entry = await api<StatusEntry>(
          'PUT',
          `${path}/measures/${m.measureId}`,
          { status: 'onTrack', note: existing?.note ?? null },
          existing ? ifMatch(existing.version) : {},
        );
        saved(m, entry);
        done++;
      } catch (err) {
        failed++;
        if (err instanceof ApiError && err.status === 409 && err.body.current)
          setConflicts((prev) => ({ ...prev, [m.measureId]: err.body.current as StatusEntry }));
        else setFormErrors((prev) => ({ ...prev, [m.measureId]: `${t('rounds.form.saveFailed')} ${problemMessages(err).join(' ')}` }));
      }
    }
    setSelected(new Set());
    setNotice([done ? t('rounds.form.bulkDone', { count: done }) : '', failed ? t('rounds.form.bulkFailed') : ''].filter(Boolean).join(' '));
    setBusy(false);
    void query.refetch();
  };

  const submit = async () => {
    if (!submission) return;
    if (dirty.size) {
      setSubmitErrors([{ message: t('rounds.form.unsavedFirst'), measureId: null }]);
      return;
    }
    setBusy(true);
    setSubmitErrors(null);
    try {
      await api<Submission>('POST', `/submissions/${submission.id}/submit`, undefined, ifMatch(submission.version));
      await query.refetch();
      setNotice(t('rounds.form.submitDone'));
    } catch (err) {
      setSubmitErrors(submitProblems(err));
      requestAnimationFrame(() => document.getElementById('round-submit-errors')?.focus());
    } finally {
      setBusy(false);
    }
  };

  const review = async (action: 'return' | 'accept') => {
    if (!submission) return;
    setBusy(true);
    setReviewError(null);
    try {
      await api<Submission>(
        'POST',
        `/submissions/${submission.id}/${action}`,
        action === 'return' ? { reason: returnReason } : undefined,
        ifMatch(submission.version),
      );
      setReturnReason('');
      await query.refetch();
    } catch (err) {
      setReviewError(problemMessages(err).join(' '));
    } finally {
      setBusy(false);
    }
  };

  // Measures grouped by finding, in the round's order.
  const groups: { findingId: string; number: number; title: string; measures: RoundMeasure[] }[] = [];
  for (const m of shown) {
    const last = groups[groups.length - 1];
    if (last && last.findingId === m.findingId) last.measures.push(m);
    else groups.push({ findingId: m.findingId, number: m.findingNumber, title: m.findingTitle, measures: [m] });
  }

  return (
    <Stack gap="md">
      <LeaveGuard when={dirty.size > 0} />
      <Anchor component={Link} to="/rounds" size="sm">
        {t('rounds.form.back')}
      </Anchor>
      <Group justify="space-between" align="end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={2}>
            {data.round.name}: {data.department.name} ({data.department.code})
          </Title>
          <Text size="sm">{t('rounds.form.due', { date: formatDay(data.round.dueOn, lang) })}</Text>
        </Stack>
        <SubmissionBadge state={submission?.state ?? 'notStarted'} />
      </Group>

      <Paper withBorder p="sm">
        <Group justify="space-between" mb={6}>
          <Text size="sm" fw={600} role="status" data-testid="round-progress">
            {t('rounds.progress', { answered, total })}
          </Text>
        </Group>
        <Progress value={total ? (answered / total) * 100 : 0} aria-label={t('rounds.progress', { answered, total })} size="sm" />
      </Paper>

      {submission?.state === 'returned' && submission.returnReason && (
        <Alert color="orange" variant="light" title={t('rounds.form.returned', { reason: submission.returnReason })}>
          {null}
        </Alert>
      )}
      {submission?.state === 'submitted' && (
        <Alert color="indigo" variant="light" role={notice ? 'status' : undefined} title={t('rounds.form.locked')}>
          {null}
        </Alert>
      )}
      {submission?.state === 'accepted' && (
        <Alert color="green" variant="light" title={t('rounds.form.accepted')}>
          {null}
        </Alert>
      )}

      {total === 0 && <Text size="sm">{t('rounds.form.empty')}</Text>}
      {total > 0 && (
        <Group justify="space-between" align="end" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="round-view-label">
              {t('rounds.form.view.label')}
            </Text>
            <SegmentedControl
              aria-labelledby="round-view-label"
              value={view}
              onChange={(v) => setParam('view', v === 'table' ? 'table' : null)}
              data={[
                { value: 'cards', label: t('rounds.form.view.cards') },
                { value: 'table', label: t('rounds.form.view.table') },
              ]}
            />
          </Stack>
          {hasMine && <Switch label={t('rounds.form.onlyMine')} checked={onlyMine} onChange={(e) => setParam('mine', e.currentTarget.checked ? '1' : null)} />}
        </Group>
      )}
      {notice && !submitErrors && (
        <Alert color="green" variant="light" role="status" p="xs">
          {notice}
        </Alert>
      )}
      {view === 'table' && total > 0 && (
        <Stack gap="xs">
          <RoundTable
            measures={shown}
            entries={entries}
            selected={selected}
            selectable={selectable}
            context={context}
            onSelect={select}
            onOpen={(m) => openMeasure(m.measureId)}
          />
          {shown.some(selectable) && (
            <Group gap="sm">
              <Button onClick={bulkOnTrack} loading={busy} disabled={![...selected].some((x) => shown.some((m) => m.measureId === x))}>
                {t('rounds.form.bulkOnTrack')}
              </Button>
              <Text size="sm" role="status">
                {t('rounds.form.selected', { count: [...selected].filter((x) => shown.some((m) => m.measureId === x)).length })}
              </Text>
            </Group>
          )}
        </Stack>
      )}
      {view === 'cards' &&
        groups.map((g) => (
          <Stack key={g.findingId} gap="xs" component="section" aria-label={t('rounds.form.finding', { context, number: g.number, title: g.title })}>
            <Title order={3} size="h4">
              {t('rounds.form.finding', { context, number: g.number, title: g.title })}
            </Title>
            {g.measures.map((m) => (
              <MeasureCard
                key={m.measureId}
                measure={m}
                entry={entries[m.measureId] ?? null}
                draft={drafts[m.measureId] ?? draftOf(m.entry)}
                dirty={dirty.has(m.measureId)}
                editable={m.actions.answer}
                errors={errors[m.measureId] ?? {}}
                formError={formErrors[m.measureId] ?? null}
                conflict={conflicts[m.measureId] ?? null}
                saving={saving === m.measureId}
                context={context}
                onChange={(patch) => change(m, patch)}
                onSave={() => save(m, conflicts[m.measureId]?.version)}
                onUseTheirs={() => takeTheirs(m)}
              />
            ))}
          </Stack>
        ))}

      {canSubmit && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Text size="sm">{t('rounds.form.submitHint')}</Text>
            {submitErrors && (
              <Alert color="red" variant="light" role="alert" title={t('rounds.form.submitFailed')} id="round-submit-errors" tabIndex={-1}>
                {submitErrors.some((e) => e.measureId) && <Text size="sm">{t('rounds.form.submitErrorsHint')}</Text>}
                <List size="sm">
                  {submitErrors.map((e, i) => (
                    <List.Item key={i}>
                      {e.measureId ? (
                        <Anchor
                          href={`#m-${e.measureId}`}
                          size="sm"
                          onClick={(ev) => {
                            ev.preventDefault();
                            openMeasure(e.measureId!);
                          }}
                        >
                          {e.message}
                        </Anchor>
                      ) : (
                        e.message
                      )}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Group>
              <Button onClick={submit} loading={busy} disabled={!submission}>
                {t('rounds.form.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {canReview && (
        <Paper withBorder p="sm" component="section" aria-labelledby="round-review">
          <Title order={3} size="h4" id="round-review" mb="xs">
            {t('rounds.form.review')}
          </Title>
          <Stack gap="xs">
            <Textarea
              label={t('rounds.form.returnReason')}
              value={returnReason}
              onChange={(e) => setReturnReason(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            {reviewError && (
              <Alert color="red" variant="light" role="alert">
                {reviewError}
              </Alert>
            )}
            <Group>
              {submission.actions.return && (
                <Button variant="default" onClick={() => review('return')} loading={busy} disabled={!returnReason.trim()}>
                  {t('rounds.form.return')}
                </Button>
              )}
              {submission.actions.accept && (
                <Button onClick={() => review('accept')} loading={busy}>
                  {t('rounds.form.accept')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
