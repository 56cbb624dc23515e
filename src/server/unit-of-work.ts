import type { Actor } from './context.js';
import type { Database, Transaction } from './db/engine.js';
import { changeLog } from './db/schema/index.js';

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

/**
 * The one write path: every command runs in one transaction and records its changes in the
 * change log inside that same transaction, so a change and its trace commit or fail together.
 */
export async function runCommand<T>(db: Database, actor: Actor, fn: (tx: Transaction, changes: ChangeRecorder) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const changes: ChangeRecorder = {
      async record(change) {
        await tx.insert(changeLog).values({
          municipalityId: actor.municipalityId,
          userId: actor.userId,
          resource: change.resource,
          resourceId: change.resourceId,
          action: change.action,
          before: toJson(change.before),
          after: toJson(change.after),
        });
      },
    };
    return fn(tx, changes);
  });
}

/** Dates and buffers become JSON-friendly; binary content never enters the log. */
function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer') return '[binary]';
      return v;
    }),
  );
}
