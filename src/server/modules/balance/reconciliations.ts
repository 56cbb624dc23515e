import {
  afterLedgerChange,
  approve as approveSignOff,
  isFuturePeriod,
  itemTotals,
  parsePeriod,
  periodEnd,
  signOff as signOffRule,
  subReasonFits,
  validateItems,
  type Category,
  type OpenItem,
  type SignOff,
} from '../../../domain/reconciliation.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { detail, fieldError, type FieldError, fixedError, invalid, notFound, Problem, versionConflict } from '../../http/problem.js';
import { renderMessage } from '../../i18n/messages.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand, type Change, type ChangeRecorder } from '../../unit-of-work.js';
import { userOf } from '../access/grants.js';
import { balancePolicy as policy } from './policy.js';
import { requireAccount, requireReconciliation } from './lookups.js';
import { reconciliationDto, type ReconciliationDto } from './presenters.js';
import { balanceRepository as repo, type AccountHeader, type ReconciliationRow } from './repository.js';
import type { ReconciliationInputT, ReconciliationPatchT } from './schemas.js';

/** The items as stored: optional fields normalised so the JSON is canonical. */
function normaliseItems(items: ReconciliationInputT['items']): OpenItem[] {
  return items.map((i) => ({
    text: i.text,
    amountOre: i.amountOre,
    originDate: i.originDate,
    reference: i.reference ?? null,
    parts: i.parts?.length ? i.parts.map((p) => ({ amountOre: p.amountOre, originDate: p.originDate })) : null,
  }));
}

const signOffOf = (r: ReconciliationRow): SignOff => ({ status: r.status, preparedBy: r.preparedBy, approvedBy: r.approvedBy });

const locked = detail('balance.reconciliationLocked');

/** Period, category/sub-reason and items checked together; every problem named. */
function checkContent(actor: Actor, v: { period: string; category: Category; subReason: string; items: OpenItem[] }, prefix = 'body') {
  const errors: FieldError[] = [];
  const period = parsePeriod(v.period);
  if (!period) throw invalid([fixedError(`${prefix}.period`, 'period.invalid', 'Not a period')]);
  if (isFuturePeriod(period, actor.today)) {
    errors.push(fieldError(`${prefix}.period`, 'period.future', 'balance.periodFuture', { period: v.period }));
  }
  if (!subReasonFits(v.category, v.subReason)) {
    errors.push(fixedError(`${prefix}.subReason`, 'subReason.wrongCategory', `The sub-reason ${v.subReason} does not belong to category ${v.category}`));
  }
  const end = periodEnd(period);
  for (const issue of validateItems(v.category, v.items, end)) errors.push(fixedError(`${prefix}.${issue.field}`, issue.code, issue.message[actor.locale]));
  if (errors.length) throw invalid(errors);
  return itemTotals(v.items, end);
}

async function bumpReconciliation(ex: Executor, actor: Actor, r: ReconciliationRow, values: Partial<ReconciliationRow>) {
  const row = await repo.updateReconciliation(ex, actor.municipalityId, r.id, r.version, { ...values, updatedBy: actor.userId });
  if (!row) {
    const current = await repo.getReconciliation(ex, actor.municipalityId, r.id);
    throw versionConflict(await reconciliationDto(ex, actor, current!), current!.version);
  }
  return row;
}

async function at(ex: Executor, actor: Actor, id: string, version: number, authorize: (account: AccountHeader) => void) {
  const { r, account } = await requireReconciliation(ex, actor, id);
  authorize(account);
  if (r.version !== version) throw versionConflict(await reconciliationDto(ex, actor, r), r.version);
  return { r, account };
}

/**
 * The one entry point for a new ledger balance of an existing reconciliation (the API's edit and,
 * later, the ledger import): a changed balance clears a sign-off or approval, and the
 * de-certification is recorded in the audit trail as its own change.
 */
/** The audit trail's record of a de-certification: the sign-off a changed ledger balance cleared (the balance import records it too). */
export function decertificationChange(before: ReconciliationRow, after: Pick<ReconciliationRow, 'status' | 'ledgerBalanceOre'>): Change {
  return {
    resource: 'reconciliation',
    resourceId: before.id,
    action: 'decertify',
    before: { status: before.status, preparedBy: before.preparedBy, approvedBy: before.approvedBy, ledgerBalanceOre: before.ledgerBalanceOre },
    after: { status: after.status, preparedBy: null, approvedBy: null, ledgerBalanceOre: after.ledgerBalanceOre },
  };
}

async function applyLedgerBalance(
  tx: Executor,
  actor: Actor,
  changes: ChangeRecorder,
  r: ReconciliationRow,
  balanceOre: number,
  extra: Partial<ReconciliationRow> = {},
) {
  const { signOff, decertified } = afterLedgerChange(signOffOf(r), r.ledgerBalanceOre, balanceOre);
  const values: Partial<ReconciliationRow> = { ...extra, ledgerBalanceOre: balanceOre };
  if (decertified) Object.assign(values, { status: signOff.status, preparedBy: null, preparedAt: null, approvedBy: null, approvedAt: null });
  const row = await bumpReconciliation(tx, actor, r, values);
  if (decertified) await changes.record(decertificationChange(r, row));
  return row;
}

/** An account's reconciliations: their content, sign-off, approval, reopening and ledger balance (with de-certification). */
export function reconciliationUseCases(db: Database, { clock }: Pick<ServiceOptions, 'clock'>) {
  return {
    async listReconciliations(actor: Actor, accountId: string): Promise<ReconciliationDto[]> {
      policy.read(actor);
      await requireAccount(db, actor, accountId);
      const rows = await repo.reconciliationsOf(db, actor.municipalityId, accountId);
      const out: ReconciliationDto[] = [];
      for (const r of rows) out.push(await reconciliationDto(db, actor, r));
      return out;
    },

    async getReconciliation(actor: Actor, id: string): Promise<ReconciliationDto> {
      policy.read(actor);
      const { r } = await requireReconciliation(db, actor, id);
      return reconciliationDto(db, actor, r);
    },

    async createReconciliation(actor: Actor, accountId: string, input: ReconciliationInputT): Promise<ReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const account = await requireAccount(tx, actor, accountId);
        policy.prepare(actor, account.departmentId);
        const items = normaliseItems(input.items);
        const totals = checkContent(actor, { period: input.period, category: input.category, subReason: input.subReason, items });
        if (await repo.reconciliationAt(tx, actor.municipalityId, accountId, input.period)) {
          throw new Problem(409, 'conflict', null, [
            fixedError('body.period', 'reconciliation.exists', `The account already has a reconciliation for ${input.period}`),
          ]);
        }
        const row = await repo.insertReconciliation(tx, {
          municipalityId: actor.municipalityId,
          accountId,
          period: input.period,
          ledgerBalanceOre: input.ledgerBalanceOre,
          category: input.category,
          subReason: input.subReason,
          items,
          followUpOre: totals.followUpOre,
          olderThanOneYearOre: totals.olderThanOneYearOre,
          grossOre: totals.grossOre,
          consequence: input.consequence ?? null,
          note: input.note ?? null,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await changes.record({ resource: 'reconciliation', resourceId: row.id, action: 'create', after: row });
        return reconciliationDto(tx, actor, row);
      });
    },

    async updateReconciliation(actor: Actor, id: string, version: number, patch: ReconciliationPatchT): Promise<ReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const { r } = await at(tx, actor, id, version, (a) => policy.prepare(actor, a.departmentId));
        const content =
          patch.category !== undefined ||
          patch.subReason !== undefined ||
          patch.items !== undefined ||
          patch.consequence !== undefined ||
          patch.note !== undefined;
        if (content && r.status !== 'open')
          throw new Problem(409, 'locked', locked, [
            // the field's message has always been the English text
            fixedError('status', 'reconciliation.signedOff', renderMessage('en', locked.code)),
          ]);
        const values: Partial<ReconciliationRow> = {};
        if (content) {
          const category = (patch.category ?? r.category) as Category;
          const items = patch.items ? normaliseItems(patch.items) : r.items;
          const totals = checkContent(actor, { period: r.period, category, subReason: patch.subReason ?? r.subReason, items });
          Object.assign(values, {
            category,
            subReason: patch.subReason ?? r.subReason,
            items,
            followUpOre: totals.followUpOre,
            olderThanOneYearOre: totals.olderThanOneYearOre,
            grossOre: totals.grossOre,
          });
          if (patch.consequence !== undefined) values.consequence = patch.consequence;
          if (patch.note !== undefined) values.note = patch.note;
        }
        const row =
          patch.ledgerBalanceOre !== undefined
            ? await applyLedgerBalance(tx, actor, changes, r, patch.ledgerBalanceOre, values)
            : await bumpReconciliation(tx, actor, r, values);
        await changes.record({ resource: 'reconciliation', resourceId: id, action: 'update', before: r, after: row });
        return reconciliationDto(tx, actor, row);
      });
    },

    async signOff(actor: Actor, id: string, version: number): Promise<ReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const { r } = await at(tx, actor, id, version, (a) => policy.prepare(actor, a.departmentId));
        const result = signOffRule(signOffOf(r), userOf(actor));
        if (!result.ok)
          throw new Problem(409, 'conflict', locked, [fixedError('status', 'reconciliation.notOpen', 'Only an open reconciliation can be signed off')]);
        const row = await bumpReconciliation(tx, actor, r, {
          status: 'signedOff',
          preparedBy: result.signOff.preparedBy,
          preparedAt: clock.now(),
          approvedBy: null,
          approvedAt: null,
        });
        await changes.record({
          resource: 'reconciliation',
          resourceId: id,
          action: 'signOff',
          before: { status: r.status },
          after: { status: row.status, preparedBy: row.preparedBy },
        });
        return reconciliationDto(tx, actor, row);
      });
    },

    async approve(actor: Actor, id: string, version: number): Promise<ReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const { r } = await at(tx, actor, id, version, () => policy.review(actor));
        const result = approveSignOff(signOffOf(r), userOf(actor));
        if (!result.ok && result.reason === 'preparerCannotApprove') {
          throw new Problem(403, 'forbidden', detail('balance.segregation'), [
            fixedError('preparedBy', 'reconciliation.segregation', 'The preparer cannot approve their own reconciliation'),
          ]);
        }
        if (!result.ok)
          throw new Problem(409, 'conflict', null, [fixedError('status', 'reconciliation.notSignedOff', 'Only a signed-off reconciliation can be approved')]);
        const row = await bumpReconciliation(tx, actor, r, { status: 'approved', approvedBy: result.signOff.approvedBy, approvedAt: clock.now() });
        await changes.record({
          resource: 'reconciliation',
          resourceId: id,
          action: 'approve',
          before: { status: r.status },
          after: { status: row.status, approvedBy: row.approvedBy },
        });
        return reconciliationDto(tx, actor, row);
      });
    },

    async reopen(actor: Actor, id: string, version: number): Promise<ReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const { r } = await at(tx, actor, id, version, (a) => policy.prepare(actor, a.departmentId));
        if (r.status === 'open') return reconciliationDto(tx, actor, r);
        const row = await bumpReconciliation(tx, actor, r, { status: 'open', preparedBy: null, preparedAt: null, approvedBy: null, approvedAt: null });
        await changes.record({
          resource: 'reconciliation',
          resourceId: id,
          action: 'reopen',
          before: { status: r.status, preparedBy: r.preparedBy, approvedBy: r.approvedBy },
          after: { status: 'open' },
        });
        return reconciliationDto(tx, actor, row);
      });
    },

    /** For the ledger import (later): a new balance for an account and period, with de-certification. */
    async setLedgerBalance(actor: Actor, accountId: string, period: string, balanceOre: number) {
      return runCommand(db, actor, async (tx, changes) => {
        const account = await requireAccount(tx, actor, accountId);
        policy.prepare(actor, account.departmentId);
        const r = await repo.reconciliationAt(tx, actor.municipalityId, accountId, period);
        if (!r) throw notFound('reconciliation', `${account.number}/${period}`);
        if (r.ledgerBalanceOre === balanceOre) return reconciliationDto(tx, actor, r);
        const row = await applyLedgerBalance(tx, actor, changes, r, balanceOre);
        await changes.record({
          resource: 'reconciliation',
          resourceId: r.id,
          action: 'update',
          before: { ledgerBalanceOre: r.ledgerBalanceOre },
          after: { ledgerBalanceOre: row.ledgerBalanceOre },
        });
        return reconciliationDto(tx, actor, row);
      });
    },
  };
}
