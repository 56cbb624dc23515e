/**
 * Table sets that several test files snapshot (with src/test/kit.ts, which adds the audit trail):
 * one list per module, so each file proves "nothing changed" over the same tables.
 */

/** Every table the plan module writes. */
export const PLAN_TABLES = [
  'action_plans',
  'measures',
  'measure_recommendations',
  'deadline_revisions',
  'guidance_acceptances',
  'plan_approvals',
  'plan_revisions',
  'answer_documents',
  'findings',
  'finding_departments',
  'change_log',
] as const;

/** Every table a findings import writes. */
export const FINDINGS_IMPORT_TABLES = [
  'audit_reports',
  'findings',
  'recommendations',
  'finding_departments',
  'action_plans',
  'measures',
  'measure_recommendations',
  'deadline_revisions',
] as const;
