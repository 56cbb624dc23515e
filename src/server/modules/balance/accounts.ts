import { DEFAULT_MATERIALITY_THRESHOLD_ORE } from '../../../domain/reconciliation.js';
import { accountPlanProgress } from '../../../domain/account-plan.js';
import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, detail, fixedError, Problem, versionConflict } from '../../http/problem.js';
import { runCommand } from '../../unit-of-work.js';
import { levelOf, parentCode, STARTER_CHART } from './chart.js';
import { balancePolicy as policy } from './policy.js';
import { imFunctionId, requireAccount, requireDepartment } from './lookups.js';
import { accountDtos, NO_PLANS, oneAccountDto, planContexts, type AccountDto } from './presenters.js';
import { balanceRepository as repo, type AccountHeader, type ReconciliationRow } from './repository.js';
import type { AccountInputT, AccountPatchT, AccountSortKey } from './schemas.js';

/** Inserts the starter chart's missing codes (parents first) into a municipality; existing codes are kept. */
export async function insertStarterChart(ex: Executor, mid: string): Promise<{ created: number; total: number }> {
  const existing = new Map((await repo.imFunctions(ex, mid)).map((f) => [f.code, f.id]));
  let created = 0;
  for (const entry of STARTER_CHART) {
    if (existing.has(entry.code)) continue;
    const parent = parentCode(entry.code);
    const row = await repo.insertImFunction(ex, {
      municipalityId: mid,
      code: entry.code,
      name: entry.name,
      side: entry.side,
      level: levelOf(entry.code),
      parentId: parent ? (existing.get(parent) ?? null) : null,
    });
    existing.set(entry.code, row.id);
    created++;
  }
  return { created, total: existing.size };
}

/** The chart of IM functions, the register's settings and its accounts. */
export function accountUseCases(db: Database) {
  return {
    async listImFunctions(actor: Actor) {
      policy.read(actor);
      const rows = await repo.imFunctions(db, actor.municipalityId);
      return rows.map((f) => ({ id: f.id, code: f.code, name: f.name, side: f.side, level: f.level, parentId: f.parentId }));
    },

    /** Loads the starter chart (main account, groups, functions of the 2024 report); existing codes are kept. */
    async loadStarterChart(actor: Actor) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const result = await insertStarterChart(tx, actor.municipalityId);
        if (result.created) await changes.record({ resource: 'imFunction', resourceId: actor.municipalityId, action: 'loadStarter', after: result });
        return result;
      });
    },

    async getSettings(actor: Actor) {
      policy.read(actor);
      const row = await repo.settings(db, actor.municipalityId);
      return { materialityThresholdOre: row?.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE, version: row?.version ?? 0 };
    },
    async updateSettings(actor: Actor, version: number, input: { materialityThresholdOre: number }) {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const before = await repo.settings(tx, actor.municipalityId);
        const current = before?.version ?? 0;
        if (current !== version)
          throw versionConflict({ materialityThresholdOre: before?.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE, version: current }, current);
        const row = await repo.upsertSettings(tx, actor.municipalityId, input.materialityThresholdOre);
        await changes.record({ resource: 'balanceSettings', resourceId: actor.municipalityId, action: 'update', before, after: row });
        return { materialityThresholdOre: row.materialityThresholdOre, version: row.version };
      });
    },

    async listAccounts(
      actor: Actor,
      filter: {
        category?: number | undefined;
        imFunction?: string | undefined;
        departmentId?: string | undefined;
        olderThanOneYear?: boolean | undefined;
        period?: string | undefined;
        overdue?: boolean | undefined;
        sort?: string | undefined;
      },
      paging: { limit: number; offset: number },
    ) {
      policy.read(actor);
      const mid = actor.municipalityId;
      let imFunctionIds: string[] | undefined;
      if (filter.imFunction) {
        const code = filter.imFunction;
        imFunctionIds = (await repo.imFunctions(db, mid)).filter((f) => f.code === code || f.code.startsWith(`${code}.`)).map((f) => f.id);
      }
      const accounts = await repo.listAccounts(db, mid, { imFunctionIds, departmentId: filter.departmentId });
      const latest = new Map((await repo.latestReconciliations(db, mid, null, filter.period)).map((r) => [r.accountId, r]));
      let rows = accounts.filter((a) => {
        const r = latest.get(a.id);
        if (filter.category !== undefined && r?.category !== filter.category) return false;
        if (filter.olderThanOneYear !== undefined && (r !== undefined && r.olderThanOneYearOre !== 0) !== filter.olderThanOneYear) return false;
        return true;
      });
      if (filter.overdue !== undefined) {
        const contexts = await planContexts(
          db,
          mid,
          rows.map((a) => a.id),
        );
        const today = actor.today;
        const overdue = (id: string) => {
          const ctx = contexts.get(id) ?? NO_PLANS;
          return ctx.plans.some(
            (p) => accountPlanProgress({ subjectPeriod: p.subjectPeriod, deadlineDue: p.overallDeadlineDue, history: ctx.history, today }).status === 'overdue',
          );
        };
        rows = rows.filter((a) => overdue(a.id) === filter.overdue);
      }
      if (filter.sort) rows = sortAccounts(rows, latest, filter.sort, actor.locale);
      return {
        items: await accountDtos(db, actor, rows.slice(paging.offset, paging.offset + paging.limit), latest),
        total: rows.length,
        limit: paging.limit,
        offset: paging.offset,
      };
    },

    async getAccount(actor: Actor, id: string): Promise<AccountDto> {
      policy.read(actor);
      return oneAccountDto(db, actor, id);
    },

    async createAccount(actor: Actor, input: AccountInputT): Promise<AccountDto> {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const imId = await imFunctionId(tx, mid, input.imFunction, 'body.imFunction');
        await requireDepartment(tx, mid, input.departmentId, 'body.departmentId');
        if (await repo.accountByNumber(tx, mid, input.number)) {
          throw new Problem(409, 'conflict', null, [fixedError('body.number', 'account.numberTaken', `Another account has the number ${input.number}`)]);
        }
        const row = await repo.insertAccount(tx, {
          municipalityId: mid,
          number: input.number,
          name: input.name,
          imFunctionId: imId,
          departmentId: input.departmentId,
          reconciler: input.reconciler,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await changes.record({ resource: 'balanceAccount', resourceId: row.id, action: 'create', after: row });
        return oneAccountDto(tx, actor, row.id);
      });
    },

    async updateAccount(actor: Actor, id: string, version: number, patch: AccountPatchT): Promise<AccountDto> {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const a = await requireAccount(tx, actor, id);
        if (a.version !== version) throw versionConflict(await oneAccountDto(tx, actor, id), a.version);
        const values: Record<string, unknown> = {};
        if (patch.imFunction !== undefined) values.imFunctionId = await imFunctionId(tx, mid, patch.imFunction, 'body.imFunction');
        if (patch.departmentId !== undefined) {
          await requireDepartment(tx, mid, patch.departmentId, 'body.departmentId');
          values.departmentId = patch.departmentId;
        }
        if (patch.number !== undefined && patch.number !== a.number) {
          if (await repo.accountByNumber(tx, mid, patch.number))
            throw new Problem(409, 'conflict', null, [fixedError('body.number', 'account.numberTaken', `Another account has the number ${patch.number}`)]);
          values.number = patch.number;
        }
        if (patch.name !== undefined) values.name = patch.name;
        if (patch.reconciler !== undefined) values.reconciler = patch.reconciler;
        const row = await repo.updateAccount(tx, mid, id, version, { ...values, updatedBy: actor.userId });
        if (!row) throw conflict(detail('concurrentChange'));
        await changes.record({ resource: 'balanceAccount', resourceId: id, action: 'update', before: a, after: row });
        return oneAccountDto(tx, actor, id);
      });
    },
  };
}

/**
 * The account list in the order of one column (`-` first: descending), before paging, so every
 * page follows it. Accounts without a reconciliation have no period, category or amounts: they
 * come last in both directions; ties keep the account number's order.
 */
export function sortAccounts<A extends AccountHeader>(rows: A[], latest: Map<string, ReconciliationRow>, sort: string, locale: Locale): A[] {
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '') as AccountSortKey;
  const text = new Intl.Collator(locale, { numeric: true });
  const value = (a: A): string | number | null => {
    const r = latest.get(a.id);
    switch (key) {
      case 'number':
        return a.number;
      case 'name':
        return a.name;
      case 'imFunction':
        return a.imCode;
      case 'department':
        return a.departmentCode;
      case 'period':
        return r?.period ?? null;
      case 'category':
        return r?.category ?? null;
      case 'followUp':
        return r?.followUpOre ?? null;
      case 'older':
        return r?.olderThanOneYearOre ?? null;
    }
  };
  const compare = (x: string | number, y: string | number) => (typeof x === 'number' && typeof y === 'number' ? x - y : text.compare(String(x), String(y)));
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? text.compare(a.number, b.number) : va === null ? 1 : -1;
    const c = compare(va, vb);
    return c !== 0 ? (descending ? -c : c) : text.compare(a.number, b.number);
  });
}
