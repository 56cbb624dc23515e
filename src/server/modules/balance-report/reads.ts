import { balanceReportRepository as repo } from './repository.js';

/** A balance account with the codes of its IM function, department and committee. */
export type RegisterAccount = Awaited<ReturnType<typeof repo.accounts>>[number];

/** What other modules may read through the annual report's queries (the balance import checks file rows against them). */
export const balanceReportReads = {
  accounts: repo.accounts,
  departments: repo.departments,
};
