/**
 * The value lists of every domain, apart from the tables, so that the web app can import the API's
 * types (each module's schemas.ts) without the database layer. The tables' files import them from here.
 */

// Municipalities
/**
 * Roles that can be allowed to see a CPR number in clear (matching). Readers never: they are the
 * public and the politicians. The department roles count only in the matching system's department.
 */
export const personalDataRoleChoices = ['admin', 'centralCoordinator', 'departmentCoordinator', 'measureOwner', 'auditor'] as const;
export type PersonalDataRole = (typeof personalDataRoleChoices)[number];

// Reports and findings
export const reportKinds = ['annualAccounts', 'ongoingAudit', 'review'] as const;
export const grades = ['red', 'yellow', 'green'] as const;
/** The life of one department's part of a finding (docs/domain.md §1). */
// The states and their rules are the domain's (domain/finding-state.ts)
export { findingStates } from '../../../domain/finding-state.js';

// Access
export const roles = ['admin', 'centralCoordinator', 'departmentCoordinator', 'measureOwner', 'auditor', 'reader'] as const;
export type Role = (typeof roles)[number];
export const tokenScopes = ['read', 'write'] as const;

// Action plans and answer documents
/**
 * What a plan answers: a finding, an account reconciliation or a system reconciliation. Each kind
 * is a value here plus one nullable foreign-key column and a term in the check below: one plan
 * model for all.
 */
export const planSubjectKinds = ['finding', 'accountReconciliation', 'systemReconciliation'] as const;
export const planStates = ['draft', 'submitted', 'approved'] as const;
export const answerKinds = ['reply', 'yttrande', 'uppfoljandeYttrande'] as const;
/** An answer document goes through the same review as a plan: written, submitted, approved (or returned). */
export const answerStates = ['draft', 'submitted', 'approved'] as const;

// Follow-up rounds
export const roundKinds = ['status', 'plan'] as const;
export const roundStates = ['open', 'closed'] as const;
export const submissionStates = ['draft', 'submitted', 'returned', 'accepted'] as const;
/** 'postponed' waits for an outside event (a reason, no new date); see domain/measure-status. */
export const measureStatuses = ['onTrack', 'delayed', 'completed', 'cancelled', 'postponed'] as const;

// Balance register
export const balanceSides = ['asset', 'liability'] as const;
export const imLevels = ['mainAccount', 'group', 'function'] as const;
export const reconcilers = ['centralService', 'department'] as const;
export const signOffStatuses = ['open', 'signedOff', 'approved'] as const;
export const systemTargets = ['ledger', 'debtorSystem'] as const;
/** How often an account is reconciled (domain/risk's Frequency; set by applying a risk model run). */
export const reconciliationFrequencies = ['monthly', 'quarterly', 'halfYearly'] as const;

// Balance activity and report adjustments
/** Sections 3–5 of the annual balance report: what a balance adjustment row is. */
export const adjustmentSections = ['writeOff', 'undocumentedAccrual', 'equityMovement'] as const;
/** Section 3's kinds of write-off: through operations, directly on the balance, other. */
export const writeOffKinds = ['operations', 'balanceOnly', 'other'] as const;

// Risk model runs
export const riskRunStates = ['draft', 'applied'] as const;

// Matching
export const matchingRunStates = ['queued', 'running', 'succeeded', 'failed'] as const;
/** A large balance import's job (balance_import_jobs): queued → running → succeeded | failed. */
export const balanceImportJobStates = ['queued', 'running', 'succeeded', 'failed'] as const;
export const matchingSides = ['left', 'right'] as const;
/** What became of an item the run could not match outright. */
export const matchingItemStates = ['unmatched', 'timing', 'suggested', 'matched'] as const;
export const matchingGroupKinds = ['split', 'manual'] as const;
export const matchingGroupStatuses = ['suggested', 'confirmed', 'rejected'] as const;

// Notifications, e-mail and reminders
/** What Tilsyn tells a person, in the app and by e-mail (modules/notifications). */
export const notificationKinds = [
  'planRequested',
  'planReturned',
  'planApproved',
  'planSubmitted',
  'roundOpened',
  'measureDueSoon',
  'measureOverdue',
  'planDueSoon',
  'planOverdue',
  'roundDueSoon',
  'roundOverdue',
  'answerDueSoon',
  'answerOverdue',
  'escalation',
  'answerSubmitted',
  'answerReturned',
  'answerAccepted',
  'findingClosed',
  'findingReopened',
  'matchingRunFinished',
  'matchingRunFailed',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
/** How a person wants a kind by e-mail: at once, gathered in the digest, or not at all (always in the app). */
export const mailDeliveries = ['immediate', 'digest', 'off'] as const;
export const digestFrequencies = ['daily', 'weekly'] as const;
/** A notification's e-mail: waiting, sent, given up after retries, not to be mailed, or waiting for the digest. */
export const notificationMailStates = ['pending', 'sent', 'failed', 'skipped', 'digest'] as const;
export const mailMessageKinds = ['notification', 'digest', 'test'] as const;
export const mailMessageStates = ['sent', 'failed', 'retrying'] as const;
/** The steps of an escalation, in the order a municipality chooses (reminder settings). */
export const escalationSteps = ['departmentCoordinator', 'departmentHead', 'centralCoordinator'] as const;
export type EscalationStep = (typeof escalationSteps)[number];

// Calendar feeds
export const calendarFeedScopes = ['user', 'department'] as const;
