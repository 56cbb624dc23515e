import { userOf } from '../access/grants.js';
import { planPolicy as policy } from './policy.js';
import type { Clock } from '../../clock.js';
import type { Actor } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { conflict, detail, invalid, notFound } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import { runCommand } from '../../unit-of-work.js';
import { planRepository as repo } from './repository.js';
import { assertWritable } from './problems.js';
import { requirePlan, runCheck } from './loaders.js';

/** Accepting a guidance error with a reason, and withdrawing the acceptance. */
export function acceptanceCommands(db: Database, clock: Clock) {
  return {
    async acceptBreach(actor: Actor, planId: string, input: { code: string; measureId?: string | null | undefined; field: string; reason: string }) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await requirePlan(tx, actor, planId);
        policy.write(actor, plan.departmentId);
        assertWritable(plan);
        const measureId = input.measureId ?? null;
        const result = await runCheck(tx, actor, plan);
        const breach = result.breaches.find((b) => b.code === input.code && b.measureId === measureId && b.field === input.field);
        if (breach?.accepted) {
          throw conflict(detail('plans.breachAccepted'), [{ field: 'body.code', code: 'acceptance.exists', message: 'The breach is already accepted' }]);
        }
        if (!breach || breach.severity !== 'error') {
          throw invalid([
            { field: 'body.code', code: 'acceptance.noSuchBreach', message: 'The plan has no such error to accept (same code, measure and field)' },
          ]);
        }
        const row = await repo.insertAcceptance(tx, {
          municipalityId: actor.municipalityId,
          planId,
          code: input.code,
          measureId,
          field: input.field,
          reason: input.reason,
          acceptedBy: userOf(actor),
          acceptedAt: clock.now(),
        });
        await changes.record({ resource: 'guidanceAcceptance', resourceId: row.id, action: 'create', after: row });
        return {
          id: row.id,
          code: row.code,
          measureId: row.measureId,
          field: row.field,
          reason: row.reason,
          acceptedBy: row.acceptedBy,
          acceptedAt: iso(row.acceptedAt),
        };
      });
    },

    async deleteAcceptance(actor: Actor, planId: string, acceptanceId: string) {
      return runCommand(db, actor, async (tx, changes) => {
        const plan = await requirePlan(tx, actor, planId);
        policy.write(actor, plan.departmentId);
        assertWritable(plan);
        const row = await repo.deleteAcceptance(tx, actor.municipalityId, planId, acceptanceId);
        if (!row) throw notFound('acceptance', acceptanceId);
        await changes.record({ resource: 'guidanceAcceptance', resourceId: acceptanceId, action: 'delete', before: row });
      });
    },
  };
}
