import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../db/engine.js';
import { entryHash, GENESIS_HASH, type ChainedChange } from './chain.js';

/**
 * Recomputes a municipality's audit chain from what the database holds and reports the first
 * link that does not hold:
 *
 * - `missingEntry`      the numbering has a gap: entry `seq` is gone
 * - `brokenLink`        the entry's prev_hash is not the hash of the entry before it
 * - `changeRowsAltered` the entry's change rows are not the ones it was written with (count,
 *                       time or user differ, or rows name an entry that does not exist)
 * - `hashMismatch`      the entry or its changes differ from what was hashed when it was written
 * - `headMismatch`      audit_heads does not name the last entry (newest entries deleted or added)
 *
 * Entries are read in pages, in one read-only snapshot per municipality, so a chain of millions
 * of entries is checked in constant memory and a command committing meanwhile cannot confuse it.
 */
export type BreakKind = 'missingEntry' | 'brokenLink' | 'changeRowsAltered' | 'hashMismatch' | 'headMismatch';

export interface BrokenLink {
  seq: number;
  kind: BreakKind;
  message: string;
}

export interface ChainReport {
  municipalityId: string;
  slug: string;
  ok: boolean;
  /** Entries checked (up to the first broken one). */
  checked: number;
  /** The seq audit_heads names (0 for an empty chain). */
  headSeq: number;
  firstBroken: BrokenLink | null;
}

export interface VerifyReport {
  ok: boolean;
  municipalities: ChainReport[];
}

export interface VerifyOptions {
  /** Entries read per query (default 1,000). */
  pageSize?: number;
}

export const breakKindText: Record<BreakKind, string> = {
  missingEntry: 'missing entry',
  brokenLink: 'broken link',
  changeRowsAltered: 'change rows altered',
  hashMismatch: 'hash mismatch',
  headMismatch: 'head mismatch',
};

interface EntryRow {
  seq: string;
  at: string;
  userId: string | null;
  via: string;
  resource: string;
  resourceId: string;
  action: string;
  changeCount: number;
  prevHash: string;
  hash: string;
}

interface ChangeRow {
  auditSeq: string;
  at: string;
  userId: string | null;
  resource: string;
  resourceId: string;
  action: string;
  before: string | null;
  after: string | null;
}

/**
 * Timestamps as text in UTC with microseconds, the same on both engines. A command writes
 * millisecond times; a time with other microseconds was changed since, and is hashed as it is
 * (so it does not match).
 */
const isoAt = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
const msIso = (us: string) => (/\.\d{3}000Z$/.test(us) ? `${us.slice(0, 23)}Z` : us);
/** jsonb as its text, parsed here: no driver-specific JSON handling between the database and the hash. */
const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** Verifies the chain of one municipality. Runs in its own read-only snapshot. */
export async function verifyMunicipalityChain(db: Database, municipality: { id: string; slug: string }, opts: VerifyOptions = {}): Promise<ChainReport> {
  return db.transaction(async (tx) => walk(tx, municipality, opts.pageSize ?? 1000), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function walk(tx: Executor, municipality: { id: string; slug: string }, pageSize: number): Promise<ChainReport> {
  const mid = municipality.id;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let broken: BrokenLink | null = null;

  pages: for (;;) {
    const entries = await queryRows<EntryRow>(
      tx,
      sql`select seq::text as seq, ${isoAt('at')} as at, user_id::text as "userId", via, resource, resource_id::text as "resourceId", action,
                 change_count as "changeCount", prev_hash as "prevHash", hash
            from audit_entries where municipality_id = ${mid} and seq >= ${expected} order by audit_entries.seq limit ${pageSize}`,
    );
    if (!entries.length) break;
    const last = Number(entries.at(-1)!.seq);
    const changeRows = await queryRows<ChangeRow>(
      tx,
      sql`select audit_seq::text as "auditSeq", ${isoAt('at')} as at, user_id::text as "userId", resource, resource_id::text as "resourceId", action,
                 before::text as before, after::text as after
            from change_log where municipality_id = ${mid} and audit_seq >= ${expected} and audit_seq <= ${last} order by audit_seq, seq`,
    );
    const changesOf = new Map<number, ChangeRow[]>();
    for (const c of changeRows) {
      const key = Number(c.auditSeq);
      const list = changesOf.get(key);
      if (list) list.push(c);
      else changesOf.set(key, [c]);
    }

    for (const e of entries) {
      const seq = Number(e.seq);
      if (seq !== expected) {
        broken = { seq: expected, kind: 'missingEntry', message: `entry ${expected} is missing (the next entry is ${seq})` };
        break pages;
      }
      if (e.prevHash !== prevHash) {
        broken = { seq, kind: 'brokenLink', message: `prev_hash of entry ${seq} is not the hash of ${seq === 1 ? 'the chain start' : `entry ${seq - 1}`}` };
        break pages;
      }
      const rows = changesOf.get(seq) ?? [];
      if (rows.length !== Number(e.changeCount)) {
        broken = { seq, kind: 'changeRowsAltered', message: `entry ${seq} has ${rows.length} change rows but was written with ${e.changeCount}` };
        break pages;
      }
      if (rows.some((r) => r.at !== e.at || r.userId !== e.userId)) {
        broken = { seq, kind: 'changeRowsAltered', message: `a change row of entry ${seq} names another time or user than the entry` };
        break pages;
      }
      const changes: ChainedChange[] = rows.map((r) => ({
        resource: r.resource,
        resourceId: r.resourceId,
        action: r.action,
        before: parseJson(r.before),
        after: parseJson(r.after),
      }));
      const hash = entryHash(prevHash, {
        municipalityId: mid,
        seq,
        at: msIso(e.at),
        userId: e.userId,
        via: e.via,
        resource: e.resource,
        resourceId: e.resourceId,
        action: e.action,
        changes,
      });
      if (hash !== e.hash) {
        broken = { seq, kind: 'hashMismatch', message: `entry ${seq} or its changes differ from what was hashed when it was written` };
        break pages;
      }
      prevHash = e.hash;
      expected = seq + 1;
    }
    if (entries.length < pageSize) break;
  }
  const lastSeq = expected - 1;

  const [head] = await queryRows<{ seq: string; hash: string }>(tx, sql`select seq::text as seq, hash from audit_heads where municipality_id = ${mid}`);
  const headSeq = head ? Number(head.seq) : 0;
  if (!broken) {
    if (!head && lastSeq > 0) broken = { seq: lastSeq, kind: 'headMismatch', message: `the chain has ${lastSeq} entries but no head` };
    else if (headSeq > lastSeq)
      broken = {
        seq: lastSeq + 1,
        kind: 'headMismatch',
        message: `the head names entry ${headSeq}, but the chain ends at entry ${lastSeq}: newest entries were removed`,
      };
    else if (headSeq < lastSeq)
      broken = { seq: headSeq + 1, kind: 'headMismatch', message: `the chain goes on to entry ${lastSeq} past its head (entry ${headSeq})` };
    else if (head && head.hash !== prevHash) broken = { seq: lastSeq, kind: 'headMismatch', message: `the head's hash is not the hash of entry ${lastSeq}` };
  }
  // Change rows naming an entry past the verified chain (their entry was removed).
  const [orphan] = await queryRows<{ seq: string | null }>(
    tx,
    sql`select min(audit_seq)::text as seq from change_log where municipality_id = ${mid} and (audit_seq > ${lastSeq} or audit_seq < 1)`,
  );
  if (orphan?.seq != null) {
    const seq = Number(orphan.seq);
    if (!broken || seq < broken.seq) broken = { seq, kind: 'changeRowsAltered', message: `change rows name entry ${seq}, which is not in the chain` };
  }
  return {
    municipalityId: mid,
    slug: municipality.slug,
    ok: broken === null,
    checked: broken ? Math.max(0, broken.seq - 1) : lastSeq,
    headSeq,
    firstBroken: broken,
  };
}

/** Verifies every municipality's chain (or the one with the given slug), in slug order. */
export async function verifyChains(db: Database, opts: VerifyOptions & { municipality?: string } = {}): Promise<VerifyReport> {
  const all = await queryRows<{ id: string; slug: string }>(db, sql`select id::text as id, slug from municipalities order by slug`);
  const selected = opts.municipality === undefined ? all : all.filter((m) => m.slug === opts.municipality);
  if (opts.municipality !== undefined && !selected.length) throw new Error(`Unknown municipality: ${opts.municipality}`);
  const municipalities: ChainReport[] = [];
  for (const m of selected) municipalities.push(await verifyMunicipalityChain(db, m, opts));
  return { ok: municipalities.every((r) => r.ok), municipalities };
}

/** One line per municipality, for the CLI. */
export function formatReport(report: VerifyReport): string {
  return report.municipalities
    .map((r) =>
      r.firstBroken
        ? `${r.slug}: BROKEN at entry ${r.firstBroken.seq}: ${breakKindText[r.firstBroken.kind]}: ${r.firstBroken.message}`
        : `${r.slug}: intact (${r.headSeq} ${r.headSeq === 1 ? 'entry' : 'entries'})`,
    )
    .join('\n');
}
