import { Alert, Anchor, Button, Group, List, Loader, Paper, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, get } from '../../api';
import type { Language } from '../../i18n';
import { useSession, useVocabulary } from '../../session';
import { formatDay } from '../../format';
import { LeaveGuard } from '../../components/rounds/LeaveGuard';
import { draftOf, MeasureCard, understood, type Draft, type DraftField } from '../../components/rounds/MeasureCard';
import { coordinates, isCentral } from '../../components/rounds/roles';
import { SubmissionBadge } from '../../components/rounds/StatusBadge';
import type { DepartmentRound as DepartmentRoundData, FieldErrors, RoundMeasure, StatusEntry, Submission } from '../../components/rounds/types';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** One department's answer to a follow-up round: every measure in one form, saved per measure, then submitted. */
export default function DepartmentRound() {
  const { id, departmentId } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const context = useVocabulary();
  const session = useSession();
  const path = `/rounds/${id}/departments/${departmentId}`;
  const query = useQuery({ queryKey: ['round-department', id, departmentId], queryFn: () => get<DepartmentRoundData>(path) });

  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [entries, setEntries] = useState<Record<string, StatusEntry | null>>({});
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, FieldErrors>>({});
  const [formErrors, setFormErrors] = useState<Record<string, string | null>>({});
  const [conflicts, setConflicts] = useState<Record<string, StatusEntry | null>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [submitErrors, setSubmitErrors] = useState<string[] | null>(null);
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

  const data = query.data;
  const submission: Submission | null = data?.submission ?? null;
  const locked = submission?.state === 'submitted' || submission?.state === 'accepted' || data?.round.state === 'closed';
  const answered = useMemo(() => (data ? data.measures.filter((m) => entries[m.measureId] ?? m.entry).length : 0), [data, entries]);

  if (query.isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (query.isError || !data) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    const forbidden = query.error instanceof ApiError && query.error.status === 403;
    return <Alert color={notFound ? 'gray' : 'red'} role="alert" title={notFound ? t('errors.notFound') : forbidden ? t('errors.forbidden') : t('app.error')} />;
  }

  const total = data.measures.length;
  const canSubmit = coordinates(session, data.department.id) && !locked && data.round.state === 'open';
  const canReview = isCentral(session) && submission?.state === 'submitted' && data.round.state === 'open';

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
    if (d.status === 'completed' && !d.selfCheckResult.trim()) e.selfCheckResult = t('rounds.form.required.selfCheck');
    return e;
  };

  const focusFirstError = (m: RoundMeasure, e: FieldErrors) => {
    const first = (['reason', 'newDeadline', 'selfCheckResult', 'note'] as const).find((k) => e[k]);
    if (first) requestAnimationFrame(() => document.getElementById(`m-${m.measureId}-${first}`)?.focus());
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
      const saved = await api<StatusEntry>(
        'PUT',
        `${path}/measures/${m.measureId}`,
        { status: d.status, note: d.note || null, reason: d.reason || null, newDeadline: d.newDeadline || null, selfCheckResult: d.selfCheckResult || null },
        version !== undefined ? ifMatch(version) : {},
      );
      setEntries((prev) => ({ ...prev, [m.measureId]: saved }));
      setDrafts((prev) => ({ ...prev, [m.measureId]: draftOf(saved) }));
      setDirty((prev) => {
        const next = new Set(prev);
        next.delete(m.measureId);
        dirtyRef.current = next;
        return next;
      });
      setErrors((prev) => ({ ...prev, [m.measureId]: {} }));
      setFormErrors((prev) => ({ ...prev, [m.measureId]: null }));
      setConflicts((prev) => ({ ...prev, [m.measureId]: null }));
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
        setFormErrors((prev) => ({ ...prev, [m.measureId]: `${t('rounds.form.saveFailed')} ${Object.keys(fieldErrors).length ? '' : (err.detail ?? err.title)}`.trim() }));
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

  const submit = async () => {
    if (!submission) return;
    if (dirty.size) {
      setSubmitErrors([t('rounds.form.unsavedFirst')]);
      return;
    }
    setBusy(true);
    setSubmitErrors(null);
    try {
      await api<Submission>('POST', `/submissions/${submission.id}/submit`, undefined, ifMatch(submission.version));
      await query.refetch();
      setNotice(t('rounds.form.submitDone'));
    } catch (err) {
      setSubmitErrors(problemMessages(err));
    } finally {
      setBusy(false);
    }
  };

  const review = async (action: 'return' | 'accept') => {
    if (!submission) return;
    setBusy(true);
    setReviewError(null);
    try {
      await api<Submission>('POST', `/submissions/${submission.id}/${action}`, action === 'return' ? { reason: returnReason } : undefined, ifMatch(submission.version));
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
  for (const m of data.measures) {
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
      {submission?.state === 'accepted' && <Alert color="green" variant="light" title={t('rounds.form.accepted')}>{null}</Alert>}

      {total === 0 && <Text size="sm">{t('rounds.form.empty')}</Text>}
      {groups.map((g) => (
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
              editable={m.canAnswer && !locked}
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
              <Alert color="red" variant="light" role="alert" title={t('rounds.form.submitFailed')}>
                <List size="sm">
                  {submitErrors.map((msg, i) => (
                    <List.Item key={i}>{msg}</List.Item>
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
            <Textarea label={t('rounds.form.returnReason')} value={returnReason} onChange={(e) => setReturnReason(e.currentTarget.value)} autosize minRows={2} />
            {reviewError && (
              <Alert color="red" variant="light" role="alert">
                {reviewError}
              </Alert>
            )}
            <Group>
              <Button variant="default" onClick={() => review('return')} loading={busy} disabled={!returnReason.trim()}>
                {t('rounds.form.return')}
              </Button>
              <Button onClick={() => review('accept')} loading={busy}>
                {t('rounds.form.accept')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
