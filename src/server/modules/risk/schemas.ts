import { z } from 'zod';
import { RISK_COMPONENTS, type RiskComponent } from '../../../domain/risk.js';
import { reconciliationFrequencies, riskRunStates, signOffStatuses } from '../../db/schema/values.js';
import { Id, MonthText } from '../../http/schemas.js';

/** A month `2024-03` (no supplementary period: a run and the calendar work in calendar months). */
export const Month = MonthText;
const Frequency = z.enum(reconciliationFrequencies);

const perComponent = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(RISK_COMPONENTS.map((c) => [c, value])) as Record<RiskComponent, T>);

const Weight = z.number().min(0).max(1000);
const Saturation = z.number().positive().max(1e15);

/** A model to run: any part left out is the default model's. */
export const ModelInput = z
  .object({
    weights: perComponent(Weight.optional()).strict().optional(),
    saturation: perComponent(Saturation.optional()).strict().optional(),
    monthlyFrom: z.number().min(0).max(1000).optional(),
    quarterlyFrom: z.number().min(0).max(1000).optional(),
    lookbackMonths: z.int().min(1).max(36).optional(),
    qualifyingMonths: z.int().min(1).max(12).optional(),
  })
  .strict();
export type ModelInputT = z.infer<typeof ModelInput>;

export const Model = z.object({
  weights: perComponent(z.number()),
  saturation: perComponent(z.number()),
  monthlyFrom: z.number(),
  quarterlyFrom: z.number(),
  lookbackMonths: z.int(),
  qualifyingMonths: z.int(),
});
export type ModelT = z.infer<typeof Model>;

export const RunInput = z.object({ asOf: Month, model: ModelInput.optional() }).strict();
export type RunInputT = z.infer<typeof RunInput>;

export const Run = z.object({
  id: Id,
  asOf: z.string(),
  model: Model,
  state: z.enum(riskRunStates),
  counts: z.object({ accounts: z.int(), qualified: z.int(), lowered: z.int(), stayedMonthly: z.int(), raised: z.int() }),
  createdAt: z.string(),
  createdBy: Id.nullable(),
  appliedAt: z.string().nullable(),
  appliedBy: Id.nullable(),
});
export type RunT = z.infer<typeof Run>;

const AccountMonth = z.object({ period: z.string(), category: z.int(), balanceOre: z.int(), transactions: z.int(), volumeOre: z.int() });

export const Result = z.object({
  accountId: Id,
  accountNumber: z.string(),
  qualified: z.boolean(),
  score: z.number().nullable(),
  components: z.array(
    z.object({
      component: z.enum(RISK_COMPONENTS as [RiskComponent, ...RiskComponent[]]),
      measure: z.number().nullable(),
      scaled: z.number(),
      weight: z.number(),
      points: z.number(),
    }),
  ),
  previousFrequency: Frequency,
  proposedFrequency: Frequency,
  /** In the reader's language. */
  reasons: z.array(z.string()),
  inputs: z.object({ months: z.array(AccountMonth), knownIssues: z.int(), openFindingIds: z.array(Id) }),
});

export type ResultT = z.infer<typeof Result>;

export const RunDetail = Run.extend({
  results: z.object({ items: z.array(Result), total: z.int(), limit: z.int(), offset: z.int() }),
});
export type RunDetailT = z.infer<typeof RunDetail>;

export const RunQuery = z.object({
  /** qualified: only accounts that took part; changed: only accounts whose frequency would change. */
  filter: z.enum(['all', 'qualified', 'changed']).default('all'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const BackTestQuery = z.object({
  from: Month,
  to: Month,
  step: z.coerce.number().int().min(1).max(12).default(1),
});

export const BackTest = z.object({
  from: z.string(),
  to: z.string(),
  step: z.int(),
  /** The frequency every account is assumed to have had before the runs. */
  baseline: Frequency,
  runs: z.array(z.object({ asOf: z.string(), qualified: z.int(), lowered: z.int(), stayedMonthly: z.int() })),
  distinctQualified: z.int(),
  qualifiedAssessments: z.int(),
  qualifiedPerRun: z.number(),
  lowered: z.int(),
  stayedMonthly: z.int(),
  loweredObserved: z.int(),
  loweredWorse: z.int(),
  loweredShare: z.number(),
  stayedMonthlyShare: z.number(),
  worseShare: z.number(),
});
export type BackTestT = z.infer<typeof BackTest>;

export const LinkParams = z.object({ id: Id, findingId: Id });
export const LinkedFinding = z.object({ findingId: Id, number: z.int(), title: z.string(), linkedAt: z.string() });
export type LinkedFindingT = z.infer<typeof LinkedFinding>;

export const CalendarQuery = z.object({ from: Month, to: Month, department: Id.optional() });
export const Calendar = z.object({
  from: z.string(),
  to: z.string(),
  today: z.string(),
  accounts: z.array(
    z.object({
      id: Id,
      number: z.string(),
      name: z.string(),
      departmentId: Id,
      frequency: Frequency,
      due: z.array(
        z.object({
          period: z.string(),
          reconciliationId: Id.nullable(),
          /** The period of the reconciliation found: December's may be the supplementary `YYYY-13`. */
          reconciledPeriod: z.string().nullable(),
          status: z.enum(signOffStatuses).nullable(),
          state: z.enum(['approved', 'inProgress', 'overdue', 'notDue']),
        }),
      ),
    }),
  ),
});
export type CalendarT = z.infer<typeof Calendar>;
