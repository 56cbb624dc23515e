import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { fieldError, fixedError, invalid, notFound } from '../../http/problem.js';
import { balanceRepository as repo, type AccountHeader } from './repository.js';

/* Finding what a request names (or refusing it): shared by the balance register's use cases. */

export async function requireAccount(ex: Executor, actor: Actor, id: string): Promise<AccountHeader> {
  const a = await repo.getAccount(ex, actor.municipalityId, id);
  if (!a) throw notFound('balanceAccount', id);
  return a;
}

export async function requireReconciliation(ex: Executor, actor: Actor, id: string) {
  const r = await repo.getReconciliation(ex, actor.municipalityId, id);
  if (!r) throw notFound('reconciliation', id);
  const account = await requireAccount(ex, actor, r.accountId);
  return { r, account };
}

export async function imFunctionId(ex: Executor, mid: string, code: string, field: string): Promise<string> {
  const fn = await repo.imFunctionByCode(ex, mid, code);
  if (!fn || fn.level !== 'function') throw invalid([fieldError(field, 'imFunction.unknown', 'balance.imFunctionUnknown', { code })]);
  return fn.id;
}

export async function requireDepartment(ex: Executor, mid: string, id: string, field: string): Promise<void> {
  if (!(await repo.departmentExists(ex, mid, id))) throw invalid([fixedError(field, 'department.unknown', 'No such department')]);
}
