import {
  DEFAULT_MATERIALITY_THRESHOLD_ORE,
  afterLedgerChange,
  approve as approveSignOff,
  isFuturePeriod,
  itemOlderPart,
  itemTotals,
  parsePeriod,
  periodEnd,
  periodYear,
  reconciliationNeeds,
  signOff as signOffRule,
  subReasonFits,
  validateItems,
  type Category,
  type OpenItem,
  type SignOff,
} from '../../../domain/reconciliation.js';
import { accountPlanProgress, planCovers, type PlanProgress, type ReconciliationPoint } from '../../../domain/account-plan.js';
import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { conflict, invalid, notFound, Problem, versionConflict, type FieldError } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import { runCommand, type ChangeRecorder } from '../../unit-of-work.js';
import { userOf } from '../access/grants.js';
import { levelOf, parentCode, STARTER_CHART } from './chart.js';
import { balancePolicy as policy } from './policy.js';
import { deadlineDto } from '../shared/deadline-field.js';
import { balanceRepository as repo, type AccountHeader, type AccountPlanRow, type ReconciliationRow, type SystemReconciliationRow } from './repository.js';
import type { AccountInputT, AccountPatchT, AccountSortKey, ReconciliationInputT, ReconciliationPatchT, SystemInputT, SystemPatchT } from './schemas.js';

/** Today's date (ISO), for refusing future periods; replaceable in tests. */

const fieldError = (field: string, code: string, message: string): FieldError => ({ field, code, message });

/** A balance account's action plan as the register shows it: state, deadline and progress towards category 1. */
function accountPlanSummary(p: AccountPlanRow, history: readonly ReconciliationPoint[], today: string, locale: Locale) {
  const progress: PlanProgress = accountPlanProgress({ subjectPeriod: p.subjectPeriod, deadlineDue: p.overallDeadlineDue, history, today });
  return {
    id: p.planId,
    state: p.state,
    subjectPeriod: p.subjectPeriod,
    deadline: deadlineDto(p.overallDeadline, locale),
    progress,
    overdue: progress.status === 'overdue',
  };
}
type AccountPlanSummary = ReturnType<typeof accountPlanSummary>;

/** What the register shows beside an account: its plans, which of them cover a period, and the history they are computed from. */
interface PlanContext {
  plans: AccountPlanRow[];
  history: ReconciliationPoint[];
}

/** One query each for the accounts' plans and their reconciliation history, whatever the number of accounts. */
async function planContexts(ex: Executor, mid: string, accountIds: string[]): Promise<Map<string, PlanContext>> {
  const plans = await repo.accountPlans(ex, mid, accountIds);
  const withPlans = [...new Set(plans.map((p) => p.accountId))];
  const points = await repo.reconciliationPoints(ex, mid, withPlans);
  const out = new Map<string, PlanContext>();
  for (const id of accountIds) out.set(id, { plans: [], history: [] });
  for (const p of plans) out.get(p.accountId)?.plans.push(p);
  for (const r of points) out.get(r.accountId)?.history.push({ period: r.period, category: r.category as Category });
  return out;
}

const NO_PLANS: PlanContext = { plans: [], history: [] };

/** A category 2/3 reconciliation "has an action plan" when a plan of its account covers it (domain/account-plan). */
const hasCoveringPlan = (ctx: PlanContext, period: string) => ctx.plans.some((p) => planCovers(p.subjectPeriod, ctx.history, period));

function needsOf(r: ReconciliationRow, ctx: PlanContext, thresholdOre: number, locale: Locale) {
  return reconciliationNeeds({ category: r.category as Category, followUpOre: r.followUpOre, thresholdOre, hasActionPlan: hasCoveringPlan(ctx, r.period), consequence: r.consequence }).map((n) => ({
    code: n.code,
    field: n.field,
    message: n.message[locale],
  }));
}

function accountDto(a: AccountHeader, latest: ReconciliationRow | undefined, extra: { needs: ReturnType<typeof needsOf>; actionPlans: AccountPlanSummary[] }) {
  return {
    id: a.id,
    number: a.number,
    name: a.name,
    imFunction: { id: a.imFunctionId, code: a.imCode, name: a.imName },
    department: { id: a.departmentId, code: a.departmentCode, name: a.departmentName },
    committee: a.committeeId ? { id: a.committeeId, code: a.committeeCode!, name: a.committeeName! } : null,
    reconciler: a.reconciler,
    frequency: a.frequency,
    latest: latest
      ? {
          id: latest.id,
          period: latest.period,
          category: latest.category,
          subReason: latest.subReason,
          followUpOre: latest.followUpOre,
          olderThanOneYearOre: latest.olderThanOneYearOre,
          status: latest.status,
        }
      : null,
    /** What the latest reconciliation still needs (the same rule as GET /reconciliations/{id}). */
    needs: extra.needs,
    actionPlans: extra.actionPlans,
    /** An action plan's deadline has passed without the account getting back to category 1. */
    overdue: extra.actionPlans.some((p) => p.overdue),
    version: a.version,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}
export type AccountDto = ReturnType<typeof accountDto>;

type SystemPlanSummary = { id: string; state: 'draft' | 'submitted' | 'approved'; deadline: string | null };

/** The rows as DTOs with their action plans (one query for all of them). */
async function systemDtos(ex: Executor, mid: string, rows: SystemReconciliationRow[]) {
  const plans = new Map((await repo.systemPlans(ex, mid, rows.map((r) => r.id))).map((p) => [p.systemReconciliationId, { id: p.planId, state: p.state, deadline: p.overallDeadline }]));
  return rows.map((r) => systemDto(r, plans.get(r.id) ?? null));
}

function systemDto(s: SystemReconciliationRow, actionPlan: SystemPlanSummary | null) {
  return {
    actionPlan,
    id: s.id,
    system: s.system,
    target: s.target,
    period: s.period,
    departmentId: s.departmentId,
    differenceOre: s.differenceOre,
    explanation: s.explanation,
    deadline: s.deadline,
    version: s.version,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}
export type SystemReconciliationDto = ReturnType<typeof systemDto>;

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

const concurrent = { da: 'Samtidig ændring; prøv igen', sv: 'Samtidig ändring; försök igen', en: 'Concurrent change; try again' };

const lockedText = {
  da: 'Afstemningen er afgivet; genåbn den, før den ændres',
  sv: 'Avstämningen är attesterad; öppna den igen innan den ändras',
  en: 'The reconciliation is signed off; reopen it before changing it',
};

/** Inserts the starter chart's missing codes (parents first) into a municipality; existing codes are kept. */
export async function insertStarterChart(ex: Executor, mid: string): Promise<{ created: number; total: number }> {
  const existing = new Map((await repo.imFunctions(ex, mid)).map((f) => [f.code, f.id]));
  let created = 0;
  for (const entry of STARTER_CHART) {
    if (existing.has(entry.code)) continue;
    const parent = parentCode(entry.code);
    const row = await repo.insertImFunction(ex, { municipalityId: mid, code: entry.code, name: entry.name, side: entry.side, level: levelOf(entry.code), parentId: parent ? (existing.get(parent) ?? null) : null });
    existing.set(entry.code, row.id);
    created++;
  }
  return { created, total: existing.size };
}

export function createBalanceService(db: Database) {
  async function threshold(ex: Executor, mid: string): Promise<number> {
    return (await repo.settings(ex, mid))?.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE;
  }

  /** Accounts with their needs and plans, in a fixed number of queries. */
  async function accountDtos(ex: Executor, actor: Actor, accounts: AccountHeader[], latest: Map<string, ReconciliationRow>): Promise<AccountDto[]> {
    const mid = actor.municipalityId;
    const thresholdOre = await threshold(ex, mid);
    const contexts = await planContexts(ex, mid, accounts.map((a) => a.id));
    const today = actor.today;
    return accounts.map((a) => {
      const ctx = contexts.get(a.id) ?? NO_PLANS;
      const r = latest.get(a.id);
      return accountDto(a, r, {
        needs: r ? needsOf(r, ctx, thresholdOre, actor.locale) : [],
        actionPlans: ctx.plans.map((p) => accountPlanSummary(p, ctx.history, today, actor.locale)),
      });
    });
  }

  async function oneAccountDto(ex: Executor, actor: Actor, id: string): Promise<AccountDto> {
    const a = await requireAccount(ex, actor, id);
    const [latest] = await repo.latestReconciliations(ex, actor.municipalityId, [id]);
    const [dto] = await accountDtos(ex, actor, [a], new Map(latest ? [[id, latest]] : []));
    return dto!;
  }

  async function reconciliationDto(ex: Executor, actor: Actor, r: ReconciliationRow) {
    const account = await repo.getAccount(ex, actor.municipalityId, r.accountId);
    const ctx = (await planContexts(ex, actor.municipalityId, [r.accountId])).get(r.accountId) ?? NO_PLANS;
    const plans = ctx.plans;
    const thresholdOre = await threshold(ex, actor.municipalityId);
    const period = parsePeriod(r.period)!;
    const end = periodEnd(period);
    const needs = needsOf(r, ctx, thresholdOre, actor.locale);
    return {
      id: r.id,
      accountId: r.accountId,
      accountNumber: account!.number,
      period: r.period,
      periodEnd: end,
      supplementary: period.month === 13,
      year: periodYear(period),
      ledgerBalanceOre: r.ledgerBalanceOre,
      category: r.category,
      subReason: r.subReason,
      items: r.items.map((i) => ({ ...i, olderThanOneYearOre: itemOlderPart(i, end) })),
      followUpOre: r.followUpOre,
      olderThanOneYearOre: r.olderThanOneYearOre,
      grossOre: r.grossOre,
      consequence: r.consequence,
      note: r.note,
      status: r.status,
      preparedBy: r.preparedBy,
      preparedAt: r.preparedAt ? iso(r.preparedAt) : null,
      approvedBy: r.approvedBy,
      approvedAt: r.approvedAt ? iso(r.approvedAt) : null,
      materialityThresholdOre: thresholdOre,
      needs,
      actionPlanIds: [...new Set(plans.map((p) => p.planId))],
      actionPlans: plans.map((p) => accountPlanSummary(p, ctx.history, actor.today, actor.locale)),
      version: r.version,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    };
  }
  type ReconciliationDto = Awaited<ReturnType<typeof reconciliationDto>>;

  async function requireAccount(ex: Executor, actor: Actor, id: string): Promise<AccountHeader> {
    const a = await repo.getAccount(ex, actor.municipalityId, id);
    if (!a) throw notFound('balanceAccount', id);
    return a;
  }

  async function requireReconciliation(ex: Executor, actor: Actor, id: string) {
    const r = await repo.getReconciliation(ex, actor.municipalityId, id);
    if (!r) throw notFound('reconciliation', id);
    const account = await requireAccount(ex, actor, r.accountId);
    return { r, account };
  }

  async function imFunctionId(ex: Executor, mid: string, code: string, field: string, locale: Actor['locale']): Promise<string> {
    const fn = await repo.imFunctionByCode(ex, mid, code);
    if (!fn || fn.level !== 'function') {
      const msg = { da: `Ukendt IM-funktion ${code}`, sv: `Okänd IM-funktion ${code}`, en: `Unknown IM function ${code}` };
      throw invalid([fieldError(field, 'imFunction.unknown', msg[locale])]);
    }
    return fn.id;
  }

  async function requireDepartment(ex: Executor, mid: string, id: string, field: string): Promise<void> {
    if (!(await repo.departmentExists(ex, mid, id))) throw invalid([fieldError(field, 'department.unknown', 'No such department')]);
  }

  /** Period, category/sub-reason and items checked together; every problem named. */
  function checkContent(actor: Actor, v: { period: string; category: Category; subReason: string; items: OpenItem[] }, prefix = 'body') {
    const errors: FieldError[] = [];
    const period = parsePeriod(v.period);
    if (!period) throw invalid([fieldError(`${prefix}.period`, 'period.invalid', 'Not a period')]);
    if (isFuturePeriod(period, actor.today)) {
      const msg = {
        da: `Perioden ${v.period} er ikke begyndt endnu`,
        sv: `Perioden ${v.period} har inte börjat ännu`,
        en: `The period ${v.period} has not started yet`,
      };
      errors.push(fieldError(`${prefix}.period`, 'period.future', msg[actor.locale]));
    }
    if (!subReasonFits(v.category, v.subReason)) {
      errors.push(fieldError(`${prefix}.subReason`, 'subReason.wrongCategory', `The sub-reason ${v.subReason} does not belong to category ${v.category}`));
    }
    const end = periodEnd(period);
    for (const issue of validateItems(v.category, v.items, end)) errors.push(fieldError(`${prefix}.${issue.field}`, issue.code, issue.message[actor.locale]));
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

  /** `explanationIfNew`: the explanation a new entry gets (an existing one keeps its own). */
  async function recordSystemDifferenceIn(
    tx: Executor,
    actor: Actor,
    changes: ChangeRecorder,
    input: SystemInputT,
    opts: { explanationIfNew?: string } = {},
  ): Promise<{ created: boolean; reconciliation: SystemReconciliationDto }> {
    const mid = actor.municipalityId;
    await requireDepartment(tx, mid, input.departmentId, 'body.departmentId');
    policy.prepare(actor, input.departmentId);
    const period = parsePeriod(input.period)!;
    if (isFuturePeriod(period, actor.today)) throw invalid([fieldError('body.period', 'period.future', `The period ${input.period} has not started yet`)]);
    const existing = await repo.systemReconciliationAt(tx, mid, input.system, input.target, input.period);
    if (existing) {
      policy.prepare(actor, existing.departmentId);
      const row = await repo.updateSystemReconciliation(tx, mid, existing.id, existing.version, {
        differenceOre: input.differenceOre,
        departmentId: input.departmentId,
        ...(input.explanation !== undefined ? { explanation: input.explanation } : {}),
        ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
        updatedBy: actor.userId,
      });
      if (!row) throw conflict(concurrent);
      await changes.record({ resource: 'systemReconciliation', resourceId: row.id, action: 'update', before: existing, after: row });
      return { created: false, reconciliation: (await systemDtos(tx, mid, [row]))[0]! };
    }
    const row = await repo.insertSystemReconciliation(tx, {
      municipalityId: mid,
      system: input.system,
      target: input.target,
      period: input.period,
      departmentId: input.departmentId,
      differenceOre: input.differenceOre,
      explanation: input.explanation ?? opts.explanationIfNew ?? null,
      deadline: input.deadline ?? null,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    await changes.record({ resource: 'systemReconciliation', resourceId: row.id, action: 'create', after: row });
    return { created: true, reconciliation: systemDto(row, null) };
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
  async function applyLedgerBalance(tx: Executor, actor: Actor, changes: ChangeRecorder, r: ReconciliationRow, balanceOre: number, extra: Partial<ReconciliationRow> = {}) {
    const { signOff, decertified } = afterLedgerChange(signOffOf(r), r.ledgerBalanceOre, balanceOre);
    const values: Partial<ReconciliationRow> = { ...extra, ledgerBalanceOre: balanceOre };
    if (decertified) Object.assign(values, { status: signOff.status, preparedBy: null, preparedAt: null, approvedBy: null, approvedAt: null });
    const row = await bumpReconciliation(tx, actor, r, values);
    if (decertified) {
      await changes.record({
        resource: 'reconciliation',
        resourceId: r.id,
        action: 'decertify',
        before: { status: r.status, preparedBy: r.preparedBy, approvedBy: r.approvedBy, ledgerBalanceOre: r.ledgerBalanceOre },
        after: { status: row.status, preparedBy: null, approvedBy: null, ledgerBalanceOre: row.ledgerBalanceOre },
      });
    }
    return row;
  }

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
        if (current !== version) throw versionConflict({ materialityThresholdOre: before?.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE, version: current }, current);
        const row = await repo.upsertSettings(tx, actor.municipalityId, input.materialityThresholdOre);
        await changes.record({ resource: 'balanceSettings', resourceId: actor.municipalityId, action: 'update', before, after: row });
        return { materialityThresholdOre: row.materialityThresholdOre, version: row.version };
      });
    },

    async listAccounts(
      actor: Actor,
      filter: { category?: number | undefined; imFunction?: string | undefined; departmentId?: string | undefined; olderThanOneYear?: boolean | undefined; period?: string | undefined; overdue?: boolean | undefined; sort?: string | undefined },
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
        const contexts = await planContexts(db, mid, rows.map((a) => a.id));
        const today = actor.today;
        const overdue = (id: string) => {
          const ctx = contexts.get(id) ?? NO_PLANS;
          return ctx.plans.some((p) => accountPlanProgress({ subjectPeriod: p.subjectPeriod, deadlineDue: p.overallDeadlineDue, history: ctx.history, today }).status === 'overdue');
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
        const imId = await imFunctionId(tx, mid, input.imFunction, 'body.imFunction', actor.locale);
        await requireDepartment(tx, mid, input.departmentId, 'body.departmentId');
        if (await repo.accountByNumber(tx, mid, input.number)) {
          throw new Problem(409, 'conflict', null, [fieldError('body.number', 'account.numberTaken', `Another account has the number ${input.number}`)]);
        }
        const row = await repo.insertAccount(tx, { municipalityId: mid, number: input.number, name: input.name, imFunctionId: imId, departmentId: input.departmentId, reconciler: input.reconciler, createdBy: actor.userId, updatedBy: actor.userId });
        await changes.record({ resource: 'balanceAccount', resourceId: row.id, action: 'create', after: row });
        return oneAccountDto(tx, actor, row.id);
      });
    },

    async updateAccount(actor: Actor, id: string, version: number, patch: AccountPatchT): Promise<AccountDto> {
      policy.manage(actor);
      return runCommand(db, actor, async (tx, changes) => {
        const mid = actor.municipalityId;
        const a = await requireAccount(tx, actor, id);
        const [latest] = await repo.latestReconciliations(tx, mid, [id]);
        if (a.version !== version) throw versionConflict(await oneAccountDto(tx, actor, id), a.version);
        const values: Record<string, unknown> = {};
        if (patch.imFunction !== undefined) values.imFunctionId = await imFunctionId(tx, mid, patch.imFunction, 'body.imFunction', actor.locale);
        if (patch.departmentId !== undefined) {
          await requireDepartment(tx, mid, patch.departmentId, 'body.departmentId');
          values.departmentId = patch.departmentId;
        }
        if (patch.number !== undefined && patch.number !== a.number) {
          if (await repo.accountByNumber(tx, mid, patch.number)) throw new Problem(409, 'conflict', null, [fieldError('body.number', 'account.numberTaken', `Another account has the number ${patch.number}`)]);
          values.number = patch.number;
        }
        if (patch.name !== undefined) values.name = patch.name;
        if (patch.reconciler !== undefined) values.reconciler = patch.reconciler;
        const row = await repo.updateAccount(tx, mid, id, version, { ...values, updatedBy: actor.userId });
        if (!row) throw conflict(concurrent);
        await changes.record({ resource: 'balanceAccount', resourceId: id, action: 'update', before: a, after: row });
        return oneAccountDto(tx, actor, id);
      });
    },

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
          throw new Problem(409, 'conflict', null, [fieldError('body.period', 'reconciliation.exists', `The account already has a reconciliation for ${input.period}`)]);
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
        const content = patch.category !== undefined || patch.subReason !== undefined || patch.items !== undefined || patch.consequence !== undefined || patch.note !== undefined;
        if (content && r.status !== 'open') throw new Problem(409, 'locked', lockedText, [fieldError('status', 'reconciliation.signedOff', lockedText.en)]);
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
          patch.ledgerBalanceOre !== undefined ? await applyLedgerBalance(tx, actor, changes, r, patch.ledgerBalanceOre, values) : await bumpReconciliation(tx, actor, r, values);
        await changes.record({ resource: 'reconciliation', resourceId: id, action: 'update', before: r, after: row });
        return reconciliationDto(tx, actor, row);
      });
    },

    async signOff(actor: Actor, id: string, version: number): Promise<ReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const { r } = await at(tx, actor, id, version, (a) => policy.prepare(actor, a.departmentId));
        const result = signOffRule(signOffOf(r), userOf(actor));
        if (!result.ok) throw new Problem(409, 'conflict', lockedText, [fieldError('status', 'reconciliation.notOpen', 'Only an open reconciliation can be signed off')]);
        const row = await bumpReconciliation(tx, actor, r, { status: 'signedOff', preparedBy: result.signOff.preparedBy, preparedAt: new Date(), approvedBy: null, approvedAt: null });
        await changes.record({ resource: 'reconciliation', resourceId: id, action: 'signOff', before: { status: r.status }, after: { status: row.status, preparedBy: row.preparedBy } });
        return reconciliationDto(tx, actor, row);
      });
    },

    async approve(actor: Actor, id: string, version: number): Promise<ReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const { r } = await at(tx, actor, id, version, () => policy.review(actor));
        const result = approveSignOff(signOffOf(r), userOf(actor));
        if (!result.ok && result.reason === 'preparerCannotApprove') {
          throw new Problem(
            403,
            'forbidden',
            {
              da: 'Den der har afgivet afstemningen, kan ikke også godkende den (funktionsadskillelse)',
              sv: 'Den som har attesterat avstämningen kan inte också godkänna den (funktionsåtskillnad)',
              en: 'Whoever signed off the reconciliation cannot also approve it (segregation of duties)',
            },
            [fieldError('preparedBy', 'reconciliation.segregation', 'The preparer cannot approve their own reconciliation')],
          );
        }
        if (!result.ok) throw new Problem(409, 'conflict', null, [fieldError('status', 'reconciliation.notSignedOff', 'Only a signed-off reconciliation can be approved')]);
        const row = await bumpReconciliation(tx, actor, r, { status: 'approved', approvedBy: result.signOff.approvedBy, approvedAt: new Date() });
        await changes.record({ resource: 'reconciliation', resourceId: id, action: 'approve', before: { status: r.status }, after: { status: row.status, approvedBy: row.approvedBy } });
        return reconciliationDto(tx, actor, row);
      });
    },

    async reopen(actor: Actor, id: string, version: number): Promise<ReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const { r } = await at(tx, actor, id, version, (a) => policy.prepare(actor, a.departmentId));
        if (r.status === 'open') return reconciliationDto(tx, actor, r);
        const row = await bumpReconciliation(tx, actor, r, { status: 'open', preparedBy: null, preparedAt: null, approvedBy: null, approvedAt: null });
        await changes.record({ resource: 'reconciliation', resourceId: id, action: 'reopen', before: { status: r.status, preparedBy: r.preparedBy, approvedBy: r.approvedBy }, after: { status: 'open' } });
        return reconciliationDto(tx, actor, row);
      });
    },

    async listSystemReconciliations(actor: Actor, filter: { period?: string | undefined; system?: string | undefined; departmentId?: string | undefined }) {
      policy.read(actor);
      return systemDtos(db, actor.municipalityId, await repo.listSystemReconciliations(db, actor.municipalityId, filter));
    },

    /**
     * Records the difference of one specialist system's transfer for a month: creates the row, or
     * updates the difference (and explanation/deadline when given) of an existing one. The entry
     * point of the matching engine; `created` tells which happened.
     */
    async recordSystemDifference(actor: Actor, input: SystemInputT): Promise<{ created: boolean; reconciliation: SystemReconciliationDto }> {
      return runCommand(db, actor, (tx, changes) => recordSystemDifferenceIn(tx, actor, changes, input));
    },

    /** recordSystemDifference inside a caller's command (the matching engine stores its run and the entry together). */
    recordSystemDifferenceIn,

    async updateSystemReconciliation(actor: Actor, id: string, version: number, patch: SystemPatchT): Promise<SystemReconciliationDto> {
      return runCommand(db, actor, async (tx, changes) => {
        const s = await repo.getSystemReconciliation(tx, actor.municipalityId, id);
        if (!s) throw notFound('systemReconciliation', id);
        policy.prepare(actor, s.departmentId);
        if (s.version !== version) throw versionConflict((await systemDtos(tx, actor.municipalityId, [s]))[0], s.version);
        const row = await repo.updateSystemReconciliation(tx, actor.municipalityId, id, version, { ...patch, updatedBy: actor.userId });
        if (!row) throw conflict(concurrent);
        await changes.record({ resource: 'systemReconciliation', resourceId: id, action: 'update', before: s, after: row });
        return (await systemDtos(tx, actor.municipalityId, [row]))[0]!;
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
        await changes.record({ resource: 'reconciliation', resourceId: r.id, action: 'update', before: { ledgerBalanceOre: r.ledgerBalanceOre }, after: { ledgerBalanceOre: row.ledgerBalanceOre } });
        return reconciliationDto(tx, actor, row);
      });
    },
  };
}

export type BalanceService = ReturnType<typeof createBalanceService>;

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
