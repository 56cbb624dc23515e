/**
 * The value lists of reports and findings, apart from the tables so that the web app can import
 * the API's types (schemas.ts) without the database layer.
 */
export const reportKinds = ['annualAccounts', 'ongoingAudit', 'review'] as const;
export const grades = ['red', 'yellow', 'green'] as const;
/** The life of one department's part of a finding (DOMAIN.md §1). */
export const findingStates = [
  'received',
  'assigned',
  'planDrafted',
  'planApproved',
  'inProgress',
  'closureProposed',
  'closed',
  'carriedOver',
] as const;

