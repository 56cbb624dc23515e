import { z } from 'zod';
import { ALL_SUB_REASONS, MAX_ITEMS, MAX_PARTS } from '../../../domain/reconciliation.js';
import { balanceSides, imLevels, planStates, reconciliationFrequencies, reconcilers, signOffStatuses, systemTargets } from '../../db/schema/values.js';
import { DeadlineDto } from '../plans/schemas.js';
import { Id, IsoDate, Name, QueryBool, ShortText, PeriodText } from '../../http/schemas.js';

/** Integer øre (a safe integer): 1.234,56 kr is 123456. Decimals are refused, never rounded. */
export const Ore = z.int();
/** A month `2024-03`, or `2024-13` for the year-end supplementary period. */
export { PeriodText };
export const AccountNumber = z.string().regex(/^\d{8}$/, 'An account number has exactly 8 digits');
export const ImCode = z
  .string()
  .trim()
  .regex(/^\d(\.\d{2}){0,2}$/, 'An IM function is written like 9.28.14');

export const ImFunction = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  side: z.enum(balanceSides),
  level: z.enum(imLevels),
  parentId: Id.nullable(),
});

export type ImFunctionT = z.infer<typeof ImFunction>;

export const StarterResult = z.object({ created: z.int(), total: z.int() });
export type StarterResultT = z.infer<typeof StarterResult>;

export const Settings = z.object({ materialityThresholdOre: z.int(), version: z.int() });
export const SettingsInput = z.object({ materialityThresholdOre: Ore.min(0) });

export const AccountInput = z.object({
  number: AccountNumber,
  name: Name,
  /** IM function code, e.g. `9.28.14`. */
  imFunction: ImCode,
  departmentId: Id,
  reconciler: z.enum(reconcilers),
});
export type AccountInputT = z.infer<typeof AccountInput>;
export const AccountPatch = AccountInput.partial();
export type AccountPatchT = z.infer<typeof AccountPatch>;

const Ref = z.object({ id: Id, code: z.string(), name: z.string() });

export const LatestReconciliation = z.object({
  id: Id,
  period: z.string(),
  category: z.int(),
  subReason: z.string(),
  followUpOre: z.int(),
  olderThanOneYearOre: z.int(),
  status: z.enum(signOffStatuses),
});

const NeedDto = z.object({ code: z.string(), field: z.string(), message: z.string() });

/** An action plan of the account, with its progress towards category 1 (domain/account-plan). */
export const AccountPlanSummary = z.object({
  id: Id,
  state: z.enum(planStates),
  /** The period of the reconciliation that started the plan. */
  subjectPeriod: z.string(),
  deadline: DeadlineDto.nullable(),
  progress: z.discriminatedUnion('status', [
    z.object({ status: z.literal('reached'), period: z.string(), date: z.string(), onTime: z.boolean() }),
    z.object({ status: z.literal('notYet') }),
    z.object({ status: z.literal('overdue') }),
  ]),
  overdue: z.boolean(),
});

export const Account = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  imFunction: Ref,
  department: Ref,
  committee: Ref.nullable(),
  reconciler: z.enum(reconcilers),
  /** How often the account is reconciled; set by applying a risk model run. */
  frequency: z.enum(reconciliationFrequencies),
  latest: LatestReconciliation.nullable(),
  /** What the latest reconciliation still needs (an action plan for category 2/3; a consequence description above the threshold). */
  needs: z.array(NeedDto),
  actionPlans: z.array(AccountPlanSummary),
  /** An action plan's deadline has passed and the account is not back in category 1. */
  overdue: z.boolean(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountT = z.infer<typeof Account>;
export type AccountPlanSummaryT = z.infer<typeof AccountPlanSummary>;
export type NeedT = z.infer<typeof NeedDto>;

/** The balance account list's sortable columns (the web app's column headers). */
export const ACCOUNT_SORT_KEYS = ['number', 'name', 'imFunction', 'department', 'period', 'category', 'followUp', 'older'] as const;
export type AccountSortKey = (typeof ACCOUNT_SORT_KEYS)[number];

export const AccountQuery = z.object({
  /** Category of the latest reconciliation (at or before `period`). */
  category: z.enum(['1', '2', '3']).transform(Number).optional(),
  /** IM function code; a group or main account code matches the functions below it. */
  imFunction: ImCode.optional(),
  departmentId: Id.optional(),
  /** Only accounts whose latest reconciliation has a part older than one year. */
  olderThanOneYear: QueryBool.optional(),
  period: PeriodText.optional(),
  /** Only accounts with (true) or without (false) an overdue action plan. */
  overdue: QueryBool.optional(),
  /** The column the list is sorted by, `-` first for descending; by number when absent (ties by number too). */
  sort: z.enum(ACCOUNT_SORT_KEYS.flatMap((k) => [k, `-${k}`]) as [string, ...string[]]).optional(),
});

export const ItemPart = z.object({ amountOre: Ore, originDate: IsoDate });
export const Item = z.object({
  text: z.string().trim().min(1).max(2000),
  amountOre: Ore,
  originDate: IsoDate,
  reference: z.string().trim().max(200).nullish(),
  parts: z.array(ItemPart).max(MAX_PARTS).nullish(),
});

export const ReconciliationInput = z.object({
  period: PeriodText,
  ledgerBalanceOre: Ore,
  category: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  subReason: z.enum(ALL_SUB_REASONS as [string, ...string[]]),
  items: z.array(Item).max(MAX_ITEMS).default([]),
  consequence: ShortText.nullish(),
  note: ShortText.nullish(),
});
export type ReconciliationInputT = z.infer<typeof ReconciliationInput>;

export const ReconciliationPatch = z
  .object({
    ledgerBalanceOre: Ore,
    category: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    subReason: z.enum(ALL_SUB_REASONS as [string, ...string[]]),
    items: z.array(Item).max(MAX_ITEMS),
    consequence: ShortText.nullable(),
    note: ShortText.nullable(),
  })
  .partial();
export type ReconciliationPatchT = z.infer<typeof ReconciliationPatch>;

export const Reconciliation = z.object({
  id: Id,
  accountId: Id,
  accountNumber: z.string(),
  period: z.string(),
  /** The balance date: last day of the month; 31 December for the supplementary period YYYY-13. */
  periodEnd: z.string(),
  supplementary: z.boolean(),
  /** The financial year the period's postings belong to. */
  year: z.int(),
  ledgerBalanceOre: z.int(),
  category: z.int(),
  subReason: z.string(),
  items: z.array(Item.extend({ olderThanOneYearOre: z.int() })),
  /** Computed from the items, never accepted from a client. */
  followUpOre: z.int(),
  olderThanOneYearOre: z.int(),
  grossOre: z.int(),
  consequence: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(signOffStatuses),
  preparedBy: Id.nullable(),
  preparedAt: z.string().nullable(),
  approvedBy: Id.nullable(),
  approvedAt: z.string().nullable(),
  materialityThresholdOre: z.int(),
  /** What the account still needs (an action plan for category 2/3; a consequence description above the threshold). */
  needs: z.array(NeedDto),
  actionPlanIds: z.array(Id),
  actionPlans: z.array(AccountPlanSummary),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReconciliationT = z.infer<typeof Reconciliation>;

export const SystemInput = z.object({
  system: z.string().trim().min(1).max(200),
  target: z.enum(systemTargets),
  period: PeriodText,
  departmentId: Id,
  differenceOre: Ore,
  explanation: ShortText.nullish(),
  deadline: IsoDate.nullish(),
});
export type SystemInputT = z.infer<typeof SystemInput>;
export const SystemPatch = z.object({ differenceOre: Ore, explanation: ShortText.nullable(), deadline: IsoDate.nullable() }).partial();
export type SystemPatchT = z.infer<typeof SystemPatch>;
export const SystemQuery = z.object({ period: PeriodText.optional(), system: z.string().trim().max(200).optional(), departmentId: Id.optional() });

export const SystemReconciliation = z.object({
  /** The plan that clears the difference (POST /system-reconciliations/{id}/action-plan). */
  actionPlan: z.object({ id: Id, state: z.enum(planStates), deadline: z.string().nullable() }).nullable(),
  id: Id,
  system: z.string(),
  target: z.enum(systemTargets),
  period: z.string(),
  departmentId: Id,
  differenceOre: z.int(),
  explanation: z.string().nullable(),
  deadline: z.string().nullable(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SystemReconciliationT = z.infer<typeof SystemReconciliation>;
