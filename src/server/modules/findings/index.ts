import type { Executor } from '../../db/engine.js';
import { findingRepository, type FindingDepartmentRow } from './repository.js';

// What other modules may use of the findings' data: they come through here, never through the
// repository, so its queries can change without them.

/** Reads: a finding, its report, its department parts and its recommendations. */
export const findingReads = {
  finding: (ex: Executor, mid: string, id: string) => findingRepository.getFinding(ex, mid, id),
  report: (ex: Executor, mid: string, id: string) => findingRepository.getReport(ex, mid, id),
  departmentsOf: (ex: Executor, mid: string, findingIds: string[]) => findingRepository.departmentsOf(ex, mid, findingIds),
  recommendationsOf: (ex: Executor, mid: string, findingIds: string[]) => findingRepository.recommendationsOf(ex, mid, findingIds),
};

/**
 * The writes the plans module makes on findings, inside its own transaction: a department part
 * going back when its plan goes, and the year rollover repeating a finding in a later report.
 */
export const findingWrites = {
  setDepartmentState: (ex: Executor, mid: string, findingId: string, departmentId: string, state: FindingDepartmentRow['state'], note: string | null, expectedVersion: number | null) =>
    findingRepository.setDepartmentState(ex, mid, findingId, departmentId, state, note, expectedVersion),
  insertFinding: (ex: Executor, values: Parameters<typeof findingRepository.insertFinding>[1]) => findingRepository.insertFinding(ex, values),
  insertRecommendations: (ex: Executor, rows: Parameters<typeof findingRepository.insertRecommendations>[1]) => findingRepository.insertRecommendations(ex, rows),
  insertFindingDepartments: (ex: Executor, rows: Parameters<typeof findingRepository.insertFindingDepartments>[1]) => findingRepository.insertFindingDepartments(ex, rows),
};
