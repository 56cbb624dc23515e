import { parseDeadline, type PlanForCheck } from '../../../domain';

/**
 * The plan API's shapes are the server's Zod-inferred types (modules/plans/schemas.ts), under the
 * names the editor has always used; the draft types below are the form's own state.
 */
export type {
  AcceptanceT as AcceptanceDto,
  AnswerApprovalT as AnswerApprovalDto,
  AnswerDocumentT as AnswerDto,
  AnswerKind,
  AnswerRevisionT as AnswerRevisionDto,
  BreachT as BreachDto,
  ChangedFieldT as ChangedField,
  CheckResultT as CheckDto,
  DeadlineT as DeadlineDto,
  MeasureT as MeasureDto,
  MeetingRefT as MeetingRef,
  OwnerCandidateT as OwnerCandidate,
  PlanActionsT as PlanActions,
  PlanApprovalT as ApprovalDto,
  PlanT as PlanDto,
  RevisionComparisonT as ComparisonDto,
  RevisionT as RevisionDto,
} from '../../../server/modules/plans/schemas';
import type { FindingDetailT } from '../../../server/modules/findings/schemas';
import type { AcceptanceT as AcceptanceDto, MeasureT as MeasureDto, PlanT as PlanDto } from '../../../server/modules/plans/schemas';

/** A recommendation of the plan's finding, as GET /findings/:id gives it. */
export type Recommendation = FindingDetailT['recommendations'][number];

/** One measure in the form: every field as typed; `id` is null until the measure is saved. */
export interface MeasureDraft {
  key: string;
  id: string | null;
  version: number | null;
  number: string;
  title: string;
  text: string;
  responsibleUnit: string;
  responsiblePerson: string;
  /** User id of the owner, '' for none. */
  ownerUserId: string;
  deadline: string;
  followUpPoint: string;
  expectedEffect: string;
  recommendationIds: string[];
}

export interface PlanDraft {
  problem: string;
  extent: string;
  overallDeadline: string;
  measures: MeasureDraft[];
}

export const measureFields = [
  'number',
  'title',
  'text',
  'responsibleUnit',
  'responsiblePerson',
  'ownerUserId',
  'deadline',
  'followUpPoint',
  'expectedEffect',
] as const;
export type MeasureField = (typeof measureFields)[number];
export const planFields = ['problem', 'extent', 'overallDeadline'] as const;
export type PlanField = (typeof planFields)[number];

export function measureDraft(m: MeasureDto): MeasureDraft {
  return {
    key: m.id,
    id: m.id,
    version: m.version,
    number: m.number,
    title: m.title,
    text: m.text ?? '',
    responsibleUnit: m.responsibleUnit ?? '',
    responsiblePerson: m.responsiblePerson ?? '',
    ownerUserId: m.ownerUserId ?? '',
    deadline: m.deadline?.display ?? '',
    followUpPoint: m.followUpPoint ?? '',
    expectedEffect: m.expectedEffect ?? '',
    recommendationIds: [...m.recommendationIds].sort(),
  };
}

export function planDraft(p: PlanDto): PlanDraft {
  return {
    problem: p.problem ?? '',
    extent: p.extent ?? '',
    overallDeadline: p.overallDeadline?.display ?? '',
    measures: [...p.measures].sort((a, b) => a.position - b.position).map(measureDraft),
  };
}

const nullable = (s: string) => (s.trim() === '' ? null : s);

/** The fields of a measure that differ from what was saved, in the API's shape. */
export function measureChanges(draft: MeasureDraft, saved: MeasureDraft | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of measureFields) {
    if (!saved || draft[f] !== saved[f]) out[f] = f === 'number' || f === 'title' ? draft[f].trim() : nullable(draft[f]);
  }
  const recs = [...draft.recommendationIds].sort();
  if (!saved || recs.join() !== [...saved.recommendationIds].sort().join()) out.recommendationIds = recs;
  return out;
}

export function planChanges(draft: PlanDraft, saved: PlanDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of planFields) if (draft[f] !== saved[f]) out[f] = nullable(draft[f]);
  return out;
}

export function isDirty(draft: PlanDraft, saved: PlanDraft): boolean {
  if (Object.keys(planChanges(draft, saved)).length) return true;
  if (draft.measures.length !== saved.measures.length) return true;
  return draft.measures.some((m, i) => m.key !== saved.measures[i]?.key || Object.keys(measureChanges(m, saved.measures[i])).length > 0);
}

const LETTERED = /^(\d+)([A-Za-z]+)$/;

/** The numbers the server gives measures when it renumbers them in this order (2A/2B stay a group). */
export function renumbered(numbers: readonly string[]): string[] {
  let counter = 0;
  let group: string | null = null;
  return numbers.map((n) => {
    const m = LETTERED.exec(n.trim());
    if (!m) {
      group = null;
      return String(++counter);
    }
    if (m[1] !== group) {
      group = m[1]!;
      counter++;
    }
    return `${counter}${m[2]}`;
  });
}

/** A number not yet used in the plan: one after the highest plain number. */
export function nextNumber(measures: readonly MeasureDraft[]): string {
  const used = new Set(measures.map((m) => m.number.trim()));
  let n = Math.max(0, ...measures.map((m) => Number.parseInt(m.number, 10)).filter(Number.isFinite)) + 1;
  while (used.has(String(n))) n++;
  return String(n);
}

const parsed = (text: string) => {
  if (text.trim() === '') return null;
  const r = parseDeadline(text);
  return r.ok ? r.value : null;
};

/** The unsaved form as the domain's guidance check reads it (measure ids are the form's keys). */
export function forCheck(
  draft: PlanDraft,
  vocabulary: 'DK' | 'SE',
  recommendations: Recommendation[],
  acceptances: AcceptanceDto[],
  account: PlanDto['account'] = null,
): PlanForCheck {
  return {
    // A balance account's plan: the same account rules as the server, with the target as typed
    account: account?.check ? { ...account.check, target: nullable(draft.extent) } : null,
    vocabulary,
    overallDeadline: parsed(draft.overallDeadline),
    problem: nullable(draft.problem),
    extent: nullable(draft.extent),
    recommendations,
    measures: draft.measures.map((m) => ({
      id: m.key,
      number: m.number,
      title: m.title,
      text: nullable(m.text),
      deadline: parsed(m.deadline),
      followUpPoint: nullable(m.followUpPoint),
      expectedEffect: nullable(m.expectedEffect),
      recommendationIds: m.recommendationIds,
      responsible: [m.responsibleUnit, m.responsiblePerson].filter((v) => v.trim()).join(', ') || null,
    })),
    statusEntries: [],
    acceptances: acceptances.map((a) => ({ ...a })),
  };
}

/** DOM id of a field of the form, so that a breach can focus it. */
export const fieldId = (scope: string, field: string) => `plan-${scope}-${field}`.replace(/[^A-Za-z0-9_-]/g, '_');
