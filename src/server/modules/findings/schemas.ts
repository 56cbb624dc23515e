import { z } from 'zod';
import { findingStates, grades, reportKinds } from '../../db/schema/index.js';
import { Id, IsoDate, limits, LongText, Name, patchOf, ShortText, Title } from '../../http/schemas.js';

export const ReportInput = z.object({
  title: Title,
  auditor: Name,
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(reportKinds),
  caseNumber: z.string().trim().max(100).nullish(),
  receivedOn: IsoDate.nullish(),
});
export const ReportPatch = ReportInput.partial();

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
  })
  .meta({ id: 'AuditReport' });

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
  recommendations: z.array(z.string().trim().min(1).max(limits.shortText)).max(100).default([]),
  repeatOfEarlierYears: z.boolean().default(false),
  previousFindingId: Id.nullish(),
  caseNumber: z.string().trim().max(100).nullish(),
});
export const FindingPatch = patchOf(FindingInput);

export const Recommendation = z.object({ id: Id, number: z.number().int(), text: z.string() }).meta({ id: 'Recommendation' });
export const FindingDepartment = z
  .object({
    departmentId: Id,
    code: z.string(),
    name: z.string(),
    state: z.enum(findingStates),
    stateChangedAt: z.string(),
    stateNote: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'FindingDepartment' });

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
  })
  .meta({ id: 'Finding' });

export const FindingDetail = Finding.extend({
  report: z.object({ id: Id, title: z.string(), year: z.number().int(), kind: z.enum(reportKinds), auditor: z.string() }),
  plans: z.array(
    z.object({ id: Id, departmentId: Id, crossCutting: z.boolean(), state: z.string(), overallDeadline: z.string().nullable(), measureCount: z.number().int() }),
  ),
  councilDecision: z
    .object({ id: Id, meetingId: Id.nullable(), text: z.string(), committeeComment: z.string().nullable(), version: z.number().int() })
    .nullable(),
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
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  confidential: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** Sort key, `-` first for descending; default: newest year, report, number. */
  sort: z.enum(findingSortKeys.flatMap((k) => [k, `-${k}`] as const) as [FindingSort, ...FindingSort[]]).optional(),
});

export const StateChange = z.object({
  state: z.enum(['assigned', 'closureProposed', 'closed', 'inProgress']),
  note: ShortText.nullish(),
});

export const CouncilDecisionInput = z.object({
  meetingId: Id.nullish(),
  text: z.string().trim().min(1).max(limits.longText),
  committeeComment: LongText.nullish(),
});

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
