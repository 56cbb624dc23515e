export type { Locale, Localized, Vocabulary } from './i18n.js';
export { LOCALES, VOCABULARIES, formatDecimal } from './i18n.js';
export type { Deadline, DeadlineError, DeadlinePrecision, ParseDeadlineResult } from './deadline.js';
export {
  DEADLINE_PRECISIONS,
  MAX_DEADLINE_YEAR,
  MIN_DEADLINE_YEAR,
  canonicalDeadline,
  compareDeadlines,
  daysBetween,
  formatDeadline,
  isOverdue,
  lastDay,
  parseDeadline,
  slippageDays,
} from './deadline.js';
export type { LixBand, LixResult } from './readability.js';
export { LIX_MIN_WORDS, LIX_WARN_ABOVE, lix, lixBand } from './readability.js';
export type {
  Breach,
  BreachAcceptance,
  BreachCode,
  BreachSeverity,
  GuidanceResult,
  MeasureStatus,
  PlanForCheck,
} from './guidance.js';
export { BREACH_CODES, checkPlan } from './guidance.js';
export type { Category, ItemIssue, ItemPart, ItemTotals, Need, NeedCode, OpenItem, Period, SignOff, SignOffStatus, SubReason } from './reconciliation.js';
export {
  ALL_SUB_REASONS,
  CATEGORIES,
  CATEGORY_LABELS,
  DEFAULT_MATERIALITY_THRESHOLD_ORE,
  SUB_REASONS,
  SUB_REASON_LABELS,
  formatPeriod,
  isFuturePeriod,
  itemOlderPart,
  itemTotals,
  parsePeriod,
  periodEnd,
  periodYear,
  reconciliationNeeds,
  validateItems,
} from './reconciliation.js';
