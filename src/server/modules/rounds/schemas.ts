import { z } from 'zod';
import { measureStatuses, roundKinds, roundStates, submissionStates } from '../../db/schema/values.js';
import { DeadlineInput, Id, IsoDate, limits, Name, ShortText } from '../../http/schemas.js';
import { DeadlineDto } from '../plans/schemas.js';

export const RoundInput = z.object({
  name: Name,
  kind: z.enum(roundKinds).default('status'),
  opensOn: IsoDate,
  dueOn: IsoDate,
});
/** The kind is fixed once a round exists: its submissions were made for that kind. */
export const RoundPatch = RoundInput.omit({ kind: true }).partial();
export type RoundInputT = z.infer<typeof RoundInput>;
export type RoundPatchT = z.infer<typeof RoundPatch>;

export const Round = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(roundKinds),
    opensOn: z.string(),
    dueOn: z.string(),
    state: z.enum(roundStates),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The commands the caller may take on the round now (rounds/policy.ts). */
    actions: z.object({ update: z.boolean(), close: z.boolean() }),
  })
  .meta({ id: 'FollowUpRound' });

const Progress = z.object({ answered: z.number().int(), total: z.number().int() });

export const RoundDetail = Round.extend({
  departments: z.array(
    z.object({
      departmentId: Id,
      code: z.string(),
      name: z.string(),
      submissionId: Id.nullable(),
      state: z.enum([...submissionStates, 'notStarted']),
      ...Progress.shape,
    }),
  ),
}).meta({ id: 'FollowUpRoundDetail' });

export const Submission = z
  .object({
    id: Id,
    roundId: Id,
    departmentId: Id,
    state: z.enum(submissionStates),
    submittedAt: z.string().nullable(),
    returnReason: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: Id.nullable(),
    /** The commands the caller may take on the submission now (the server accepts exactly these). */
    actions: z.object({ submit: z.boolean(), return: z.boolean(), accept: z.boolean() }),
  })
  .meta({ id: 'RoundSubmission' });
export type SubmissionT = z.infer<typeof Submission>;

export const StatusEntryInput = z.object({
  status: z.enum(measureStatuses),
  note: ShortText.nullish(),
  /** Why a measure is delayed or cancelled, or what a postponed measure waits for. */
  reason: ShortText.nullish(),
  /** New expected deadline of a delayed measure, as typed (`Q2-2026`). */
  newDeadline: DeadlineInput.nullish(),
  /** What the self-check showed, for a completed measure. */
  selfCheckResult: z.string().trim().max(limits.shortText).nullish(),
});
export type StatusEntryInputT = z.infer<typeof StatusEntryInput>;

export const StatusEntry = z
  .object({
    id: Id,
    submissionId: Id,
    measureId: Id,
    status: z.enum(measureStatuses),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    newDeadline: DeadlineDto.nullable(),
    selfCheckResult: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: Id.nullable(),
  })
  .meta({ id: 'StatusEntry' });

export const DepartmentRound = z
  .object({
    round: Round,
    department: z.object({ id: Id, code: z.string(), name: z.string() }),
    submission: Submission.nullable(),
    progress: Progress,
    measures: z.array(
      z.object({
        measureId: Id,
        number: z.string(),
        title: z.string(),
        planId: Id,
        findingId: Id,
        findingNumber: z.number().int(),
        findingTitle: z.string(),
        /** The year of the finding's audit report. */
        findingYear: z.number().int(),
        deadline: DeadlineDto.nullable(),
        entry: StatusEntry.nullable(),
        /** Whether the signed-in user may answer this measure (its coordinator, or its own measure owner). */
        canAnswer: z.boolean(),
        /** The measure is assigned to the signed-in user. */
        mine: z.boolean(),
        /** The statuses the measure may be reported with today ("on track" not once its deadline has passed). */
        allowedStatuses: z.array(z.enum(measureStatuses)),
        /** Overdue by domain/measure-status: its deadline (a delay's new date) has passed and it is neither finished nor postponed. */
        overdue: z.boolean(),
        /** Whether the caller may save this measure's status now (allowed, and the answer still open for changes). */
        actions: z.object({ answer: z.boolean() }),
      }),
    ),
  })
  .meta({ id: 'DepartmentRound' });

export const ReturnInput = z.object({ reason: z.string().trim().min(1).max(limits.shortText) });

export const DepartmentParams = z.object({ id: Id, departmentId: Id });
export const EntryParams = DepartmentParams.extend({ measureId: Id });
export type DepartmentRoundT = z.infer<typeof DepartmentRound>;
export type StatusEntryT = z.infer<typeof StatusEntry>;
export type RoundT = z.infer<typeof Round>;
export type RoundDetailT = z.infer<typeof RoundDetail>;
export type RoundMeasureT = DepartmentRoundT['measures'][number];
