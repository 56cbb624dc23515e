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
