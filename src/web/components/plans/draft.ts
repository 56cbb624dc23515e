import { parseDeadline, type PlanForCheck } from '../../../domain';

/** A deadline as the API returns it: canonical text, the reader's form, precision and last day. */
export interface DeadlineDto {
  text: string;
  display: string;
  precision: string;
  due: string;
}

export interface MeasureDto {
  id: string;
  planId: string;
  position: number;
  number: string;
  title: string;
  text: string | null;
  responsibleUnit: string | null;
  responsiblePerson: string | null;
  /** The user who answers the measure's status each round. */
  ownerUserId: string | null;
  ownerName: string | null;
  deadline: DeadlineDto | null;
  followUpPoint: string | null;
  expectedEffect: string | null;
  recommendationIds: string[];
  version: number;
}

export interface MeetingRef {
  id: string;
  body: string;
  heldOn: string;
  agendaItem: string | null;
}

export type AnswerKind = 'reply' | 'yttrande' | 'uppfoljandeYttrande';

export interface AnswerDto {
  id: string;
  planId: string;
  kind: AnswerKind;
  dueDate: string | null;
  decisionPlan: MeetingRef[];
  recipients: string[];
  responsibleOfficials: string[];
  sentOn: string | null;
  state: 'draft' | 'submitted' | 'approved';
  revision: number;
  /** The revision in force (null before the first approval). */
  approvedRevision: number | null;
  /** `approved`: a reader's view (the approved revision while a new one is written). */
  view: 'working' | 'approved';
  returnComment: string | null;
  approval: AnswerApprovalDto | null;
  actions: { update: boolean; submit: boolean; return: boolean; approve: boolean; revise: boolean };
  version: number;
}

export interface AnswerApprovalDto {
  approvedOn: string;
  approvedByName: string | null;
  meeting: MeetingRef | null;
  note: string | null;
}

/** One revision of an answer document (GET /plans/:id/answers/:kind/revisions). */
export interface AnswerRevisionDto {
  number: number;
  state: 'draft' | 'submitted' | 'approved';
  current: boolean;
  approval: AnswerApprovalDto | null;
  dueDate: string | null;
  decisionPlan: MeetingRef[];
  recipients: string[];
  responsibleOfficials: string[];
  sentOn: string | null;
}

/** The commands the caller may take on a plan now, as the server computes them (policy.ts). */
export interface PlanActions {
  update: boolean;
  delete: boolean;
  submit: boolean;
  return: boolean;
  approve: boolean;
  revise: boolean;
}

export interface ApprovalDto {
  id: string;
  approvedByName: string;
  approvedOn: string;
  meeting: MeetingRef | null;
  note: string | null;
  revision: number;
  overrideReason: string | null;
}

export interface AcceptanceDto {
  id: string;
  code: string;
  measureId: string | null;
  field: string;
  reason: string;
  acceptedBy: string;
  acceptedAt: string;
}

export interface PlanDto {
  id: string;
  subjectKind: 'finding' | 'accountReconciliation' | 'systemReconciliation';
  /** Null for a balance account's plan. */
  findingId: string | null;
  finding: { id: string; number: number; title: string; reportYear: number; confidential: boolean } | null;
  /** A balance account's plan: the account and the reconciliation that started it; the target is `extent`. */
  account: {
    id: string;
    number: string;
    name: string;
    reconciliationId: string;
    period: string;
    /** The account's current reconciliation as the guidance check sees it. */
    check: { category: 1 | 2 | 3; followUpOre: number; thresholdOre: number; consequence: string | null } | null;
  } | null;
  /** A system reconciliation's plan: the system, target, month and difference it clears. */
  systemReconciliation: { id: string; system: string; target: 'ledger' | 'debtorSystem'; period: string; differenceOre: number } | null;
  departmentId: string;
  departmentCode: string;
  crossCutting: boolean;
  problem: string | null;
  extent: string | null;
  overallDeadline: DeadlineDto | null;
  state: 'draft' | 'submitted' | 'approved';
  /** The revision shown; `approvedRevision` is the one in force (null before the first approval). */
  revision: number;
  approvedRevision: number | null;
  view: 'working' | 'approved';
  returnComment: { comment: string; at: string | null; byName: string | null } | null;
  actions: PlanActions;
  version: number;
  measures: MeasureDto[];
  approvals: ApprovalDto[];
  acceptances: AcceptanceDto[];
  answers: AnswerDto[];
}

export interface BreachDto {
  code: string;
  severity: 'error' | 'warning';
  measureId: string | null;
  measureNumber: string | null;
  recommendationNumber: number | null;
  field: string;
  message: string;
  lix?: number;
  accepted: { reason: string; acceptedBy: string; acceptedAt: string } | null;
}

export interface CheckDto {
  breaches: BreachDto[];
  blocking: boolean;
}

export interface Recommendation {
  id: string;
  number: number;
  text: string;
}

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

export const measureFields = ['number', 'title', 'text', 'responsibleUnit', 'responsiblePerson', 'ownerUserId', 'deadline', 'followUpPoint', 'expectedEffect'] as const;
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
export function forCheck(draft: PlanDraft, vocabulary: 'DK' | 'SE', recommendations: Recommendation[], acceptances: AcceptanceDto[], account: PlanDto['account'] = null): PlanForCheck {
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

export interface RevisionDto {
  number: number;
  state: 'draft' | 'submitted' | 'approved';
  current: boolean;
  approval: { approvedByName: string; approvedOn: string; meeting: MeetingRef | null; note: string | null; overrideReason: string | null } | null;
  measureCount: number;
}

export interface ChangedField {
  field: string;
  before: string | null;
  after: string | null;
}

export interface ComparisonDto {
  from: number;
  to: number;
  plan: ChangedField[];
  measures: { measureId: string; number: string; title: string; change: 'added' | 'removed' | 'changed'; fields: ChangedField[] }[];
}

export interface OwnerCandidate {
  id: string;
  name: string;
  title: string | null;
}
