import { sql } from 'drizzle-orm';
import { entryHash, GENESIS_HASH, type ChainedChange } from './audit/chain.js';
import { redact } from './audit/redact.js';
import type { Actor } from './context.js';
import type { Database, Transaction } from './db/engine.js';
import { auditEntries, changeLog } from './db/schema/index.js';

export interface Change {
  resource: string;
  resourceId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface ChangeRecorder {
  record(change: Change): Promise<void>;
}

/** Who a command runs for, as far as the audit trail is concerned. */
export type CommandActor = Pick<Actor, 'municipalityId' | 'userId' | 'via'>;

/**
 * The one write path: every command runs in one transaction. The changes it records become its
 * audit entry, appended to the municipality's hash chain just before commit, so a change and its
 * trace commit or fail together, and a failed command leaves no entry.
 */
export async function runCommand<T>(db: Database, actor: CommandActor, fn: (tx: Transaction, changes: ChangeRecorder) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const recorded: ChainedChange[] = [];
    const changes: ChangeRecorder = {
      async record(change) {
        recorded.push({
          resource: change.resource,
          resourceId: change.resourceId,
          action: change.action,
          before: redact(change.before),
          after: redact(change.after),
        });
      },
    };
    const result = await fn(tx, changes);
    if (recorded.length) await appendAuditEntry(tx, actor, recorded);
    return result;
  });
}

/**
 * Appends one entry to the chain. Locking the chain head serialises appends per municipality
 * (briefly: only from here to commit), which is what makes the numbering gapless and the
 * previous hash certain.
 */
async function appendAuditEntry(tx: Transaction, actor: CommandActor, recorded: ChainedChange[]): Promise<void> {
  const mid = actor.municipalityId;
  await tx.execute(sql`insert into audit_heads (municipality_id, seq, hash) values (${mid}, 0, ${GENESIS_HASH}) on conflict (municipality_id) do nothing`);
  const head = (await tx.execute(sql`select seq, hash from audit_heads where municipality_id = ${mid} for update`)) as unknown as {
    rows: { seq: string | number; hash: string }[];
  };
  const prev = head.rows[0]!;
  const seq = Number(prev.seq) + 1;
  const at = new Date();
  const first = recorded[0]!;
  const entry = {
    municipalityId: mid,
    seq,
    at: at.toISOString(),
    userId: actor.userId,
    via: actor.via,
    resource: first.resource,
    resourceId: first.resourceId,
    action: first.action,
    changes: recorded,
  };
  const hash = entryHash(prev.hash, entry);
  await tx.insert(auditEntries).values({
    municipalityId: mid,
    seq,
    at,
    userId: actor.userId,
    via: actor.via,
    resource: first.resource,
    resourceId: first.resourceId,
    action: first.action,
    changeCount: recorded.length,
    prevHash: prev.hash,
    hash,
  });
  // 1,000 changes a statement, in order: an import records tens of thousands and PostgreSQL takes at
  // most 65,535 parameters a statement; the hash above already covers every change
  const rows = recorded.map((c) => ({
    municipalityId: mid,
    at,
    userId: actor.userId,
    resource: c.resource,
    resourceId: c.resourceId,
    action: c.action,
    before: c.before,
    after: c.after,
    auditSeq: seq,
  }));
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(changeLog).values(rows.slice(i, i + 1000));
  await tx.execute(sql`update audit_heads set seq = ${seq}, hash = ${hash} where municipality_id = ${mid}`);
}
