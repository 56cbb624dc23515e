import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { invalid, notFound, type FieldError } from '../../http/problem.js';
import { balanceRepository as repo, type AccountHeader } from './repository.js';

/* Finding what a request names (or refusing it): shared by the balance register's use cases. */

export const fieldError = (field: string, code: string, message: string): FieldError => ({ field, code, message });

export const concurrent = { da: 'Samtidig ændring; prøv igen', sv: 'Samtidig ändring; försök igen', en: 'Concurrent change; try again' };

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

export async function imFunctionId(ex: Executor, mid: string, code: string, field: string, locale: Actor['locale']): Promise<string> {
  const fn = await repo.imFunctionByCode(ex, mid, code);
  if (!fn || fn.level !== 'function') {
    const msg = { da: `Ukendt IM-funktion ${code}`, sv: `Okänd IM-funktion ${code}`, en: `Unknown IM function ${code}` };
    throw invalid([fieldError(field, 'imFunction.unknown', msg[locale])]);
  }
  return fn.id;
}

export async function requireDepartment(ex: Executor, mid: string, id: string, field: string): Promise<void> {
  if (!(await repo.departmentExists(ex, mid, id))) throw invalid([fieldError(field, 'department.unknown', 'No such department')]);
}
