import { csvCell } from '../../csv.js';
import { Readable } from 'node:stream';
import { redact } from '../../audit/redact.js';
import { verifyMunicipalityChain } from '../../audit/verify.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { notFound } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../service-options.js';
import { historyPolicy as policy } from './policy.js';
import { findingReads } from '../findings/index.js';
import { tenancyReads } from '../tenancy/reads.js';
import {
  auditRepository as audit,
  historyRepository as repo,
  type AuditChangeRow,
  type AuditEntryRow,
  type AuditFilter,
  type ChangeRow,
  type Paging,
} from './repository.js';
import type { AuditFilterQueryT } from './schemas.js';

function entryDto(r: ChangeRow) {
  return {
    seq: r.seq,
    at: iso(r.at),
    userId: r.userId,
    userName: r.userName,
    resource: r.resource,
    resourceId: r.resourceId,
    action: r.action,
    before: r.before ?? null,
    after: r.after ?? null,
  };
}

type Via = 'session' | 'token' | 'cli' | 'system';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Fields that name a person: `ownerUserId`, `approvedBy`, `planRequestedBy` … */
const personField = /(By|UserId)$/;

/** The user ids a recorded representation names, at any depth (an approval inside a plan, say). */
function personIds(value: unknown, depth = 0): string[] {
  if (!value || typeof value !== 'object' || depth > 4) return [];
  if (Array.isArray(value)) return value.flatMap((v) => personIds(v, depth + 1));
  return Object.entries(value).flatMap(([k, v]) => (personField.test(k) && typeof v === 'string' && UUID.test(v) ? [v] : personIds(v, depth + 1)));
}

/**
 * An audit entry with its changes. The trail was redacted when it was written; redacting again
 * on the way out costs little and keeps secrets and CPR numbers out of every answer regardless.
 */
function auditDto(e: AuditEntryRow, changes: AuditChangeRow[], names: ReadonlyMap<string, string>) {
  const ids = new Set(changes.flatMap((c) => [...personIds(c.before), ...personIds(c.after)]));
  return {
    seq: e.seq,
    at: e.at,
    userId: e.userId,
    userName: e.userName,
    via: e.via as Via,
    resource: e.resource,
    resourceId: e.resourceId,
    action: e.action,
    changes: changes.map((c) => ({ resource: c.resource, resourceId: c.resourceId, action: c.action, before: redact(c.before), after: redact(c.after) })),
    people: Object.fromEntries([...ids].flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
export type AuditEntryDto = ReturnType<typeof auditDto>;

/** A date bound covers its whole day (UTC); a date-time bound is inclusive to the millisecond. */
function toFilter(q: AuditFilterQueryT): AuditFilter {
  const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  let before: Date | undefined;
  if (q.to !== undefined) before = isDate(q.to) ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) : new Date(Date.parse(q.to) + 1);
  return {
    resource: q.resource,
    resourceId: q.resourceId,
    userId: q.userId,
    from: q.from === undefined ? undefined : new Date(isDate(q.from) ? `${q.from}T00:00:00Z` : q.from),
    before,
    findingId: q.findingId,
    planId: q.planId,
  };
}

/** Attaches each entry's changes (one query per batch of entries). */
async function withChanges(db: Database, mid: string, rows: AuditEntryRow[]): Promise<AuditEntryDto[]> {
  const changes = await audit.changesOf(
    db,
    mid,
    rows.map((r) => r.seq),
  );
  const bySeq = new Map<number, AuditChangeRow[]>();
  for (const c of changes) bySeq.set(c.auditSeq, [...(bySeq.get(c.auditSeq) ?? []), c]);
  // One query for the names of everyone the page's changes refer to.
  const names = await audit.userNames(db, mid, [...new Set(changes.flatMap((c) => [...personIds(c.before), ...personIds(c.after)]))]);
  return rows.map((r) => auditDto(r, bySeq.get(r.seq) ?? [], names));
}

const csvColumns = [
  'seq',
  'at',
  'userId',
  'userName',
  'via',
  'entryResource',
  'entryResourceId',
  'entryAction',
  'resource',
  'resourceId',
  'action',
  'before',
  'after',
  'hash',
] as const;

/** One CSV line per change (an entry with three changes gives three lines repeating the entry's columns). */
function csvLines(e: AuditEntryDto, delimiter: string): string {
  const changes = e.changes.length ? e.changes : [{ resource: null, resourceId: null, action: null, before: null, after: null }];
  return changes
    .map((c) =>
      [e.seq, e.at, e.userId, e.userName, e.via, e.resource, e.resourceId, e.action, c.resource, c.resourceId, c.action, c.before, c.after, e.hash]
        .map((v) => csvCell(v, delimiter))
        .join(delimiter),
    )
    .map((line) => `${line}\r\n`)
    .join('');
}

const EXPORT_PAGE = 500;

/** Reads the change log and the audit trail that every command writes (server/unit-of-work). */
export function createHistoryService(db: Database, opts: ServiceOptions) {
  /** The audit trail is for auditors and for those who run the municipality. */

  async function* exportChunks(actor: Actor, filter: AuditFilter, format: 'csv' | 'json', delimiter: string): AsyncGenerator<string> {
    if (format === 'csv') yield `\uFEFF${csvColumns.join(delimiter)}\r\n`;
    else yield '[';
    let after = 0;
    let first = true;
    for (;;) {
      const rows = await audit.after(db, actor.municipalityId, filter, after, EXPORT_PAGE);
      if (!rows.length) break;
      const entries = await withChanges(db, actor.municipalityId, rows);
      if (format === 'csv') yield entries.map((e) => csvLines(e, delimiter)).join('');
      else {
        yield entries.map((e, i) => `${first && i === 0 ? '\n' : ',\n'}${JSON.stringify(e)}`).join('');
        first = false;
      }
      after = rows.at(-1)!.seq;
      if (rows.length < EXPORT_PAGE) break;
    }
    if (format === 'json') yield first ? ']\n' : '\n]\n';
  }

  return {
    async list(actor: Actor, filter: { resource?: string | undefined; resourceId?: string | undefined }, paging: Paging) {
      policy.readHistory(actor);
      const { rows, total } = await repo.list(db, actor.municipalityId, filter, paging);
      return { items: rows.map(entryDto), total, ...paging };
    },

    async ofFinding(actor: Actor, findingId: string, paging: Paging) {
      policy.readHistory(actor);
      if (!(await findingReads.finding(db, actor.municipalityId, findingId))) throw notFound('finding', findingId);
      const { rows, total } = await repo.ofFinding(db, actor.municipalityId, findingId, paging);
      return { items: rows.map(entryDto), total, ...paging };
    },

    /** A page of the audit trail, newest first. */
    async audit(actor: Actor, query: AuditFilterQueryT, paging: Paging) {
      policy.readAuditTrail(actor);
      const { rows, total } = await audit.page(db, actor.municipalityId, toFilter(query), paging);
      return { items: await withChanges(db, actor.municipalityId, rows), total, ...paging };
    },

    /**
     * The whole filtered trail, oldest first, as a stream read page by page (so an export of any
     * size holds one page in memory): CSV (UTF-8 with BOM, for Excel) or a JSON array.
     */
    async auditExport(actor: Actor, query: AuditFilterQueryT, format: 'csv' | 'json', delimiter: 'comma' | 'semicolon') {
      policy.readAuditTrail(actor);
      const m = await tenancyReads.municipality(db, actor.municipalityId);
      const stream = Readable.from(exportChunks(actor, toFilter(query), format, delimiter === 'semicolon' ? ';' : ','), { objectMode: false });
      return { stream, fileName: `audit-${m?.slug ?? 'trail'}-${opts.clock.now().toISOString().slice(0, 10)}.${format}` };
    },

    /** Recomputes the actor's municipality's chain. */
    async verify(actor: Actor) {
      policy.readAuditTrail(actor);
      const m = await tenancyReads.municipality(db, actor.municipalityId);
      if (!m) throw notFound('municipality', actor.municipalityId);
      const r = await verifyMunicipalityChain(db, { id: m.id, slug: m.slug });
      return { ok: r.ok, checked: r.checked, headSeq: r.headSeq, firstBroken: r.firstBroken };
    },
  };
}
