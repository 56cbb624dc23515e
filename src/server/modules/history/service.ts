import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { notFound } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../services.js';
import { findingRepository } from '../findings/repository.js';
import { historyRepository as repo, type ChangeRow, type Paging } from './repository.js';

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

/** Reads the change log that every command writes (server/unit-of-work), newest first. */
export function createHistoryService(db: Database, _opts: ServiceOptions) {
  return {
    async list(actor: Actor, filter: { resource?: string | undefined; resourceId?: string | undefined }, paging: Paging) {
      const { rows, total } = await repo.list(db, actor.municipalityId, filter, paging);
      return { items: rows.map(entryDto), total, ...paging };
    },

    async ofFinding(actor: Actor, findingId: string, paging: Paging) {
      if (!(await findingRepository.getFinding(db, actor.municipalityId, findingId))) throw notFound('finding', findingId);
      const { rows, total } = await repo.ofFinding(db, actor.municipalityId, findingId, paging);
      return { items: rows.map(entryDto), total, ...paging };
    },
  };
}
