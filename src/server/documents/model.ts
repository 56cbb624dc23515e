/**
 * What a document shows, independent of its format. The documents service builds these from the
 * database (after the access rules and the edition have decided what may appear); the PDF, DOCX
 * and XLSX renderers only lay them out. Dates are ISO (`2025-08-31`); renderers format them with
 * documents/format.ts in the document's locale. Deadlines arrive already written the locale's way.
 */
import type { Locale, Vocabulary } from '../../domain/i18n.js';
import type { MeasureStatus } from '../../domain/measure-status.js';
import type { DocumentLabels } from '../i18n/documents/index.js';

export type Edition = 'public' | 'internal';
export type Grade = 'red' | 'yellow' | 'green';
export type FindingState = 'received' | 'assigned' | 'planDrafted' | 'planApproved' | 'inProgress' | 'closureProposed' | 'closed' | 'carriedOver';
export type { MeasureStatus };
export type ReportKind = 'annualAccounts' | 'ongoingAudit' | 'review';

/** Shared by every document: who it is for, in which language, and how it is labelled. */
export interface DocumentMeta {
  municipality: string;
  locale: Locale;
  vocabulary: Vocabulary;
  edition: Edition;
  /** The day the document was made (ISO), shown on the cover and in every footer. */
  generatedOn: string;
  /** The document's title (PDF metadata, DOCX core properties, the cover). */
  title: string;
  /** Every fixed text of the documents, in `locale` and for `vocabulary`. */
  labels: DocumentLabels;
}

/** A deadline as given (quarter, half-year, date...), written the locale's way, with its last day. */
export interface DeadlineView {
  display: string;
  /** Last day of the period (ISO), for sorting and for typed date cells. */
  due: string;
}

export interface DepartmentRef {
  code: string;
  name: string;
}

export interface AuditReportRef {
  title: string;
  year: number;
  kind: ReportKind;
  auditor: string;
  caseNumber: string | null;
  receivedOn: string | null;
}

export interface MeetingRef {
  body: string;
  heldOn: string;
  agendaItem: string | null;
  caseNumber: string | null;
}

// ── Follow-up report ────────────────────────────────────────────────────────────────────────

export type ReportScope =
  { kind: 'municipality'; name: string } | { kind: 'committee'; code: string; name: string } | { kind: 'department'; code: string; name: string };

export interface FollowUpReport {
  kind: 'followUpReport';
  meta: DocumentMeta;
  round: { name: string; kind: 'status' | 'plan'; opensOn: string; dueOn: string; state: 'open' | 'closed' };
  scope: ReportScope;
  /** Public edition: how many confidential findings were left out (treated in a closed item). */
  confidentialOmitted: number;
  findings: ReportFinding[];
  summary: ReportSummary;
}

export interface ReportFinding {
  number: number;
  title: string;
  report: AuditReportRef;
  grade: Grade | null;
  confidential: boolean;
  confidentialBasis: string | null;
  repeatOfEarlierYears: boolean;
  allDepartments: boolean;
  caseNumber: string | null;
  /** The affected departments in scope, each with the state of its part of the finding. */
  departments: (DepartmentRef & { state: FindingState })[];
  /** The least advanced state of the departments' parts: what the index shows. */
  state: FindingState;
  observations: string;
  risks: string | null;
  recommendations: { number: number; text: string }[];
  plans: ReportPlan[];
}

export interface ReportPlan {
  department: DepartmentRef;
  crossCutting: boolean;
  state: 'draft' | 'submitted' | 'approved';
  /** Public edition: a plan that is not approved is only named, its content is left out. */
  withheld: boolean;
  problem: string | null;
  extent: string | null;
  overallDeadline: DeadlineView | null;
  approvedOn: string | null;
  /** What the second column shows: this round's status, or (a new plan) how it will be followed up. */
  secondColumn: 'status' | 'followUpPlan';
  /** The department's submission in this round (null: nothing saved yet). */
  submissionState: 'draft' | 'submitted' | 'returned' | 'accepted' | null;
  measures: ReportMeasure[];
}

export interface ReportMeasure {
  number: string;
  title: string;
  text: string | null;
  deadline: DeadlineView | null;
  /** The deadline the measure first had, when it has moved since. */
  originalDeadline: DeadlineView | null;
  /** Days between the original and the current deadline's last day (0 when unchanged). */
  slippageDays: number;
  followUpPoint: string | null;
  expectedEffect: string | null;
  responsible: string | null;
  recommendationNumbers: number[];
  /** The status given in this round, or, if the measure was finished in an earlier round, that one. */
  status: ReportStatus | null;
  /** Overdue on the document's date (domain/measure-status: deadline passed, neither finished nor postponed). */
  overdue: boolean;
}

export interface ReportStatus {
  status: MeasureStatus;
  note: string | null;
  reason: string | null;
  newDeadline: DeadlineView | null;
  selfCheckResult: string | null;
  /** The round the status was given in (another round than the report's for earlier completions). */
  roundName: string;
  fromThisRound: boolean;
}

export interface ReportSummary {
  /** Measures by this round's status, per department in scope (measures without a status count as noStatus). */
  byDepartment: (DepartmentRef & Record<MeasureStatus | 'noStatus', number> & { overdue: number })[];
  /** Deadline slippage per department: measures whose deadline moved, and by how many days in total. */
  slippage: (DepartmentRef & { measures: number; moved: number; totalDays: number; maxDays: number })[];
  /** `overdue` counts across the statuses (an overdue measure also has its status or none). */
  totals: Record<MeasureStatus | 'noStatus', number> & { overdue: number; findings: number; plans: number; measures: number };
}

// ── Answer document (SE yttrande / uppföljande yttrande; DK reply) ───────────────────────────

export interface AnswerDocument {
  kind: 'answerDocument';
  meta: DocumentMeta;
  answerKind: 'reply' | 'yttrande' | 'uppfoljandeYttrande';
  report: AuditReportRef;
  finding: {
    number: number;
    title: string;
    observations: string;
    risks: string | null;
    grade: Grade | null;
    confidential: boolean;
    confidentialBasis: string | null;
    caseNumber: string | null;
  };
  department: DepartmentRef;
  /** The committee the answering department belongs to (the body that adopts the answer). */
  committee: string | null;
  plan: {
    problem: string | null;
    extent: string | null;
    overallDeadline: DeadlineView | null;
    state: 'draft' | 'submitted' | 'approved';
    approvals: { approvedOn: string; meeting: MeetingRef | null }[];
  };
  /** Each recommendation with the measures that address it; measures that address none follow in `otherMeasures`. */
  recommendations: { number: number; text: string; measures: AnswerMeasure[] }[];
  otherMeasures: AnswerMeasure[];
  dueDate: string | null;
  sentOn: string | null;
  /** The meetings that treat the answer, in order (arbetsutskott → kommunstyrelse). */
  decisionPlan: MeetingRef[];
  recipients: string[];
  responsibleOfficials: string[];
  summary: { measures: number; completed: number; delayed: number; onTrack: number; cancelled: number; postponed: number; noStatus: number };
}

export interface AnswerMeasure {
  number: string;
  title: string;
  text: string | null;
  deadline: DeadlineView | null;
  expectedEffect: string | null;
  followUpPoint: string | null;
  responsible: string | null;
  /** The latest status given in a round (submitted or accepted; internal edition also drafts). */
  status: ReportStatus | null;
}

// ── Council decision sheet ──────────────────────────────────────────────────────────────────

export interface CouncilDecisionSheet {
  kind: 'councilDecisionSheet';
  meta: DocumentMeta;
  report: AuditReportRef;
  confidentialOmitted: number;
  findings: {
    number: number;
    title: string;
    grade: Grade | null;
    confidential: boolean;
    confidentialBasis: string | null;
    repeatOfEarlierYears: boolean;
    departments: DepartmentRef[];
    /** The political committees the affected departments answer to. */
    committees: string[];
    committeeComment: string | null;
    decision: { text: string; meeting: MeetingRef | null } | null;
  }[];
}

export type TilsynDocument = FollowUpReport | AnswerDocument | CouncilDecisionSheet;
