import type { Executor } from '../../db/engine.js';
import { findingRepository, type FindingDepartmentRow } from './repository.js';

export type { FindingDepartmentRow, FindingRow, RecommendationRow, ReportRow } from './repository.js';

// What other modules may use of the findings' data: they come through here, never through the
// repository, so its queries can change without them.

/** Reads: a finding, its report, its department parts and its recommendations; the lists of reports and findings (the import). */
export const findingReads = {
  finding: (ex: Executor, mid: string, id: string) => findingRepository.getFinding(ex, mid, id),
  report: (ex: Executor, mid: string, id: string) => findingRepository.getReport(ex, mid, id),
  departmentsOf: (ex: Executor, mid: string, findingIds: string[]) => findingRepository.departmentsOf(ex, mid, findingIds),
  recommendationsOf: (ex: Executor, mid: string, findingIds: string[]) => findingRepository.recommendationsOf(ex, mid, findingIds),
  listReports: findingRepository.listReports,
  listFindings: findingRepository.listFindings,
};

/**
 * The writes other modules make on findings, inside their own transaction: the plans module (a
 * department part going back when its plan goes, the year rollover repeating a finding in a later
 * report) and the import of findings and plans (reports, findings, recommendations, parts).
 */
export const findingWrites = {
  setDepartmentState: (
    ex: Executor,
    mid: string,
    findingId: string,
    departmentId: string,
    state: FindingDepartmentRow['state'],
    note: string | null,
    expectedVersion: number | null,
    at: Date,
  ) => findingRepository.setDepartmentState(ex, mid, findingId, departmentId, state, note, expectedVersion, at),
  insertFinding: (ex: Executor, values: Parameters<typeof findingRepository.insertFinding>[1]) => findingRepository.insertFinding(ex, values),
  insertRecommendations: (ex: Executor, rows: Parameters<typeof findingRepository.insertRecommendations>[1]) =>
    findingRepository.insertRecommendations(ex, rows),
  insertFindingDepartments: (ex: Executor, rows: Parameters<typeof findingRepository.insertFindingDepartments>[1]) =>
    findingRepository.insertFindingDepartments(ex, rows),
  insertReport: findingRepository.insertReport,
  updateReport: findingRepository.updateReport,
  updateFinding: findingRepository.updateFinding,
  updateRecommendationText: findingRepository.updateRecommendationText,
  deleteFindingDepartments: findingRepository.deleteFindingDepartments,
};
export { advanceFindingState } from './state.js';
