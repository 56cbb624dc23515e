import { z } from 'zod';
import { MEASURE_STATUS_FILTERS } from '../../../domain/measure-status.js';
import { findingStates, grades, reportKinds } from '../../db/schema/values.js';
import { Id, IsoDate, limits, LongText as AnyLongText, Name as AnyName, patchOf, ShortText as AnyShortText, Title as AnyTitle } from '../../http/schemas.js';

/**
 * Text a person typed: PostgreSQL cannot store U+0000 in text, so it is refused here as a 400
 * naming the field instead of failing in the database.
 */
const noNul = <S extends z.ZodString>(schema: S) => schema.refine((v) => !v.includes('\u0000'), { message: 'Text must not contain the character U+0000' });
const Title = noNul(AnyTitle);
const Name = noNul(AnyName);
const ShortText = noNul(AnyShortText);
const LongText = noNul(AnyLongText);
const CaseNumber = noNul(z.string().trim().max(100));
/** A date a person picks: within the years the app deals with, so a typo such as 0202 is caught. */
const InRangeDate = IsoDate.refine((v) => v >= '2000-01-01' && v <= '2100-12-31', { message: 'The date must be between 2000-01-01 and 2100-12-31' });

export const ReportInput = z.object({
  title: Title,
  auditor: Name,
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(reportKinds),
  caseNumber: CaseNumber.nullish(),
  receivedOn: InRangeDate.nullish(),
});
export const ReportPatch = ReportInput.partial();

/** The commands the caller may take on a report now (findings/policy.ts). */
export const ReportActions = z.object({ update: z.boolean(), delete: z.boolean(), createFinding: z.boolean() });

export const Report = z
  .object({
    id: Id,
    title: z.string(),
    auditor: z.string(),
    year: z.number().int(),
    kind: z.enum(reportKinds),
    caseNumber: z.string().nullable(),
    receivedOn: z.string().nullable(),
    findingCount: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    actions: ReportActions,
  })
  .meta({ id: 'AuditReport' });

const RecommendationText = noNul(z.string().trim().min(1).max(limits.shortText));

const Departments = z.union([z.literal('ALL'), z.array(Id).min(1).max(100)]);

export const FindingInput = z.object({
  number: z.number().int().min(1).max(10_000),
  title: Title,
  observations: LongText.default(''),
  risks: LongText.nullish(),
  grade: z.enum(grades).nullish(),
  confidential: z.boolean().default(false),
  /** Legal basis for keeping it out of public view, e.g. "offentlighedsloven § 33" or "OSL 18:8". */
  confidentialBasis: ShortText.nullish(),
  /** Department ids, or "ALL" for every department of the municipality. */
  departments: Departments,
  recommendations: z.array(RecommendationText).max(100).default([]),
  repeatOfEarlierYears: z.boolean().default(false),
  previousFindingId: Id.nullish(),
  caseNumber: CaseNumber.nullish(),
});
export const FindingPatch = patchOf(FindingInput).extend({
  /**
   * The recommendations in their new order. A plain text keeps the identity of the recommendation
   * at its position (as before); when any item is an object, `{id, text}` keeps that
   * recommendation (and the measures that address it) wherever it moves, and an item without an
   * id is new. A recommendation left out is removed.
   */
  recommendations: z
    .array(z.union([RecommendationText, z.object({ id: Id.optional(), text: RecommendationText })]))
    .max(100)
    .optional(),
});

export const Recommendation = z.object({ id: Id, number: z.number().int(), text: z.string() }).meta({ id: 'Recommendation' });
/** The commands the caller may take on one department's part now (findings/policy.ts). */
export const PartActions = z.object({
  requestPlan: z.boolean(),
  createPlan: z.boolean(),
  assign: z.boolean(),
  proposeClosure: z.boolean(),
  close: z.boolean(),
  reopen: z.boolean(),
});
export const PlanRequest = z
  .object({
    requestedAt: z.string(),
    requestedBy: z.object({ id: Id, name: z.string() }).nullable(),
    dueOn: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'PlanRequest' });
export const FindingDepartment = z
  .object({
    departmentId: Id,
    code: z.string(),
    name: z.string(),
    state: z.enum(findingStates),
    stateChangedAt: z.string(),
    stateNote: z.string().nullable(),
    /** Central coordination's request for this department's plan, if it asked. */
    planRequest: PlanRequest.nullable(),
    version: z.number().int(),
    actions: PartActions,
  })
  .meta({ id: 'FindingDepartment' });

/** The commands the caller may take on a finding now (findings/policy.ts). */
export const FindingActions = z.object({
  update: z.boolean(),
  delete: z.boolean(),
  requestPlans: z.boolean(),
  setCouncilDecision: z.boolean(),
  carryOver: z.boolean(),
});

export const Finding = z
  .object({
    id: Id,
    reportId: Id,
    reportYear: z.number().int(),
    number: z.number().int(),
    title: z.string(),
    observations: z.string(),
    risks: z.string().nullable(),
    grade: z.enum(grades).nullable(),
    confidential: z.boolean(),
    confidentialBasis: z.string().nullable(),
    allDepartments: z.boolean(),
    repeatOfEarlierYears: z.boolean(),
    previousFindingId: Id.nullable(),
    caseNumber: z.string().nullable(),
    recommendations: z.array(Recommendation),
    departments: z.array(FindingDepartment),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    actions: FindingActions,
  })
  .meta({ id: 'Finding' });

export const CouncilDecision = z
  .object({ id: Id, meetingId: Id.nullable(), text: z.string(), committeeComment: z.string().nullable(), version: z.number().int() })
  .meta({ id: 'CouncilDecision' });

export const FindingDetail = Finding.extend({
  report: z.object({ id: Id, title: z.string(), year: z.number().int(), kind: z.enum(reportKinds), auditor: z.string() }),
  plans: z.array(
    z.object({
      id: Id,
      departmentId: Id,
      crossCutting: z.boolean(),
      state: z.string(),
      overallDeadline: z.string().nullable(),
      measureCount: z.number().int(),
    }),
  ),
  councilDecision: CouncilDecision.extend({
    meeting: z.object({ body: z.string(), heldOn: z.string(), agendaItem: z.string().nullable() }).nullable(),
  }).nullable(),
  earlierYears: z.array(z.object({ id: Id, number: z.number().int(), title: z.string(), year: z.number().int(), reportId: Id })),
  laterYear: z.object({ id: Id, number: z.number().int(), title: z.string() }).nullable(),
}).meta({ id: 'FindingDetail' });

export const findingSortKeys = ['year', 'number', 'title', 'grade'] as const;
export type FindingSort = (typeof findingSortKeys)[number] | `-${(typeof findingSortKeys)[number]}`;

export const FindingQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  reportId: Id.optional(),
  departmentId: Id.optional(),
  grade: z.enum(grades).optional(),
  state: z.enum(findingStates).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Findings with a department part in one of the committee's departments (with `state`: that part in that state). */
  committeeId: Id.optional(),
  /** Findings with a measure in this status (the overview's measure columns); with a department or committee, of its plans. */
  measureStatus: z.enum(MEASURE_STATUS_FILTERS).optional(),
  confidential: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** Sort key, `-` first for descending; default: newest year, report, number. */
  sort: z.enum(findingSortKeys.flatMap((k) => [k, `-${k}`] as const) as [FindingSort, ...FindingSort[]]).optional(),
});

export const StateChange = z.object({
  state: z.enum(['assigned', 'closureProposed', 'closed', 'inProgress']),
  /** The comment on the move; proposing closure, closing and reopening each need one (422 without). */
  note: ShortText.nullish(),
});

export const CouncilDecisionInput = z.object({
  meetingId: Id.nullish(),
  text: noNul(z.string().trim().min(1).max(limits.longText)),
  committeeComment: LongText.nullish(),
});

export const PlanRequestInput = z.object({
  /** The departments asked, or "ALL" for every part of the finding not yet asked and without a plan. */
  departmentIds: z.union([z.literal('ALL'), z.array(Id).min(1).max(100)]),
  /** When the plan is due; today or later. */
  dueOn: InRangeDate,
  note: ShortText.nullish(),
});

/** The findings list as a file: the list's own filters, and the format. */
export const FindingExportQuery = FindingQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const CarryOverInput = z.object({
  /** The next year's report the finding is carried into. */
  reportId: Id,
  /** Number in the new report; defaults to the next free number. */
  number: z.number().int().min(1).max(10_000).optional(),
  /** Departments whose part is carried; defaults to every part not closed. */
  departmentIds: z.array(Id).min(1).optional(),
});

export type ReportInputT = z.infer<typeof ReportInput>;
export type FindingInputT = z.infer<typeof FindingInput>;
export type FindingPatchT = z.infer<typeof FindingPatch>;
export type PlanRequestInputT = z.infer<typeof PlanRequestInput>;
export type FindingT = z.infer<typeof Finding>;
export type FindingDetailT = z.infer<typeof FindingDetail>;
export type ReportT = z.infer<typeof Report>;
