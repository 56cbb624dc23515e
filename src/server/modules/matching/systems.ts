import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { conflict, detail, fixedError, invalid, Problem } from '../../http/problem.js';
import type { SourceConfig } from '../../matching/source-config.js';
import { runCommand } from '../../unit-of-work.js';
import { matchingPolicy as policy } from './policy.js';
import { checkSystemInput, requireSystem } from './lookups.js';
import { systemDto, type MatchingSystemDto } from './presenters.js';
import { matchingRepository as repo } from './repository.js';
import type { SystemInputT, SystemPatchT } from './schemas.js';

/** The specialist systems a municipality matches: their sources, layouts and rules. */
export function systemUseCases(db: Database) {
  return {
    listSystems: async (actor: Actor) => {
      policy.read(actor);
      return (await repo.systems(db, actor.municipalityId)).map(systemDto);
    },

    async getSystem(actor: Actor, id: string) {
      policy.read(actor);
      return systemDto(await requireSystem(db, actor, id));
    },

    async createSystem(actor: Actor, input: SystemInputT): Promise<MatchingSystemDto> {
      policy.manage(actor);
      checkSystemInput(input);
      return runCommand(db, actor, async (tx, changes) => {
        if (await repo.systemByCode(tx, actor.municipalityId, input.code)) {
          throw conflict(detail('matching.systemExists', { code: input.code }), [fixedError('body.code', 'matching.codeTaken', 'taken')]);
        }
        const row = await repo
          .insertSystem(tx, {
            municipalityId: actor.municipalityId,
            code: input.code,
            name: input.name,
            target: input.target,
            departmentId: input.departmentId,
            rules: input.rules,
            leftSource: input.left,
            rightSource: input.right,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })
          .catch((err: unknown) => {
            if (String((err as { message?: string }).message ?? err).includes('foreign key'))
              throw invalid([fixedError('body.departmentId', 'department.unknown', 'No such department')]);
            throw err;
          });
        await changes.record({ resource: 'matchingSystem', resourceId: row.id, action: 'create', after: row });
        return systemDto(row);
      });
    },

    async updateSystem(actor: Actor, id: string, version: number, patch: SystemPatchT): Promise<MatchingSystemDto> {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const s = await requireSystem(tx, actor, id);
        if (s.version !== version) throw new Problem(409, 'versionConflict', null, [], { currentVersion: s.version, current: systemDto(s) });
        const next = {
          rules: patch.rules ?? s.rules,
          left: patch.left ?? (s.leftSource as SourceConfig),
          right: patch.right ?? (s.rightSource as SourceConfig),
        };
        checkSystemInput(next);
        const row = await repo.updateSystem(tx, actor.municipalityId, id, version, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.target !== undefined ? { target: patch.target } : {}),
          ...(patch.departmentId !== undefined ? { departmentId: patch.departmentId } : {}),
          rules: next.rules,
          leftSource: next.left,
          rightSource: next.right,
          updatedBy: actor.userId,
        });
        if (!row) throw conflict(detail('concurrentChange'));
        await changes.record({ resource: 'matchingSystem', resourceId: id, action: 'update', before: s, after: row });
        return systemDto(row);
      });
    },
  };
}
