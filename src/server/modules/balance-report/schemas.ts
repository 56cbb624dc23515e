import { z } from 'zod';
import { PLAN_PROGRESS_STATUSES } from '../../../domain/account-plan.js';
import { Id } from '../../http/schemas.js';

export const ReportQuery = z.object({
  /** The financial year: its year-end reconciliation is YYYY-13 when there is one, else YYYY-12. */
  year: z
    .string()
    .regex(/^\d{4}$/, 'A year is four digits, e.g. 2024')
    .transform(Number)
    .pipe(z.int().min(1900, 'A year from 1900').max(2999, 'A year before 3000')),
  /** One committee's section 2 only: the committee's code (e.g. `BIU`) or id. */
  committee: z.string().trim().min(1).max(200).optional(),
});
export type ReportQueryT = z.infer<typeof ReportQuery>;

/** A figure set in øre and as printed in t.kr. (each cell rounded on its own, half away from zero; counts unchanged). */
function printed<S extends z.ZodRawShape>(shape: S) {
  const o = z.object(shape);
  return z.object({ ore: o, tkr: o });
}

const ImFigures = printed({
  accounts: z.int(),
  balance: z.int(),
  category1: z.int(),
  followUpTotal: z.int(),
  category2: z.int(),
  category3: z.int(),
  olderAccounts: z.int(),
  olderCategory2: z.int(),
  olderCategory3: z.int(),
});

const BalanceTable = z.object({
  rows: z.array(z.object({ im: z.string(), name: z.string() }).extend(ImFigures.shape)),
  total: ImFigures,
});

const CategoryFigures = printed({ accounts: z.int(), net: z.int() });
const CategoryTable = z.object({ '1': CategoryFigures, '2': CategoryFigures, '3': CategoryFigures, total: CategoryFigures });
const Amount = printed({ amount: z.int() });
const Older = printed({ older: z.int() });

const Ref = z.object({ id: Id, code: z.string(), name: z.string() });

const Section1 = z.object({
  table: BalanceTable,
  categories: z.object({
    current: CategoryTable,
    previous: CategoryTable.nullable(),
    change: CategoryTable.nullable(),
    responsibility: z.object({ centralServiceAccounts: z.int(), departmentAccounts: z.int() }),
  }),
  olderThanOneYear: z.object({
    rows: z.array(
      z.object({ im: z.string(), imName: z.string(), department: z.string(), account: z.string(), name: z.string(), category: z.int(), amount: Older }),
    ),
    totals: z.object({ category2: Older, category3: Older }),
  }),
});

const CommitteeAccount = z.object({
  account: z.string(),
  name: z.string(),
  im: z.string(),
  department: z.string(),
  category: z.int(),
  followUp: Amount,
  olderThanOneYear: Amount,
  needsActionPlan: z.boolean(),
  /** |follow-up amount| ≥ the municipality's materiality threshold. */
  needsConsequenceDescription: z.boolean(),
  reconciliationId: Id,
  period: z.string(),
  consequence: z.string().nullable(),
  actionPlanIds: z.array(Id),
  /** The account's action plans: state, canonical deadline, and whether the account reached category 1 by it (as of today). */
  actionPlans: z.array(
    z.object({
      id: Id,
      state: z.string(),
      deadline: z.string().nullable(),
      progress: z.enum(PLAN_PROGRESS_STATUSES),
      reachedPeriod: z.string().nullable(),
    }),
  ),
});

const SystemRow = z.object({
  id: Id,
  system: z.string(),
  target: z.string(),
  period: z.string(),
  department: Ref,
  difference: Amount,
  explanation: z.string().nullable(),
  deadline: z.string().nullable(),
});

const Section2 = z.object({
  /** Null for accounts of departments without a committee. */
  committee: Ref.nullable(),
  table: BalanceTable,
  /** Category 2/3 accounts ranked by category, then account number. */
  accounts: z.array(CommitteeAccount),
  /** The latest system reconciliation of the year per system and target, of the committee's departments. */
  systemReconciliations: z.array(SystemRow),
});

const WriteOffKindSection = z.object({
  rows: z.array(z.object({ im: z.string(), imName: z.string(), appropriation: z.string().nullable(), amount: Amount })),
  total: Amount,
});

/** Section 3: one committee's write-offs by kind (through operations, directly on the balance, other), IM function and appropriation. */
const Section3 = z.object({
  committee: Ref.nullable(),
  writeOffs: z.object({ operations: WriteOffKindSection, balanceOnly: WriteOffKindSection, other: WriteOffKindSection }),
});

/** Sections 4 (accruals booked without documentation) and 5 (movements directly on equity), per committee. */
const AdjustmentSection = z.object({
  committee: Ref.nullable(),
  rows: z.array(
    z.object({
      department: Ref,
      im: z.string(),
      imName: z.string().nullable(),
      appropriation: z.string().nullable(),
      text: z.string().nullable(),
      amount: Amount,
    }),
  ),
  total: Amount,
});

export const BalanceReport = z.object({
  year: z.int(),
  periodEnd: z.string(),
  previousPeriodEnd: z.string(),
  materialityThresholdOre: z.int(),
  /** Accounts counted, and accounts left out because they have no reconciliation at year end. */
  accountsCounted: z.int(),
  accountsWithoutYearEnd: z.array(z.object({ account: z.string(), name: z.string(), department: z.string() })),
  section1: Section1,
  section2: z.array(Section2),
  section3: z.array(Section3),
  section4: z.array(AdjustmentSection),
  section5: z.array(AdjustmentSection),
  /** Sections not computed, and why (in the caller's language). */
  omittedSections: z.array(z.object({ section: z.int(), reason: z.string() })),
});
export type BalanceReportT = z.infer<typeof BalanceReport>;
