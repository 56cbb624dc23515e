import { z } from 'zod';
import { DEADLINE_PRECISIONS } from '../../../domain/deadline.js';
import { BREACH_CODES } from '../../../domain/guidance.js';
import { answerKinds, answerStates, measureStatuses, planStates, planSubjectKinds, submissionStates, systemTargets } from '../../db/schema/values.js';
import { DeadlineInput, Id, INT4_MAX, IsoDate, limits, LongText, Name, ShortText, Title } from '../../http/schemas.js';

/** "1", "2A", "12b": as the plan numbers its bullets. */
const MeasureNumber = z.string().trim().min(1).max(10);

export const MeasureInput = z.object({
  number: MeasureNumber,
  title: Title,
  text: LongText.nullish(),
  responsibleUnit: Name.nullish(),
  responsiblePerson: Name.nullish(),
  /** The user who answers the measure's status each round: a user of the plan's department. */
  ownerUserId: Id.nullish(),
  /** As typed (`Q1-2026`, `1. halvår 2025`); empty or null = no deadline yet. */
  deadline: DeadlineInput.nullish(),
  followUpPoint: ShortText.nullish(),
  expectedEffect: ShortText.nullish(),
  recommendationIds: z.array(Id).max(100).default([]),
  /** 1-based place in the plan; defaults to last. */
  position: z.number().int().min(1).max(10_000).optional(),
});
export type MeasureInputT = z.infer<typeof MeasureInput>;

export const MeasurePatch = MeasureInput.omit({ position: true, recommendationIds: true })
  .partial()
  .extend({
    recommendationIds: z.array(Id).max(100).optional(),
    /** Why the deadline moves; kept in the measure's deadline history. */
    deadlineChangeReason: ShortText.nullish(),
  });
export type MeasurePatchT = z.infer<typeof MeasurePatch>;

export const PlanInput = z.object({
  departmentId: Id,
  crossCutting: z.boolean().default(false),
  problem: LongText.nullish(),
  extent: LongText.nullish(),
  overallDeadline: DeadlineInput.nullish(),
  measures: z
    .array(MeasureInput.omit({ position: true }))
    .max(200)
    .default([]),
});
export type PlanInputT = z.infer<typeof PlanInput>;

/** A balance account's plan, made from one of its category 2/3 reconciliations. */
export const AccountPlanInput = z.object({
  /** Unit or person responsible; becomes the first measure's responsible. */
  responsible: Name,
  /** The plan's deadline, by which the account is to be back in category 1 (any deadline form). */
  deadline: DeadlineInput.min(1),
  /** Default: "back in category 1 by <deadline>" in the caller's language. */
  target: ShortText.nullish(),
  problem: LongText.nullish(),
});
export type AccountPlanInputT = z.infer<typeof AccountPlanInput>;

export const PlanPatch = z
  .object({ departmentId: Id, problem: LongText.nullable(), extent: LongText.nullable(), overallDeadline: DeadlineInput.nullable() })
  .partial();
export type PlanPatchT = z.infer<typeof PlanPatch>;

export const PlanQuery = z.object({ findingId: Id.optional(), departmentId: Id.optional(), state: z.enum(planStates).optional() });

export const MeasureOrderInput = z.object({ measureIds: z.array(Id).max(500), renumber: z.boolean().default(false) });
/** Why the plan goes back: required, the department reads it on its draft. */
export const ReturnInput = z.object({ reason: z.string().trim().min(1).max(limits.shortText) });
export const ApprovalInput = z.object({
  approvedOn: IsoDate,
  /** The meeting that decided it. */
  meetingId: Id.nullish(),
  note: ShortText.nullish(),
  /** Central coordination approves despite open guidance errors: why (required then, refused otherwise). */
  overrideReason: z.string().trim().min(1).max(limits.shortText).nullish(),
});
export type ApprovalInputT = z.infer<typeof ApprovalInput>;
export const AnswerApprovalInput = ApprovalInput.omit({ overrideReason: true });
export const CompareQuery = z.object({ from: z.coerce.number().int().min(1).max(INT4_MAX), to: z.coerce.number().int().min(1).max(INT4_MAX) });
export const AcceptanceInput = z.object({
  code: z.enum(BREACH_CODES),
  measureId: Id.nullish(),
  field: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(1).max(limits.shortText),
});
export const AnswerParams = z.object({ id: Id, kind: z.enum(answerKinds) });
export const AnswerInput = z.object({
  dueDate: IsoDate.nullish(),
  /** Meeting ids in the order the bodies treat the answer. */
  decisionPlan: z.array(Id).max(20).default([]),
  recipients: z.array(Name).max(50).default([]),
  responsibleOfficials: z.array(Name).max(50).default([]),
  sentOn: IsoDate.nullish(),
});
export type AnswerInputT = z.infer<typeof AnswerInput>;

export const DeadlineDto = z
  .object({
    /** Canonical, locale-neutral form (`2026-Q1`). */
    text: z.string(),
    /** As the reader's locale writes it (`Q1-2026`, `första halvåret 2025`). */
    display: z.string(),
    precision: z.enum(DEADLINE_PRECISIONS),
    /** Last day of the period (ISO date). */
    due: z.string(),
  })
  .meta({ id: 'Deadline' });

export const Measure = z
  .object({
    id: Id,
    planId: Id,
    position: z.number().int(),
    number: z.string(),
    title: z.string(),
    text: z.string().nullable(),
    responsibleUnit: z.string().nullable(),
    responsiblePerson: z.string().nullable(),
    ownerUserId: Id.nullable(),
    ownerName: z.string().nullable(),
    deadline: DeadlineDto.nullable(),
    followUpPoint: z.string().nullable(),
    expectedEffect: z.string().nullable(),
    recommendationIds: z.array(Id),
    carriedFromMeasureId: Id.nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Measure' });

export const MeasureDetail = Measure.extend({
  deadlineHistory: z.array(
    z.object({
      deadline: DeadlineDto.nullable(),
      source: z.enum(['original', 'edit', 'statusEntry', 'carryOver']),
      reason: z.string().nullable(),
      statusEntryId: Id.nullable(),
      at: z.string(),
      by: Id.nullable(),
    }),
  ),
  /** Days the current deadline lies after the original one; null when either is missing. */
  slippageDays: z.number().int().nullable(),
  statuses: z.array(
    z.object({
      roundId: Id,
      roundName: z.string(),
      submissionState: z.enum(submissionStates),
      status: z.enum(measureStatuses),
      note: z.string().nullable(),
      reason: z.string().nullable(),
      newDeadline: DeadlineDto.nullable(),
      selfCheckResult: z.string().nullable(),
    }),
  ),
}).meta({ id: 'MeasureDetail' });

const MeetingRef = z.object({ id: Id, body: z.string(), heldOn: z.string(), agendaItem: z.string().nullable() });

export const Approval = z
  .object({
    id: Id,
    approvedBy: Id,
    approvedByName: z.string(),
    approvedOn: z.string(),
    meeting: MeetingRef.nullable(),
    note: z.string().nullable(),
    /** The revision it approved. */
    revision: z.number().int(),
    /** Set when central coordination approved with guidance errors open. */
    overrideReason: z.string().nullable(),
  })
  .meta({ id: 'PlanApproval' });

const ReturnComment = z.object({ comment: z.string(), at: z.string().nullable(), byName: z.string().nullable() });

export const PlanActionsDto = z
  .object({ update: z.boolean(), delete: z.boolean(), submit: z.boolean(), return: z.boolean(), approve: z.boolean(), revise: z.boolean() })
  .meta({ id: 'PlanActions' });
export const AnswerActionsDto = z
  .object({ update: z.boolean(), submit: z.boolean(), return: z.boolean(), approve: z.boolean(), revise: z.boolean() })
  .meta({ id: 'AnswerActions' });

export const Acceptance = z
  .object({ id: Id, code: z.string(), measureId: Id.nullable(), field: z.string(), reason: z.string(), acceptedBy: Id, acceptedAt: z.string() })
  .meta({ id: 'GuidanceAcceptance' });

const AnswerApproval = z.object({ approvedOn: z.string(), approvedByName: z.string().nullable(), meeting: MeetingRef.nullable(), note: z.string().nullable() });

export const AnswerDocument = z
  .object({
    id: Id,
    planId: Id,
    kind: z.enum(answerKinds),
    dueDate: z.string().nullable(),
    decisionPlan: z.array(MeetingRef),
    recipients: z.array(z.string()),
    responsibleOfficials: z.array(z.string()),
    sentOn: z.string().nullable(),
    state: z.enum(answerStates),
    revision: z.number().int(),
    /** The revision in force (approved); null when the answer was never approved. */
    approvedRevision: z.number().int().nullable(),
    /** `approved`: a reader's view, the approved revision while a new one is written; `working`: the row as it stands. */
    view: z.enum(['approved', 'working']),
    /** Central coordination's comment when it sent the answer back. */
    returnComment: z.string().nullable(),
    approval: AnswerApproval.nullable(),
    actions: AnswerActionsDto,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AnswerDocument' });

export const AnswerRevision = z
  .object({
    number: z.number().int(),
    /** `approved` for a kept revision; `draft` / `submitted` for the one being written. */
    state: z.enum(answerStates),
    /** The revision in force. */
    current: z.boolean(),
    approval: AnswerApproval.nullable(),
    dueDate: z.string().nullable(),
    decisionPlan: z.array(MeetingRef),
    recipients: z.array(z.string()),
    responsibleOfficials: z.array(z.string()),
    sentOn: z.string().nullable(),
  })
  .meta({ id: 'AnswerRevision' });

export const Plan = z
  .object({
    id: Id,
    subjectKind: z.enum(planSubjectKinds),
    /** Null for a balance account's plan. */
    findingId: Id.nullable(),
    finding: z.object({ id: Id, number: z.number().int(), title: z.string(), reportYear: z.number().int(), confidential: z.boolean() }).nullable(),
    /** A balance account's plan: the account and the reconciliation (period) that started the plan; its target is `extent`. */
    account: z
      .object({
        id: Id,
        number: z.string(),
        name: z.string(),
        reconciliationId: Id,
        period: z.string(),
        /** The account's current reconciliation as the guidance check sees it (the latest one the plan covers). */
        check: z
          .object({
            category: z.union([z.literal(1), z.literal(2), z.literal(3)]),
            followUpOre: z.int(),
            thresholdOre: z.int(),
            consequence: z.string().nullable(),
          })
          .nullable(),
      })
      .nullable(),
    /** A system reconciliation's plan: the system, target (ledger or debtor system), month and difference it clears. */
    systemReconciliation: z.object({ id: Id, system: z.string(), target: z.enum(systemTargets), period: z.string(), differenceOre: z.int() }).nullable(),
    departmentId: Id,
    departmentCode: z.string(),
    crossCutting: z.boolean(),
    problem: z.string().nullable(),
    extent: z.string().nullable(),
    overallDeadline: DeadlineDto.nullable(),
    state: z.enum(planStates),
    /** The revision shown: the one being written, or (`view` approved) the one in force. */
    revision: z.number().int(),
    /** The revision in force, null when the plan was never approved. */
    approvedRevision: z.number().int().nullable(),
    /** `working`: the plan's rows as being written; `approved`: the approved revision, for those who may only read it. */
    view: z.enum(['working', 'approved']),
    /** Why central coordination sent it back (shown on the draft until it is approved). */
    returnComment: ReturnComment.nullable(),
    actions: PlanActionsDto,
    version: z.number().int(),
    measures: z.array(Measure),
    approvals: z.array(Approval),
    acceptances: z.array(Acceptance),
    answers: z.array(AnswerDocument),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ActionPlan' });

export const Breach = z
  .object({
    code: z.enum(BREACH_CODES),
    severity: z.enum(['error', 'warning']),
    measureId: Id.nullable(),
    measureNumber: z.string().nullable(),
    statusEntryId: Id.nullable(),
    recommendationNumber: z.number().int().nullable(),
    field: z.string(),
    message: z.string(),
    lix: z.number().optional(),
    accepted: z.object({ reason: z.string(), acceptedBy: z.string(), acceptedAt: z.string() }).nullable(),
  })
  .meta({ id: 'GuidanceBreach' });

export const CheckResult = z.object({ breaches: z.array(Breach), blocking: z.boolean() }).meta({ id: 'GuidanceResult' });

export const Revision = z
  .object({
    number: z.number().int(),
    /** `approved` for a kept revision; `draft` / `submitted` for the one being written. */
    state: z.enum(planStates),
    current: z.boolean(),
    approval: Approval.omit({ id: true, approvedBy: true, revision: true }).nullable(),
    measureCount: z.number().int(),
  })
  .meta({ id: 'PlanRevision' });

const ChangedField = z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export const RevisionComparison = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    plan: z.array(ChangedField),
    measures: z.array(
      z.object({ measureId: Id, number: z.string(), title: z.string(), change: z.enum(['added', 'removed', 'changed']), fields: z.array(ChangedField) }),
    ),
  })
  .meta({ id: 'PlanRevisionComparison' });

export const OwnerCandidate = z.object({ id: Id, name: z.string(), title: z.string().nullable() }).meta({ id: 'MeasureOwnerCandidate' });

/** The API's shapes as the web app reads them (`import type` there: one contract, no hand copies). */
export type DeadlineT = z.infer<typeof DeadlineDto>;
export type MeasureT = z.infer<typeof Measure>;
export type MeasureDetailT = z.infer<typeof MeasureDetail>;
export type MeetingRefT = z.infer<typeof MeetingRef>;
export type PlanApprovalT = z.infer<typeof Approval>;
export type PlanActionsT = z.infer<typeof PlanActionsDto>;
export type AcceptanceT = z.infer<typeof Acceptance>;
export type AnswerKind = (typeof answerKinds)[number];
export type AnswerDocumentT = z.infer<typeof AnswerDocument>;
export type AnswerApprovalT = z.infer<typeof AnswerApproval>;
export type AnswerRevisionT = z.infer<typeof AnswerRevision>;
export type PlanT = z.infer<typeof Plan>;
export type BreachT = z.infer<typeof Breach>;
export type CheckResultT = z.infer<typeof CheckResult>;
export type RevisionT = z.infer<typeof Revision>;
export type ChangedFieldT = z.infer<typeof ChangedField>;
export type RevisionComparisonT = z.infer<typeof RevisionComparison>;
export type OwnerCandidateT = z.infer<typeof OwnerCandidate>;
