import { isStaff } from '../access/grants.js';
import { planPolicy as policy } from './policy.js';
import { defaultMeasure, defaultTarget, planCovers } from '../../../domain/account-plan.js';
import { defaultSystemMeasure, defaultSystemTarget } from '../../../domain/system-plan.js';
import { formatDeadline } from '../../../domain/deadline.js';
import type { Category } from '../../../domain/reconciliation.js';
import { balanceLocks, balanceReads } from '../balance/reads.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, detail, invalidField, notFound } from '../../http/problem.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { deadlineField, type StoredDeadline } from '../shared/deadline-field.js';
import { planRepository as repo } from './repository.js';
import type { AccountPlanInputT } from './schemas.js';
import type { PlanDto } from './presenters.js';
import { getPlan, record } from './loaders.js';
import { insertMeasure } from './measures.js';

/**
 * A plan for a subject other than a finding (a balance account's or a system reconciliation's):
 * its target kept in `extent`, its deadline, and a first measure with the responsible, so the
 * plan starts with someone answerable for it. The rest is written in the plan editor.
 */
async function insertSubjectPlan(
  tx: Executor,
  actor: Actor,
  changes: ChangeRecorder,
  p: {
    subject:
      { subjectKind: 'accountReconciliation'; accountReconciliationId: string } | { subjectKind: 'systemReconciliation'; systemReconciliationId: string };
    departmentId: string;
    problem: string | null;
    target: string;
    deadline: StoredDeadline;
    firstMeasure: { title: string; followUpPoint: string; responsible: string };
  },
): Promise<PlanDto> {
  const plan = await repo.insertPlan(tx, {
    municipalityId: actor.municipalityId,
    ...p.subject,
    departmentId: p.departmentId,
    problem: p.problem,
    extent: p.target,
    overallDeadline: p.deadline.text,
    overallDeadlineDue: p.deadline.due,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  });
  const m = p.firstMeasure;
  await insertMeasure(
    tx,
    actor,
    plan.id,
    { number: '1', title: m.title, responsiblePerson: m.responsible, followUpPoint: m.followUpPoint, recommendationIds: [] },
    1,
    p.deadline,
  );
  const dto = await getPlan(tx, actor, plan.id);
  await record(changes, plan.id, 'create', undefined, dto);
  return dto;
}
/** The plans of balance accounts and system reconciliations (plans without a finding). */
export function accountPlanCommands(db: Database) {
  return {
    /**
     * The action plan of a category 2/3 balance account, made from one of its reconciliations: for
     * the account's department, with the plan's deadline, a target (default: back in category 1 by
     * the deadline, kept in the plan's `extent`) and a first measure carrying the responsible and
     * the deadline; the rest is written in the plan editor. One plan follows the account
     * (domain/account-plan): a second plan for a reconciliation an existing plan covers is a 409.
     */
    async createAccountPlan(actor: Actor, reconciliationId: string, input: AccountPlanInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const r = await balanceReads.getReconciliation(tx, mid, reconciliationId);
        const account = r ? await balanceReads.getAccount(tx, mid, r.accountId) : null;
        if (!r || !account || !isStaff(actor)) throw notFound('reconciliation', reconciliationId);
        policy.write(actor, account.departmentId);
        if (r.category === 1) {
          throw invalidField('reconciliation.category', 'actionPlan.notNeeded', 'plans.accountNeedsNoPlan');
        }
        const deadline = deadlineField(input.deadline, 'body.deadline', actor.locale)!;
        // No unique index can say "one plan per run of reconciliations": concurrent creates for the
        // same account wait for each other here, so the second one sees the first plan and gets the 409.
        await balanceLocks.lockAccount(tx, mid, account.id);
        const history = (await balanceReads.reconciliationsOf(tx, mid, account.id)).map((h) => ({ period: h.period, category: h.category as Category }));
        const covering = (await balanceReads.accountPlans(tx, mid, [account.id])).find((p) => planCovers(p.subjectPeriod, history, r.period));
        if (covering) {
          throw conflict(detail('plans.accountHasPlan', { account: account.number }), [
            { field: 'reconciliation', code: 'plan.exists', message: `Plan ${covering.planId} covers this reconciliation` },
          ]);
        }
        const target = input.target ?? defaultTarget(formatDeadline(deadline.value, actor.locale))[actor.locale];
        const first = defaultMeasure(account.number);
        return insertSubjectPlan(tx, actor, changes, {
          subject: { subjectKind: 'accountReconciliation', accountReconciliationId: r.id },
          departmentId: account.departmentId,
          problem: input.problem ?? null,
          target,
          deadline,
          firstMeasure: { title: first.title[actor.locale], followUpPoint: first.followUpPoint[actor.locale], responsible: input.responsible },
        });
      });
    },

    /**
     * The action plan of a system reconciliation with a difference: for the department that owns
     * the system, with the plan's deadline, a target (default: the difference explained and cleared
     * by the deadline) and a first measure with the responsible. One plan per entry: the matching
     * engine updates the entry's difference month by month, the plan stays.
     */
    async createSystemPlan(actor: Actor, systemReconciliationId: string, input: AccountPlanInputT) {
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const s = await balanceReads.getSystemReconciliation(tx, mid, systemReconciliationId);
        if (!s || !isStaff(actor)) throw notFound('systemReconciliation', systemReconciliationId);
        policy.write(actor, s.departmentId);
        if (s.differenceOre === 0) {
          throw invalidField('systemReconciliation.differenceOre', 'actionPlan.notNeeded', 'plans.systemNeedsNoPlan');
        }
        const deadline = deadlineField(input.deadline, 'body.deadline', actor.locale)!;
        const existing = await repo.planOfSystemReconciliation(tx, mid, s.id);
        if (existing) {
          throw conflict(detail('plans.systemHasPlan', { system: s.system, period: s.period }), [
            { field: 'systemReconciliation', code: 'plan.exists', message: `Plan ${existing.id} answers this system reconciliation` },
          ]);
        }
        const target = input.target ?? defaultSystemTarget(s.system, formatDeadline(deadline.value, actor.locale))[actor.locale];
        const first = defaultSystemMeasure(s.system, s.period);
        return insertSubjectPlan(tx, actor, changes, {
          subject: { subjectKind: 'systemReconciliation', systemReconciliationId: s.id },
          departmentId: s.departmentId,
          problem: input.problem ?? s.explanation ?? null,
          target,
          deadline,
          firstMeasure: { title: first.title[actor.locale], followUpPoint: first.followUpPoint[actor.locale], responsible: input.responsible },
        });
      });
    },
  };
}
