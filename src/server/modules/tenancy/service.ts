import { allow } from '../access/grants.js';
import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Database, Executor, Transaction } from '../../db/engine.js';
import { conflict, detail, invalid, invalidField, notFound, versionConflict } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import { pgError } from '../../http/errors.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { userLifecycle } from '../access/admins.js';
import { isTimeZone } from '../../clock.js';
import { everyoneReadsAdminWrites, meetingsPolicy, municipalityPolicy, usersPolicy } from './policy.js';
import { committeeRepository, departmentRepository, meetingRepository, municipalityRepository, userRepository, type MunicipalityRow } from './repository.js';
import type { CommitteeInput, DepartmentInput, MeetingInput, MunicipalityPatch, UserInput } from './schemas.js';

type Stamped = { createdAt: Date; updatedAt: Date };
const stamp = <T extends Stamped>(row: T) => ({ ...row, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) });
function strip<T extends Stamped & { municipalityId?: string }>(row: T) {
  const { municipalityId: _m, ...rest } = row;
  return stamp(rest);
}

/** Deleting something still referred to (a department with findings) is a conflict, not a crash. */
async function guardInUse<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (pgError(err)?.code === '23503') {
      throw conflict(detail('tenancy.inUse'));
    }
    throw err;
  }
}

/** Throws 403 unless allowed; returns true so it can guard an expression. */
const allowed = (condition: boolean): true => {
  allow(condition);
  return true;
};

export function createTenancyService(db: Database) {
  async function refExists(
    ex: Executor,
    actor: Actor,
    repo: { get: (db: Executor, mid: string, id: string) => Promise<unknown> },
    id: string | null | undefined,
    field: string,
  ) {
    if (id && !(await repo.get(ex, actor.municipalityId, id)))
      throw invalid([{ field, code: 'reference.unknown', message: `Unknown ${field.split('.').pop()} ${id}` }]);
  }

  /** Uniform CRUD for a register; `checkRefs` validates its references to other registers. */
  function crud<Input extends object, Row extends Stamped & { id: string; version: number; municipalityId: string }>(
    resource: string,
    repo: {
      list(db: Executor, mid: string): Promise<Row[]>;
      get(db: Executor, mid: string, id: string): Promise<Row | undefined>;
      insert(db: Executor, values: never): Promise<Row>;
      update(db: Executor, mid: string, id: string, version: number, values: never): Promise<Row | undefined>;
      delete(db: Executor, mid: string, id: string, version: number): Promise<boolean>;
    },
    /** Who may read (a row, given its id) and who may write this register. */
    may: { read: (actor: Actor, id: string | null) => boolean; write: (actor: Actor) => boolean },
    checkRefs: (ex: Executor, actor: Actor, input: Partial<Input>) => Promise<void> = async () => {},
    /** Rules around a change of a row that belong to another module (users: access's last-administrator rule and token revocation). */
    around: {
      update(tx: Transaction, changes: ChangeRecorder, actor: Actor, before: Row, apply: () => Promise<Row>): Promise<Row>;
      delete(tx: Transaction, changes: ChangeRecorder, actor: Actor, before: Row, apply: () => Promise<void>): Promise<void>;
    } = { update: (_tx, _c, _a, _b, apply) => apply(), delete: (_tx, _c, _a, _b, apply) => apply() },
  ) {
    const get = async (ex: Executor, actor: Actor, id: string) => {
      const row = await repo.get(ex, actor.municipalityId, id);
      if (!row) throw notFound(resource, id);
      return row;
    };
    return {
      list: async (actor: Actor) => {
        allow(may.read(actor, null));
        return (await repo.list(db, actor.municipalityId)).map(strip);
      },
      get: async (actor: Actor, id: string) => {
        allow(may.read(actor, id));
        return strip(await get(db, actor, id));
      },
      create: (actor: Actor, input: Input) =>
        allowed(may.write(actor)) &&
        runCommand(db, actor, async (tx, changes) => {
          await checkRefs(tx, actor, input);
          const row = await repo.insert(tx, { ...input, municipalityId: actor.municipalityId } as never);
          await changes.record({ resource, resourceId: row.id, action: 'create', after: row });
          return strip(row);
        }),
      update: (actor: Actor, id: string, version: number, patch: Partial<Input>) =>
        allowed(may.write(actor)) &&
        runCommand(db, actor, async (tx, changes) => {
          const before = await get(tx, actor, id);
          await checkRefs(tx, actor, patch);
          const row = await around.update(tx, changes, actor, before, async () => {
            const row = await repo.update(tx, actor.municipalityId, id, version, patch as never);
            if (!row) throw versionConflict(strip(before), before.version);
            await changes.record({ resource, resourceId: id, action: 'update', before, after: row });
            return row;
          });
          return strip(row);
        }),
      delete: (actor: Actor, id: string, version: number) =>
        allowed(may.write(actor)) &&
        runCommand(db, actor, async (tx, changes) => {
          const before = await get(tx, actor, id);
          if (before.version !== version) throw versionConflict(strip(before), before.version);
          await around.delete(tx, changes, actor, before, async () => {
            await guardInUse(() => repo.delete(tx, actor.municipalityId, id, version));
            await changes.record({ resource, resourceId: id, action: 'delete', before });
          });
        }),
    };
  }

  const municipalityDto = (actor: Actor, row: MunicipalityRow) => ({ ...stamp(row), actions: municipalityPolicy.actions(actor) });

  return {
    async getMunicipality(actor: Actor) {
      const row = await municipalityRepository.get(db, actor.municipalityId);
      if (!row) throw notFound('municipality', actor.municipalityId);
      return municipalityDto(actor, row);
    },
    updateMunicipality: (actor: Actor, version: number, patch: z.infer<typeof MunicipalityPatch>) =>
      allowed(municipalityPolicy.mayUpdate(actor)) &&
      runCommand(db, actor, async (tx, changes) => {
        const before = await municipalityRepository.get(tx, actor.municipalityId);
        if (!before) throw notFound('municipality', actor.municipalityId);
        if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) {
          throw invalidField('body.timeZone', 'timeZone.unknown', 'tenancy.unknownTimeZone', { timeZone: patch.timeZone });
        }
        const row = await municipalityRepository.update(tx, actor.municipalityId, version, patch);
        if (!row) throw versionConflict(municipalityDto(actor, before), before.version);
        await changes.record({ resource: 'municipality', resourceId: row.id, action: 'update', before, after: row });
        return municipalityDto(actor, row);
      }),
    committees: crud<z.infer<typeof CommitteeInput>, typeof committeeRepository extends { get: (...a: never[]) => Promise<infer R> } ? NonNullable<R> : never>(
      'committee',
      committeeRepository,
      everyoneReadsAdminWrites,
    ),
    departments: crud<z.infer<typeof DepartmentInput>, NonNullable<Awaited<ReturnType<typeof departmentRepository.get>>>>(
      'department',
      departmentRepository,
      everyoneReadsAdminWrites,
      async (ex, actor, input) => {
        await refExists(ex, actor, committeeRepository, input.committeeId, 'body.committeeId');
        // The head's account, when named, must be an active user of the municipality: escalations go to it
        if (input.headUserId) {
          const head = await userRepository.get(ex, actor.municipalityId, input.headUserId);
          if (!head?.active) throw invalidField('body.headUserId', 'reference.unknown', 'reminders.headUserUnknown');
        }
      },
    ),
    users: crud<z.infer<typeof UserInput>, NonNullable<Awaited<ReturnType<typeof userRepository.get>>>>(
      'user',
      userRepository,
      usersPolicy,
      async (ex, actor, input) => refExists(ex, actor, departmentRepository, input.departmentId, 'body.departmentId'),
      userLifecycle,
    ),
    meetings: crud<z.infer<typeof MeetingInput>, NonNullable<Awaited<ReturnType<typeof meetingRepository.get>>>>(
      'meeting',
      meetingRepository,
      meetingsPolicy,
      async (ex, actor, input) => refExists(ex, actor, committeeRepository, input.committeeId, 'body.committeeId'),
    ),
  };
}

export type TenancyService = ReturnType<typeof createTenancyService>;
