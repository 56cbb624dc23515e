import type { Locale } from '../../../domain/i18n.js';
import { describeRules } from '../../../domain/matching/rules.js';
import { iso } from '../../http/schemas.js';
import type { SourceConfig } from '../../matching/source-config.js';
import type { GroupRow, ItemRow, RunRow, SystemRow } from './repository.js';

/* The matching API's responses: systems, runs, items and groups. */

export function systemDto(s: SystemRow) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    target: s.target,
    departmentId: s.departmentId,
    rules: s.rules,
    left: s.leftSource as SourceConfig,
    right: s.rightSource as SourceConfig,
    version: s.version,
  };
}
export type MatchingSystemDto = ReturnType<typeof systemDto>;

export function runDto(r: RunRow, locale: Locale) {
  return {
    id: r.id,
    systemId: r.systemId,
    period: r.period,
    state: r.state,
    phase: r.phase,
    progress: r.progress,
    rules: r.rules,
    rulesText: describeRules(r.rules, locale === 'en' ? 'en' : 'da'),
    left: { fileName: r.leftFileName, bytes: r.leftBytes },
    right: { fileName: r.rightFileName, bytes: r.rightBytes },
    summary: r.summary,
    differenceOre: r.differenceOre,
    error: r.error,
    systemReconciliationId: r.systemReconciliationId,
    queuePosition: null as number | null,
    createdAt: iso(r.createdAt),
    createdBy: r.createdBy,
    startedAt: r.startedAt ? iso(r.startedAt) : null,
    finishedAt: r.finishedAt ? iso(r.finishedAt) : null,
    version: r.version,
  };
}
export type MatchingRunDto = ReturnType<typeof runDto>;

export function itemDto(i: ItemRow) {
  return {
    id: i.id,
    side: i.side,
    line: i.line,
    state: i.state,
    groupId: i.groupId,
    amountOre: i.amountOre,
    date: i.date,
    caseId: i.caseId,
    account: i.account,
    cpr: i.cprMasked,
    text: i.text,
    carried: i.carried,
  };
}
export type MatchingItemDto = ReturnType<typeof itemDto>;

export function groupDto(g: GroupRow, items: ItemRow[]) {
  return {
    id: g.id,
    kind: g.kind,
    status: g.status,
    leftOre: g.leftOre,
    rightOre: g.rightOre,
    note: g.note,
    decidedBy: g.decidedBy,
    decidedAt: g.decidedAt ? iso(g.decidedAt) : null,
    items: items.map(itemDto),
    version: g.version,
  };
}
