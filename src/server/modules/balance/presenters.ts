import {
  DEFAULT_MATERIALITY_THRESHOLD_ORE,
  itemOlderPart,
  parsePeriod,
  periodEnd,
  periodYear,
  reconciliationNeeds,
  type Category,
} from '../../../domain/reconciliation.js';
import { accountPlanProgress, planCovers, type PlanProgress, type ReconciliationPoint } from '../../../domain/account-plan.js';
import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { iso } from '../../http/schemas.js';
import { deadlineDto } from '../shared/deadline-field.js';
import { requireAccount } from './lookups.js';
import { balanceRepository as repo, type AccountHeader, type AccountPlanRow, type ReconciliationRow, type SystemReconciliationRow } from './repository.js';

/* The balance register's responses: accounts, reconciliations and system reconciliations as the API shows them. */

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
export async function planContexts(ex: Executor, mid: string, accountIds: string[]): Promise<Map<string, PlanContext>> {
  const plans = await repo.accountPlans(ex, mid, accountIds);
  const withPlans = [...new Set(plans.map((p) => p.accountId))];
  const points = await repo.reconciliationPoints(ex, mid, withPlans);
  const out = new Map<string, PlanContext>();
  for (const id of accountIds) out.set(id, { plans: [], history: [] });
  for (const p of plans) out.get(p.accountId)?.plans.push(p);
  for (const r of points) out.get(r.accountId)?.history.push({ period: r.period, category: r.category as Category });
  return out;
}

export const NO_PLANS: PlanContext = { plans: [], history: [] };

/** A category 2/3 reconciliation "has an action plan" when a plan of its account covers it (domain/account-plan). */
const hasCoveringPlan = (ctx: PlanContext, period: string) => ctx.plans.some((p) => planCovers(p.subjectPeriod, ctx.history, period));

function needsOf(r: ReconciliationRow, ctx: PlanContext, thresholdOre: number, locale: Locale) {
  return reconciliationNeeds({
    category: r.category as Category,
    followUpOre: r.followUpOre,
    thresholdOre,
    hasActionPlan: hasCoveringPlan(ctx, r.period),
    consequence: r.consequence,
  }).map((n) => ({
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
export async function systemDtos(ex: Executor, mid: string, rows: SystemReconciliationRow[]) {
  const plans = new Map(
    (
      await repo.systemPlans(
        ex,
        mid,
        rows.map((r) => r.id),
      )
    ).map((p) => [p.systemReconciliationId, { id: p.planId, state: p.state, deadline: p.overallDeadline }]),
  );
  return rows.map((r) => systemDto(r, plans.get(r.id) ?? null));
}

export function systemDto(s: SystemReconciliationRow, actionPlan: SystemPlanSummary | null) {
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

export async function threshold(ex: Executor, mid: string): Promise<number> {
  return (await repo.settings(ex, mid))?.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE;
}

/** Accounts with their needs and plans, in a fixed number of queries. */
export async function accountDtos(ex: Executor, actor: Actor, accounts: AccountHeader[], latest: Map<string, ReconciliationRow>): Promise<AccountDto[]> {
  const mid = actor.municipalityId;
  const thresholdOre = await threshold(ex, mid);
  const contexts = await planContexts(
    ex,
    mid,
    accounts.map((a) => a.id),
  );
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

export async function oneAccountDto(ex: Executor, actor: Actor, id: string): Promise<AccountDto> {
  const a = await requireAccount(ex, actor, id);
  const [latest] = await repo.latestReconciliations(ex, actor.municipalityId, [id]);
  const [dto] = await accountDtos(ex, actor, [a], new Map(latest ? [[id, latest]] : []));
  return dto!;
}

export async function reconciliationDto(ex: Executor, actor: Actor, r: ReconciliationRow) {
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
export type ReconciliationDto = Awaited<ReturnType<typeof reconciliationDto>>;
