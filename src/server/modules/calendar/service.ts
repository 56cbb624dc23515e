import type { Clock } from '../../clock.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { fieldError, invalid, notFound, Problem, detail } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import { renderMessage } from '../../i18n/messages.js';
import { runCommand } from '../../unit-of-work.js';
import { departmentsWith } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';
import { randomToken, sameSecret, sha256 } from '../auth/secrets.js';
import type { AuthService } from '../auth/service.js';
import { roundsReads } from '../rounds/reads.js';
import { tenancyReads } from '../tenancy/reads.js';
import { renderFeed, type FeedContent } from './feed.js';
import { calendarPolicy as policy, readableDepartments } from './policy.js';
import { calendarRepository as repo, type DepartmentRef, type EventScope, type FeedRow } from './repository.js';
import type { CalendarFeedInputT, CalendarFeedListT, CalendarFeedT, CreatedCalendarFeedT } from './schemas.js';

/** Feed tokens are told apart from API tokens (`tls_`) at a glance, in a log or a pasted URL. */
export const FEED_TOKEN_PREFIX = 'tcal_';
/** A calendar client polls often; the last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

export interface CalendarOptions {
  clock: Clock;
  auth: AuthService;
}

/** What the audit trail keeps of a feed: never the token or its hash. */
const audited = (f: FeedRow) => ({
  id: f.id,
  userId: f.userId,
  scope: f.scope,
  departmentId: f.departmentId,
  revokedAt: f.revokedAt ? iso(f.revokedAt) : null,
});

const feedDto = (f: FeedRow, departments: ReadonlyMap<string, DepartmentRef>): CalendarFeedT => ({
  id: f.id,
  scope: f.scope,
  department: f.departmentId ? (departments.get(f.departmentId) ?? null) : null,
  createdAt: iso(f.createdAt),
  lastUsedAt: f.lastUsedAt ? iso(f.lastUsedAt) : null,
});

/** The feed's address: the token is the whole credential, so it is the file name. */
export const feedUrl = (baseUrl: string, token: string) => `${baseUrl}/calendar/${token}.ics`;

export function createCalendarService(db: Database, opts: CalendarOptions) {
  async function departmentMap(mid: string, ids: (string | null)[]): Promise<Map<string, DepartmentRef>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    return new Map((await repo.departments(db, mid, wanted)).map((d) => [d.id, d]));
  }

  /** The open rounds as events: the round itself for those who follow it whole, else the submissions of the departments in scope. */
  async function roundsFor(actor: Actor, departmentIds: readonly string[] | null, asWhole: boolean): Promise<FeedContent['rounds']> {
    if (!visibilityOf(actor).internal) return [];
    const mid = actor.municipalityId;
    const open = await repo.openRounds(db, mid);
    if (asWhole) return open.map((r) => ({ ...r, department: null }));
    if (departmentIds !== null && !departmentIds.length) return [];
    const perRound = await Promise.all(
      open.map(async (r) =>
        (await roundsReads.progressByDepartment(db, mid, r.id))
          .filter((p) => departmentIds === null || departmentIds.includes(p.departmentId))
          .map((p) => ({ ...r, department: { id: p.departmentId, code: p.code, name: p.name } })),
      ),
    );
    return perRound.flat();
  }

  async function contentOf(actor: Actor, scope: EventScope, rounds: Promise<FeedContent['rounds']>): Promise<FeedContent> {
    const mid = actor.municipalityId;
    const [measures, planRequests, answers, roundEvents] = await Promise.all([
      repo.measureDeadlines(db, mid, scope),
      repo.planRequests(db, mid, scope),
      repo.answers(db, mid, scope),
      rounds,
    ]);
    const meetings = await repo.meetings(db, mid, [...new Set(answers.flatMap((a) => a.decisionPlan))]);
    return { measures, planRequests, rounds: roundEvents, answers, meetings };
  }

  return {
    async list(actor: Actor): Promise<CalendarFeedListT> {
      policy.own(actor);
      const mid = actor.municipalityId;
      const feeds = await repo.feedsOf(db, mid, actor.userId!);
      const readable = readableDepartments(actor);
      const departments = await repo.departments(db, mid, readable === 'all' ? null : readable);
      const names = await departmentMap(
        mid,
        feeds.map((f) => f.departmentId),
      );
      return { items: feeds.map((f) => feedDto(f, names)), departments };
    },

    /** Makes a feed; the answer carries its URL with the secret token, which is never shown again. */
    async create(actor: Actor, input: CalendarFeedInputT, baseUrl: string): Promise<CreatedCalendarFeedT> {
      policy.own(actor);
      const mid = actor.municipalityId;
      const departmentId = input.departmentId ?? null;
      if (input.scope === 'department' && departmentId === null)
        throw invalid([fieldError('body.departmentId', 'calendar.departmentRequired', 'calendar.departmentRequired')]);
      if (input.scope === 'user' && departmentId !== null)
        throw invalid([fieldError('body.departmentId', 'calendar.departmentNotAllowed', 'calendar.departmentNotAllowed')]);
      if (departmentId !== null) {
        // Another municipality's department answers like a missing one
        if (!(await repo.departments(db, mid, [departmentId])).length)
          throw invalid([fieldError('body.departmentId', 'department.unknown', 'calendar.departmentUnknown')]);
        if (!policy.mayReadDepartment(actor, departmentId))
          throw new Problem(403, 'forbidden', detail('calendar.departmentForbidden'), [
            fieldError('body.departmentId', 'calendar.departmentForbidden', 'calendar.departmentForbidden'),
          ]);
      }
      const token = randomToken(FEED_TOKEN_PREFIX);
      const row = await runCommand(db, actor, async (tx, changes) => {
        // Made at the injected clock's now, like its last use, so the two never disagree
        const row = await repo.insertFeed(tx, {
          municipalityId: mid,
          userId: actor.userId!,
          scope: input.scope,
          departmentId,
          tokenHash: sha256(token),
          createdAt: opts.clock.now(),
        });
        await changes.record({ resource: 'calendarFeed', resourceId: row.id, action: 'create', after: audited(row) });
        return row;
      });
      return { ...feedDto(row, await departmentMap(mid, [departmentId])), url: feedUrl(baseUrl, token) };
    },

    /** Revokes one of the caller's own feeds; another person's (or municipality's) feed answers 404. */
    async revoke(actor: Actor, id: string): Promise<void> {
      policy.own(actor);
      const mid = actor.municipalityId;
      const existing = await repo.feed(db, mid, id);
      if (!existing || existing.userId !== actor.userId || existing.revokedAt) throw notFound('calendarFeed', id);
      await runCommand(db, actor, async (tx, changes) => {
        const row = await repo.revoke(tx, mid, id, opts.clock.now());
        if (!row) throw notFound('calendarFeed', id);
        await changes.record({ resource: 'calendarFeed', resourceId: id, action: 'revoke', before: audited(existing), after: audited(row) });
      });
    },

    /**
     * The feed behind a token as iCalendar text, or null (the route answers 404) when the token is
     * unknown or revoked, the owner is inactive, or a department feed's owner may no longer read
     * the department. The content follows the owner's access now, not when the feed was made.
     */
    async feed(token: string, baseUrl: string): Promise<string | null> {
      if (!token.startsWith(FEED_TOKEN_PREFIX) || token.length > 100) return null;
      const hash = sha256(token);
      const row = await repo.feedByHash(db, hash);
      // The lookup is by the hash (a different value for every guess); the comparison is constant-time all the same
      if (!row || !sameSecret(row.tokenHash, hash) || row.revokedAt) return null;
      const owner = await opts.auth.actorOfUser(row.municipalityId, row.userId, null, 'token');
      if (!owner) return null;
      if (row.scope === 'department' && (row.departmentId === null || !policy.mayReadDepartment(owner, row.departmentId))) return null;
      const mid = owner.municipalityId;
      const now = opts.clock.now();

      let content: FeedContent;
      let name: string;
      let description: string;
      if (row.scope === 'department') {
        const department = (await repo.departments(db, mid, [row.departmentId!]))[0];
        if (!department) return null;
        content = await contentOf(owner, policy.departmentScope(owner, department.id), roundsFor(owner, [department.id], false));
        name = renderMessage(owner.locale, 'calendar.nameDepartment', { code: department.code, name: department.name });
        description = renderMessage(owner.locale, 'calendar.descriptionDepartment', { code: department.code, name: department.name });
      } else {
        const user = await tenancyReads.user(db, mid, owner.userId!);
        const scope = policy.userScope(owner);
        const coordinated = departmentsWith(owner, 'departmentCoordinator');
        const owned = departmentsWith(owner, 'measureOwner');
        const roundDepartments = coordinated === 'all' || owned === 'all' ? null : [...new Set([...coordinated, ...owned])];
        content = await contentOf(owner, scope, roundsFor(owner, roundDepartments, policy.roundsAsWhole(owner)));
        name = renderMessage(owner.locale, 'calendar.nameUser', { name: user?.name ?? '' });
        description = renderMessage(owner.locale, 'calendar.descriptionUser', { name: user?.name ?? '' });
      }
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) await repo.touch(db, mid, row.id, now);
      return renderFeed(content, { locale: owner.locale, vocabulary: owner.vocabulary, timeZone: owner.timeZone, name, description, baseUrl, stamp: now });
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
