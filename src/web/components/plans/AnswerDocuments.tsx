import { DateField } from '../DateField';
import { Alert, Badge, Box, Button, Group, List, MultiSelect, Paper, SimpleGrid, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import type { Language } from '../../i18n';
import { ConflictView } from './ConflictView';
import { formatDay } from '../../format';
import type { AnswerDto, AnswerKind, MeetingRef } from './draft';
import { useMeetings } from '../../queries/register';
import { DocumentDownload } from '../documents/DocumentDownload';
import { ApproveForm, ReturnForm, problemText, type ApprovalValues } from './ReviewForms';
import { AnswerRevisions } from './AnswerRevisions';

interface AnswerDraft {
  dueDate: string;
  decisionPlan: string[];
  recipients: string[];
  responsibleOfficials: string[];
  sentOn: string;
}

const toDraft = (a: AnswerDto | undefined): AnswerDraft => ({
  dueDate: a?.dueDate ?? '',
  decisionPlan: a?.decisionPlan.map((m) => m.id) ?? [],
  recipients: a?.recipients ?? [],
  responsibleOfficials: a?.responsibleOfficials ?? [],
  sentOn: a?.sentOn ?? '',
});

const same = (a: AnswerDraft, b: AnswerDraft) => JSON.stringify(a) === JSON.stringify(b);

function meetingLabel(m: MeetingRef, lang: Language, t: (k: string, o?: Record<string, unknown>) => string) {
  const text = t('plans.answers.meeting', { body: m.body, date: formatDay(m.heldOn, lang) });
  return m.agendaItem ? `${text} (${m.agendaItem})` : text;
}

/** One answer document (yttrande, uppföljande yttrande): due date, decision plan, recipients, officials. */
function AnswerCard({
  planId,
  kind,
  answer,
  canCreate,
  context,
  onSaved,
  onDirty,
}: {
  planId: string;
  kind: AnswerKind;
  answer: AnswerDto | undefined;
  canCreate: boolean;
  context: 'SE' | undefined;
  onSaved: () => void;
  onDirty: (dirty: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [base, setBase] = useState<AnswerDto | undefined>(answer);
  const [review, setReview] = useState<'approve' | 'return' | null>(null);
  // An existing answer changes only in draft (the server's actions); a new one by the plan's writers
  const canEdit = base ? base.actions.update : canCreate;
  const [draft, setDraft] = useState<AnswerDraft>(toDraft(answer));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [conflict, setConflict] = useState<AnswerDto | null>(null);
  const [busy, setBusy] = useState(false);
  const meetings = useMeetings(canEdit);
  const dirty = !same(draft, toDraft(base));
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const byId = new Map<string, MeetingRef>([...(base?.decisionPlan ?? []), ...(meetings.data?.items ?? [])].map((m) => [m.id, m]));
  const id = (f: string) => `answer-${kind}-${f}`;

  const save = async () => {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const body = {
        dueDate: draft.dueDate || null,
        decisionPlan: draft.decisionPlan,
        recipients: draft.recipients,
        responsibleOfficials: draft.responsibleOfficials,
        sentOn: draft.sentOn || null,
      };
      const saved = await api<AnswerDto>('PUT', `/plans/${planId}/answers/${kind}`, body, base ? { 'if-match': `"${base.version}"` } : {});
      setBase(saved);
      setDraft(toDraft(saved));
      setMessage({ ok: true, text: t('plans.answers.saved') });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.body.current) {
        setConflict(err.body.current as AnswerDto);
      } else if (err instanceof ApiError) {
        setErrors(Object.fromEntries(err.errors.map((e) => [e.field.replace(/^body\./, '').replace(/\.\d+$/, ''), e.message])));
        setMessage({ ok: false, text: err.detail ?? err.title });
      } else setMessage({ ok: false, text: t('app.error') });
    } finally {
      setBusy(false);
    }
  };

  /** A review command on the saved answer (submit, return, approve, revise); its answer replaces the card's copy. */
  const transition = async (path: string, body: unknown, text: string) => {
    if (!base) return;
    setMessage(null);
    const saved = await api<AnswerDto>('POST', `/plans/${planId}/answers/${kind}/${path}`, body, { 'if-match': `"${base.version}"` });
    setBase(saved);
    setDraft(toDraft(saved));
    setReview(null);
    setMessage({ ok: true, text });
    onSaved();
  };
  const simple = async (path: 'submit' | 'revise', text: string) => {
    setBusy(true);
    try {
      await transition(path, undefined, text);
    } catch (err) {
      setMessage({ ok: false, text: problemText(err, t('app.error')) });
    } finally {
      setBusy(false);
    }
  };

  const decision = draft.decisionPlan.map((mid) => byId.get(mid)).filter((m): m is MeetingRef => !!m);
  const title = t(`plans.answers.kind.${kind}`);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={id('title')}>
      <Group justify="space-between" align="center" mb="xs">
        <Group gap="xs">
          <Title order={4} size="h5" id={id('title')}>
            {title}
          </Title>
          {base && (
            <Badge
              variant="filled"
              color={base.state === 'approved' ? '#1e6b2e' : base.state === 'submitted' ? 'blue.9' : 'gray.8'}
              data-testid={`answer-state-${kind}`}
            >
              {t(`finding.planState.${base.state}`)}
            </Badge>
          )}
        </Group>
        {base && (
          <DocumentDownload
            label={t('documents.answer')}
            title={`${t('documents.answerTitle')}: ${title}`}
            path={`/plans/${planId}/answers/${kind}/document`}
            formats={['pdf', 'docx']}
          />
        )}
      </Group>
      {base && base.view === 'working' && base.approvedRevision !== null && base.state !== 'approved' && (
        <Alert variant="light" color="yellow" p="xs" mb="xs" data-testid={`answer-revision-banner-${kind}`}>
          <Text size="sm">{t('plans.answers.inProgress', { number: base.revision, approved: base.approvedRevision })}</Text>
        </Alert>
      )}
      {base?.returnComment && (
        <Alert variant="light" color="orange.9" p="xs" mb="xs">
          <Text size="sm">{t('plans.answers.returnedComment', { comment: base.returnComment })}</Text>
        </Alert>
      )}
      {base?.approval && (
        <Text size="sm" mb="xs">
          {t('plans.answers.approvedLine', { date: formatDay(base.approval.approvedOn, lang), name: base.approval.approvedByName ?? '' })}
          {base.approval.meeting ? ` · ${meetingLabel(base.approval.meeting, lang, t)}` : ''}
        </Text>
      )}
      {base?.state === 'submitted' && !base.actions.approve && (
        <Text size="sm" mb="xs">
          {t('plans.answers.waiting')}
        </Text>
      )}
      {base?.state === 'approved' && base.actions.revise && (
        <Text size="sm" mb="xs">
          {t('plans.answers.locked')}
        </Text>
      )}
      {!base && !canEdit ? (
        <Text size="sm">{t('plans.answers.none')}</Text>
      ) : (
        <Stack gap="xs">
          {conflict && (
            <ConflictView
              title={t('plans.answers.conflict')}
              rows={[
                { label: t('plans.answers.dueDate'), yours: draft.dueDate, current: conflict.dueDate ?? '' },
                {
                  label: t('plans.answers.decisionPlan', { context }),
                  yours: decision.map((m) => meetingLabel(m, lang, t)).join('\n'),
                  current: conflict.decisionPlan.map((m) => meetingLabel(m, lang, t)).join('\n'),
                },
                { label: t('plans.answers.recipients'), yours: draft.recipients.join(', '), current: conflict.recipients.join(', ') },
                {
                  label: t('plans.answers.responsibleOfficials', { context }),
                  yours: draft.responsibleOfficials.join(', '),
                  current: conflict.responsibleOfficials.join(', '),
                },
              ]}
              onContinueCurrent={() => {
                setBase(conflict);
                setDraft(toDraft(conflict));
                setConflict(null);
              }}
              onKeepMine={() => {
                setBase(conflict);
                setConflict(null);
              }}
            />
          )}
          {canEdit ? (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <DateField
                  id={id('dueDate')}
                  label={t('plans.answers.dueDate')}
                  value={draft.dueDate}
                  error={errors.dueDate}
                  onChange={(dueDate) => setDraft({ ...draft, dueDate })}
                />
                <DateField
                  id={id('sentOn')}
                  label={t('plans.answers.sentOn')}
                  value={draft.sentOn}
                  error={errors.sentOn}
                  onChange={(sentOn) => setDraft({ ...draft, sentOn })}
                />
              </SimpleGrid>
              <MultiSelect
                id={id('decisionPlan')}
                label={t('plans.answers.decisionPlan', { context })}
                data={[...byId.values()].map((m) => ({ value: m.id, label: meetingLabel(m, lang, t) }))}
                value={draft.decisionPlan}
                onChange={(decisionPlan) => setDraft({ ...draft, decisionPlan })}
                error={errors.decisionPlan}
                searchable
              />
            </>
          ) : null}
          <div>
            {!canEdit && (
              <Text size="xs" fw={600}>
                {t('plans.answers.decisionPlan', { context })}
              </Text>
            )}
            {decision.length ? (
              <List type="ordered" size="sm" data-testid={`decision-plan-${kind}`}>
                {decision.map((m) => (
                  <List.Item key={m.id}>{meetingLabel(m, lang, t)}</List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">{t('plans.answers.noMeetings')}</Text>
            )}
          </div>
          {canEdit ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TagsInput
                id={id('recipients')}
                label={t('plans.answers.recipients')}
                description={t('plans.answers.tagsHint')}
                value={draft.recipients}
                error={errors.recipients}
                onChange={(recipients) => setDraft({ ...draft, recipients })}
              />
              <TagsInput
                id={id('officials')}
                label={t('plans.answers.responsibleOfficials', { context })}
                description={t('plans.answers.tagsHint')}
                value={draft.responsibleOfficials}
                error={errors.responsibleOfficials}
                onChange={(responsibleOfficials) => setDraft({ ...draft, responsibleOfficials })}
              />
            </SimpleGrid>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              {[
                [t('plans.answers.dueDate'), base?.dueDate ? formatDay(base.dueDate, lang) : ''],
                [t('plans.answers.recipients'), base?.recipients.join(', ') ?? ''],
                [t('plans.answers.responsibleOfficials', { context }), base?.responsibleOfficials.join(', ') ?? ''],
              ].map(([label, value]) => (
                <div key={label}>
                  <Text size="xs" fw={600}>
                    {label}
                  </Text>
                  <Text size="sm">{value || t('plans.empty')}</Text>
                </div>
              ))}
            </SimpleGrid>
          )}
          {message && (
            <Alert color={message.ok ? 'green.9' : 'red.9'} variant="light" role={message.ok ? 'status' : 'alert'} p="xs">
              <Text size="sm">{message.text}</Text>
            </Alert>
          )}
          <Group gap="xs">
            {canEdit && (
              <Button size="xs" onClick={() => void save()} loading={busy} disabled={(!dirty && !!base) || !!conflict}>
                {base ? t('plans.answers.save') : t('plans.answers.create')}
              </Button>
            )}
            {base?.actions.submit && (
              <Button size="xs" variant="outline" onClick={() => void simple('submit', t('plans.answers.submitted'))} disabled={busy || dirty}>
                {t('plans.answers.submit')}
              </Button>
            )}
            {base?.actions.approve && review === null && (
              <Button size="xs" onClick={() => setReview('approve')}>
                {t('plans.review.approve')}
              </Button>
            )}
            {base?.actions.return && review === null && (
              <Button size="xs" variant="outline" color="red.9" onClick={() => setReview('return')}>
                {t('plans.review.return')}
              </Button>
            )}
            {base?.actions.revise && (
              <Button
                size="xs"
                variant="default"
                onClick={() => void simple('revise', t('plans.review.revised', { number: base.revision + 1 }))}
                disabled={busy}
              >
                {t('plans.answers.revise')}
              </Button>
            )}
          </Group>
          {review === 'approve' && (
            <ApproveForm
              id={id('approve')}
              title={t('plans.answers.approveTitle')}
              openErrors={0}
              allowOverride={false}
              onApprove={(v: ApprovalValues) =>
                transition('approvals', { approvedOn: v.approvedOn, meetingId: v.meetingId, note: v.note }, t('plans.answers.approvedMsg'))
              }
              onCancel={() => setReview(null)}
            />
          )}
          {review === 'return' && (
            <ReturnForm
              id={id('return')}
              onReturn={(comment) => transition('return', { reason: comment }, t('plans.answers.returnedMsg'))}
              onCancel={() => setReview(null)}
            />
          )}
        </Stack>
      )}
      {base && base.approvedRevision !== null && (
        <Box mt="sm">
          <AnswerRevisions planId={planId} kind={kind} version={base.version} />
        </Box>
      )}
    </Paper>
  );
}

/** The answer documents of a plan; in Swedish mode the yttrande and the uppföljande yttrande. */
export function AnswerDocuments({
  planId,
  answers,
  vocabulary,
  canEdit,
  onSaved,
  onDirty,
}: {
  planId: string;
  answers: AnswerDto[];
  vocabulary: 'DK' | 'SE';
  canEdit: boolean;
  onSaved: () => void;
  onDirty: (kind: string, dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const context = vocabulary === 'SE' ? 'SE' : undefined;
  const kinds: AnswerKind[] = vocabulary === 'SE' ? ['yttrande', 'uppfoljandeYttrande'] : ['reply'];
  return (
    <Stack gap="xs" component="section" aria-labelledby="answers-title">
      <Title order={3} size="h4" id="answers-title">
        {t('plans.answers.title', { context })}
      </Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
        {kinds.map((kind) => (
          <AnswerCard
            key={kind}
            planId={planId}
            kind={kind}
            answer={answers.find((a) => a.kind === kind)}
            canCreate={canEdit}
            context={context}
            onSaved={onSaved}
            onDirty={(d) => onDirty(kind, d)}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
