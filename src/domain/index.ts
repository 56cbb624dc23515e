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
export type { Breach, BreachAcceptance, BreachCode, BreachSeverity, GuidanceResult, MeasureStatus, PlanForCheck } from './guidance.js';
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
export type { AmountError, AmountErrorCode, AmountFormat, AmountUnit, FormatAmountOptions, ParseAmountResult } from './money.js';
export { AMOUNT_FORMATS, divideRounded, formatAmount, kronerToOre, parseAmount, roundHalfAwayFromZero, sumOre, toKroner, toThousands } from './money.js';
export type {
  AccountFigures,
  BalanceReport,
  BalanceReportInput,
  BalanceTable,
  CategorySummary,
  CommitteeAccount,
  CommitteeSection,
  ImFunctionRow,
  OlderOverview,
  ReportAccount,
  ReportInputIssue,
  ReportItem,
  ReportOptions,
  WriteOff,
  WriteOffKind,
  WriteOffSection,
} from './balance-report.js';
export {
  DEFAULT_EQUITY_IM_FUNCTIONS,
  ReportInputError,
  WRITE_OFF_KINDS,
  accountFigures,
  balanceByImFunction,
  buildBalanceReport,
  categorySummary,
  committeeSections,
  compareImFunctions,
  olderThanOneYearOverview,
  validateAccounts,
  writeOffSection,
} from './balance-report.js';
export type { AccountHistory, AccountMonth, BackTestResult, Frequency, RiskAssessment, RiskComponent, RiskModel } from './risk.js';
export { DEFAULT_RISK_MODEL, FREQUENCIES, FREQUENCY_MONTHS, RISK_COMPONENTS, assessAccount, backTest, monthRange, runRiskModel } from './risk.js';
export type { Rng, SimulatedAccount, SimulatedMunicipality, SimulatorOptions } from './simulator.js';
export { createRng, reportAccountsAt, riskHistories, simulateMunicipality } from './simulator.js';
export type { PlanProgress, ReconciliationPoint } from './account-plan.js';
export { PLAN_PROGRESS_STATUSES, accountPlanProgress, defaultTarget, planCovers } from './account-plan.js';
export type { MeasureState } from './measure-status.js';
export { FINISHED_STATUSES, MEASURE_STATUSES, allowedStatuses, deadlinePassed, effectiveDue, isFinished, isMeasureOverdue } from './measure-status.js';
