import { visibilityOf } from '../access/visibility.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { notFound } from '../../http/problem.js';
import { renderMessage } from '../../i18n/messages.js';
import { overviewRepository as repo, type FindingCounts, type Level, type MeasureCounts, type OverviewFilter } from './repository.js';
import type { OverviewRowT } from './schemas.js';

function row(head: { id: string | null; code: string | null; name: string }, f: FindingCounts | undefined, m: MeasureCounts | undefined): OverviewRowT {
  return {
    ...head,
    findings: {
      byState: {
        received: f?.received ?? 0,
        assigned: f?.assigned ?? 0,
        planDrafted: f?.planDrafted ?? 0,
        planApproved: f?.planApproved ?? 0,
        inProgress: f?.inProgress ?? 0,
        closureProposed: f?.closureProposed ?? 0,
        closed: f?.closed ?? 0,
        carriedOver: f?.carriedOver ?? 0,
      },
      byGrade: { red: f?.red ?? 0, yellow: f?.yellow ?? 0, green: f?.green ?? 0, none: f?.none ?? 0 },
    },
    measures: {
      onTrack: m?.onTrack ?? 0,
      delayed: m?.delayed ?? 0,
      postponed: m?.postponed ?? 0,
      completed: m?.completed ?? 0,
      cancelled: m?.cancelled ?? 0,
      noStatus: m?.noStatus ?? 0,
      overdue: m?.overdue ?? 0,
    },
    averageSlippageDays: m?.averageSlippageDays ?? null,
  };
}

export function createOverviewService(db: Database) {
  return {
    /** Findings and measures per department, per committee and in total: the coordinator's dashboard. */
    async overview(actor: Actor, given: Omit<OverviewFilter, 'publicOnly'>) {
      const mid = actor.municipalityId;
      // Confidential findings are invisible to readers, in figures as in lists.
      const filter: OverviewFilter = { ...given, publicOnly: !visibilityOf(actor).confidential };
      const [deps, coms, findingCounts, measureCounts] = await Promise.all([
        repo.departments(db, mid, filter.committeeId),
        repo.committees(db, mid, filter.committeeId),
        repo.findingCounts(db, mid, filter),
        repo.measureCounts(db, mid, filter, actor.today),
      ]);
      if (filter.committeeId && !coms.length) throw notFound('committee', filter.committeeId);
      const find = <T extends { level: Level; id: string | null }>(rows: T[], level: Level, id: string | null) =>
        rows.find((r) => r.level === level && r.id === id);
      const rowOf = (level: Level, head: { id: string | null; code: string | null; name: string }) =>
        row(head, find(findingCounts, level, head.id), find(measureCounts, level, head.id));
      return {
        departments: deps.map((d) => rowOf('department', { id: d.id, code: d.code, name: d.name })),
        committees: coms.map((c) => rowOf('committee', { id: c.id, code: c.code, name: c.name })),
        total: rowOf('total', { id: null, code: null, name: renderMessage(actor.locale, 'overview.total') }),
      };
    },

    async slippageByRound(actor: Actor) {
      return { items: await repo.slippageByRound(db, actor.municipalityId, !visibilityOf(actor).confidential) };
    },
  };
}

export type OverviewService = ReturnType<typeof createOverviewService>;
