import type { DeadlineDto } from '../plans/draft';

/**
 * The follow-up API's shapes, as the web app reads them (see GET /api/openapi.json; the server's
 * followup/schemas.ts). The statuses come from the domain, which the server uses too.
 */
export type { MeasureStatus } from '../../../domain/measure-status';
import type { MeasureStatus } from '../../../domain/measure-status';
export type SubmissionState = 'draft' | 'submitted' | 'returned' | 'accepted';

/** A stored deadline as the API gives it: one type for every page (defined with the plan editor's). */
export type { DeadlineDto };

export interface Round {
  id: string;
  name: string;
  kind: 'status' | 'plan';
  opensOn: string;
  dueOn: string;
  state: 'open' | 'closed';
  version: number;
  /** The commands the caller may take on the round now (change it, close it). */
  actions: { update: boolean; close: boolean };
}

export interface RoundDetail extends Round {
  departments: { departmentId: string; code: string; name: string; submissionId: string | null; state: SubmissionState | 'notStarted'; answered: number; total: number }[];
}

export interface Submission {
  id: string;
  roundId: string;
  departmentId: string;
  state: SubmissionState;
  submittedAt: string | null;
  returnReason: string | null;
  version: number;
  /** What the caller may do with the submission now (the server accepts exactly these). */
  actions: { submit: boolean; return: boolean; accept: boolean };
}

export interface StatusEntry {
  id: string;
  submissionId: string;
  measureId: string;
  status: MeasureStatus;
  note: string | null;
  reason: string | null;
  newDeadline: DeadlineDto | null;
  selfCheckResult: string | null;
  version: number;
  updatedAt: string;
}

export interface RoundMeasure {
  measureId: string;
  number: string;
  title: string;
  planId: string;
  findingId: string;
  findingNumber: number;
  findingTitle: string;
  findingYear: number;
  deadline: DeadlineDto | null;
  entry: StatusEntry | null;
  canAnswer: boolean;
  /** Assigned to the signed-in user. */
  mine: boolean;
  /** The statuses the server accepts for it today (no "on track" after its deadline). */
  allowedStatuses: MeasureStatus[];
  overdue: boolean;
  actions: { answer: boolean };
}

export interface DepartmentRound {
  round: Round;
  department: { id: string; code: string; name: string };
  submission: Submission | null;
  progress: { answered: number; total: number };
  measures: RoundMeasure[];
}

export interface Evidence {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

/** Field errors of one measure's answer, by field. */
export type FieldErrors = Partial<Record<'status' | 'note' | 'reason' | 'newDeadline' | 'selfCheckResult', string>>;
