/** The risk model as the API returns it (src/server/modules/risk/schemas.ts). */
export type Frequency = 'monthly' | 'quarterly' | 'halfYearly';
export const COMPONENTS = ['balance', 'transactions', 'volume', 'volatility', 'categoryHistory', 'knownIssues'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface RiskModel {
  weights: Record<Component, number>;
  saturation: Record<Component, number>;
  monthlyFrom: number;
  quarterlyFrom: number;
  lookbackMonths: number;
  qualifyingMonths: number;
}

export interface RiskRun {
  id: string;
  asOf: string;
  model: RiskModel;
  state: 'draft' | 'applied';
  counts: { accounts: number; qualified: number; lowered: number; stayedMonthly: number; raised: number };
  createdAt: string;
  appliedAt: string | null;
}

export interface RiskResult {
  accountId: string;
  accountNumber: string;
  qualified: boolean;
  score: number | null;
  components: { component: Component; measure: number | null; scaled: number; weight: number; points: number }[];
  previousFrequency: Frequency;
  proposedFrequency: Frequency;
  reasons: string[];
}

export interface RiskRunDetail extends RiskRun {
  results: { items: RiskResult[]; total: number; limit: number; offset: number };
}

export interface BackTestResult {
  runs: { asOf: string; qualified: number; lowered: number; stayedMonthly: number }[];
  distinctQualified: number;
  qualifiedPerRun: number;
  loweredObserved: number;
  loweredWorse: number;
  loweredShare: number;
  stayedMonthlyShare: number;
  worseShare: number;
}

/** Who may run and apply the model: central coordination and administrators (as the API). */
export const mayRunRiskModel = (roles: { role: string }[]) => roles.some((r) => r.role === 'admin' || r.role === 'centralCoordinator');
