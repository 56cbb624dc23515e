import { addDays, NEW_FOR_DAYS, tasksFor, type RoundPartInput, type TaskState } from '../../../domain/tasks.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { departmentsWith, has, isAuditor, isCentral } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';
import { roundsReads } from '../rounds/reads.js';
import { tasksPolicy as policy } from './policy.js';
import { tasksRepository as repo, type PartScope } from './repository.js';
import type { TaskListT } from './schemas.js';

/**
 * Which department parts the actor's tasks can come from: all of them for municipality-wide
 * roles, a department coordinator's departments, none for a measure owner alone.
 */
function partScope(actor: Actor): PartScope | null {
  const publicOnly = !visibilityOf(actor).confidential;
  if (isCentral(actor) || isAuditor(actor) || has(actor, 'reader')) return { departmentIds: null, publicOnly };
  const coordinated = departmentsWith(actor, 'departmentCoordinator');
  if (coordinated === 'all') return { departmentIds: null, publicOnly };
  return coordinated.length ? { departmentIds: coordinated, publicOnly } : null;
}

/** "What needs me": loads the state in a few queries and lets domain/tasks decide what is due. */
export function createTasksService(db: Database) {
  return {
    async mine(actor: Actor): Promise<TaskListT> {
      policy.read(actor);
      const mid = actor.municipalityId;
      const seesConfidential = visibilityOf(actor).confidential;
      const scope = partScope(actor);
      const roundsMatter = isCentral(actor) || has(actor, 'departmentCoordinator');
      const [parts, openRounds, ownedMeasures, reports] = await Promise.all([
        scope ? repo.parts(db, mid, scope) : [],
        roundsMatter ? repo.openRounds(db, mid) : [],
        has(actor, 'measureOwner') || has(actor, 'departmentCoordinator') ? repo.ownedMeasures(db, mid, actor.userId!, seesConfidential) : [],
        has(actor, 'reader') ? repo.reportsSince(db, mid, addDays(actor.today, -NEW_FOR_DAYS)) : [],
      ]);
      // One query per open status round (there are rarely more than one or two).
      const rounds: RoundPartInput[] = (
        await Promise.all(
          openRounds.map(async (r) =>
            (await roundsReads.progressByDepartment(db, mid, r.id)).map((p) => ({
              round: { id: r.id, name: r.name, dueOn: r.due_on, open: true },
              department: { id: p.departmentId, code: p.code, name: p.name },
              submission: p.state,
              total: p.total,
            })),
          ),
        )
      ).flat();
      const state: TaskState = { me: { userId: actor.userId!, roles: actor.roles }, seesConfidential, parts, rounds, ownedMeasures, reports };
      return { today: actor.today, items: tasksFor(state, actor.today) };
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
