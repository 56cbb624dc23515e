import type { RiskComponent } from '../../../domain/risk';

/** The model's components in the order the pages list them (the domain's RISK_COMPONENTS). */
export const COMPONENTS = ['balance', 'transactions', 'volume', 'volatility', 'categoryHistory', 'knownIssues'] as const satisfies readonly RiskComponent[];
export type Component = RiskComponent;

/** Who may run and apply the model: central coordination and administrators (as the API). */
export const mayRunRiskModel = (roles: { role: string }[]) => roles.some((r) => r.role === 'admin' || r.role === 'centralCoordinator');
