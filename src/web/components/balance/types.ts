/** The balance register as the API returns it (src/server/modules/balance/schemas.ts). */
export type Status = 'open' | 'signedOff' | 'approved';

export interface Ref {
  id: string;
  code: string;
  name: string;
}

export interface BalanceAccount {
  id: string;
  number: string;
  name: string;
  imFunction: Ref;
  department: Ref;
  committee: Ref | null;
  reconciler: 'centralService' | 'department';
  frequency: 'monthly' | 'quarterly' | 'halfYearly';
  latest: { id: string; period: string; category: number; subReason: string; followUpOre: number; olderThanOneYearOre: number; status: Status } | null;
  /** What the latest reconciliation still needs, in the reader's language. */
  needs: Need[];
  actionPlans: AccountPlan[];
  overdue: boolean;
  version: number;
}

export interface Need {
  code: string;
  field: string;
  message: string;
}

/** An action plan of the account with its progress towards category 1. */
export interface AccountPlan {
  id: string;
  state: 'draft' | 'submitted' | 'approved';
  subjectPeriod: string;
  deadline: { text: string; display: string; due: string } | null;
  progress: { status: 'reached'; period: string; date: string; onTime: boolean } | { status: 'notYet' } | { status: 'overdue' };
  overdue: boolean;
}

export interface ReconciliationItem {
  text: string;
  amountOre: number;
  originDate: string;
  reference?: string | null;
  parts?: { amountOre: number; originDate: string }[] | null;
  olderThanOneYearOre: number;
}

export interface Reconciliation {
  id: string;
  accountId: string;
  period: string;
  periodEnd: string;
  ledgerBalanceOre: number;
  category: number;
  subReason: string;
  items: ReconciliationItem[];
  followUpOre: number;
  olderThanOneYearOre: number;
  grossOre: number;
  consequence: string | null;
  note: string | null;
  status: Status;
  preparedBy: string | null;
  preparedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  needs: Need[];
  actionPlans: AccountPlan[];
  version: number;
}
