/**
 * Authoring format for demo (and fixture) municipalities. It is deliberately free of ids:
 * things refer to each other by their natural keys (department code, finding number,
 * measure number), and the seeder loads it through the normal service layer, so demo data
 * obeys the same validation as user input.
 */
export interface DemoMunicipality {
  slug: string;
  name: string;
  language: 'da' | 'sv' | 'en';
  vocabulary: 'DK' | 'SE';
  currency: 'DKK' | 'SEK';
  committees: { code: string; name: string }[];
  /** `committee` is the code of the political committee the department answers to. */
  departments: { code: string; name: string; committee: string }[];
  /**
   * `roles` are grants written `role` or `role:DEPARTMENTCODE` (departmentCoordinator:BUF). Every
   * demo user signs in with DEMO_PASSWORD (see the README) unless TILSYN_DEMO=0.
   */
  users: { name: string; email: string; title?: string; department?: string; roles: string[] }[];
  /** Meetings are referred to by `key` from approvals, decisions and decision plans. */
  meetings: { key: string; body: string; date: string; agendaItem?: string }[];
  reports: DemoReport[];
  rounds: DemoRound[];
}

export interface DemoReport {
  title: string;
  auditor: string;
  year: number;
  kind: 'annualAccounts' | 'ongoingAudit' | 'review';
  caseNumber?: string;
  /** Date the report was received, ISO. */
  receivedOn?: string;
  findings: DemoFinding[];
}

export interface DemoFinding {
  number: number;
  title: string;
  observations: string;
  risks?: string;
  grade?: 'red' | 'yellow' | 'green';
  confidential?: { legalBasis: string };
  /** Department codes, or 'ALL' for every department. */
  departments: string[] | 'ALL';
  /** Free text saying the finding repeats earlier years (the earlier finding itself may not be in the demo). */
  repeatOfEarlierYears?: boolean;
  caseNumber?: string;
  recommendations: string[];
  plans: DemoPlan[];
  /** The council's decision and the responsible committee's comment. */
  councilDecision?: { meeting: string; text: string; committeeComment?: string };
}

export interface DemoPlan {
  /** Department code, or null for one cross-cutting plan for all affected departments. */
  department: string | null;
  problem?: string;
  extent?: string;
  /** Deadline as a user would type it, e.g. 'Q3-2028', or null when none was given. */
  overallDeadline: string | null;
  approvals?: { meeting: string; approvedBy: string /* user e-mail */; approvedOn: string }[];
  measures: DemoMeasure[];
  /** Metadata of the answer document (SE yttrande / DK reply). */
  answer?: {
    kind: 'reply' | 'yttrande' | 'uppfoljandeYttrande';
    dueDate: string;
    decisionPlan: string[]; // meeting keys, in order
    recipients: string[];
    responsibleOfficials: string[];
  }[];
}

export interface DemoMeasure {
  number: string;
  title: string;
  text: string;
  responsibleUnit?: string;
  responsiblePerson?: string;
  /** E-mail of the user who answers the measure's status (the measure-owner role). */
  owner?: string;
  /** As typed by the department ('Q1-2026', '2025-12-31', '2024'), or null when none was given. */
  deadline: string | null;
  followUpPoint?: string | null;
  expectedEffect?: string | null;
  /** 1-based numbers of the finding's recommendations this measure addresses. */
  recommendations: number[];
}

export interface DemoRound {
  name: string;
  kind: 'status' | 'plan';
  opensOn: string;
  dueOn: string;
  submissions: {
    department: string;
    state: 'draft' | 'submitted' | 'accepted';
    entries: {
      finding: number;
      /** Department code of the plan, or null for the cross-cutting plan. */
      planDepartment: string | null;
      measure: string;
      status: 'onTrack' | 'delayed' | 'completed' | 'cancelled';
      note?: string;
      reason?: string;
      newDeadline?: string;
      selfCheckResult?: string;
    }[];
  }[];
}
