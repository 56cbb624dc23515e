import type { z } from 'zod';
import type { Evidence as EvidenceSchema } from '../../../server/modules/attachments/schemas';
import type { DepartmentRoundT, RoundDetailT, RoundMeasureT, RoundT, StatusEntryT, SubmissionT } from '../../../server/modules/rounds/schemas';

/**
 * The follow-up API's shapes: the server's Zod-inferred types (modules/rounds/schemas.ts), under
 * the names the round pages use. The statuses come from the domain, which the server uses too.
 */
export type { MeasureStatus } from '../../../domain/measure-status';
export type { DeadlineT as DeadlineDto } from '../../../server/modules/plans/schemas';

export type Round = RoundT;
export type RoundDetail = RoundDetailT;
export type Submission = SubmissionT;
export type SubmissionState = Submission['state'];
export type StatusEntry = StatusEntryT;
export type RoundMeasure = RoundMeasureT;
export type DepartmentRound = DepartmentRoundT;
/** An evidence file's metadata (modules/attachments/schemas.ts). */
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Field errors of one measure's answer, by field. */
export type FieldErrors = Partial<Record<'status' | 'note' | 'reason' | 'newDeadline' | 'selfCheckResult', string>>;
