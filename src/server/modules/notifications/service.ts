import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { notificationKinds, type NotificationKind } from '../../db/schema/values.js';
import { notFound } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand } from '../../unit-of-work.js';
import { notificationsPolicy as policy } from './policy.js';
import { notificationsRepository as repo, type NotificationFilter, type NotificationRow } from './repository.js';
import type { NotificationPageT, NotificationPreferencesInputT, NotificationPreferencesT, NotificationT } from './schemas.js';
import { notificationText } from './texts.js';

/** A notification as its reader sees it: the text rendered in the reader's language and the municipality's vocabulary. */
function notificationDto(actor: Actor, n: NotificationRow): NotificationT {
  const { title, body } = notificationText(actor.locale, n.kind, n.params, actor.vocabulary, n.dueOn);
  return {
    id: n.id,
    kind: n.kind,
    title,
    body,
    link: n.link,
    findingId: n.findingId,
    dueOn: n.dueOn,
    createdAt: iso(n.createdAt),
    read: n.readAt !== null,
    readAt: n.readAt ? iso(n.readAt) : null,
  };
}

/** The caller's notification centre (what the events wrote for them) and their e-mail choices. */
export function createNotificationsService(db: Database, opts: Pick<ServiceOptions, 'clock'>) {
  async function preferences(actor: Actor): Promise<NotificationPreferencesT> {
    const stored = await repo.preferencesOf(db, actor.municipalityId, actor.userId!);
    const chosen = new Map(stored.kinds.map((k) => [k.kind, k.delivery]));
    return {
      digest: stored.digest ?? 'daily',
      kinds: Object.fromEntries(notificationKinds.map((k) => [k, chosen.get(k) ?? 'immediate'])) as NotificationPreferencesT['kinds'],
    };
  }

  return {
    async list(actor: Actor, filter: NotificationFilter, paging: { limit: number; offset: number }): Promise<NotificationPageT> {
      policy.own(actor);
      const { rows, total } = await repo.list(db, actor.municipalityId, actor.userId!, filter, paging);
      return { items: rows.map((n) => notificationDto(actor, n)), total, ...paging };
    },

    async unreadCount(actor: Actor) {
      policy.own(actor);
      return { unread: await repo.unreadCount(db, actor.municipalityId, actor.userId!) };
    },

    /**
     * Marks one of the caller's notifications read (again: no change). Another user's, or another
     * municipality's, answers 404 like a missing one. Reading is no change to the municipality's
     * data, so it leaves no audit entry.
     */
    async markRead(actor: Actor, id: string): Promise<NotificationT> {
      policy.own(actor);
      const row = await repo.markRead(db, actor.municipalityId, actor.userId!, id, opts.clock.now());
      if (!row) throw notFound('notification', id);
      return notificationDto(actor, row);
    },

    async markAllRead(actor: Actor) {
      policy.own(actor);
      const marked = await repo.markAllRead(db, actor.municipalityId, actor.userId!, opts.clock.now());
      return { marked: marked.length, unread: 0 };
    },

    async preferences(actor: Actor) {
      policy.own(actor);
      return preferences(actor);
    },

    /** Replaces the caller's choices: the kinds not named, and those named immediate, are mailed at once. */
    async setPreferences(actor: Actor, input: NotificationPreferencesInputT): Promise<NotificationPreferencesT> {
      policy.own(actor);
      const before = await preferences(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const kinds = Object.entries(input.kinds)
          .filter(([, delivery]) => delivery !== undefined && delivery !== 'immediate')
          .map(([kind, delivery]) => ({ kind: kind as NotificationKind, delivery: delivery! }));
        await repo.replacePreferences(tx, actor.municipalityId, actor.userId!, kinds, input.digest, opts.clock.now());
        const after = {
          digest: input.digest,
          kinds: Object.fromEntries(notificationKinds.map((k) => [k, input.kinds[k] ?? 'immediate'])) as NotificationPreferencesT['kinds'],
        };
        await changes.record({ resource: 'notificationPreferences', resourceId: actor.userId!, action: 'update', before, after });
        return after;
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
