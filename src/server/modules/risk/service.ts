import { dueState, duePeriods } from '../../../domain/reconciliation-calendar.js';
import {
  addMonths,
  backTest,
  DEFAULT_RISK_MODEL,
  monthRange,
  runRiskModel,
  validateModel,
  type AccountHistory,
  type AccountMonth,
  type Frequency,
  type RiskModel,
} from '../../../domain/risk.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import type { RiskInputs } from '../../db/schema/index.js';
import { detail, fieldError, fixedError, invalid, notFound, Problem } from '../../http/problem.js';
import { iso } from '../../http/schemas.js';
import type { ServiceOptions } from '../../service-options.js';
import { runCommand } from '../../unit-of-work.js';
import { riskPolicy as policy } from './policy.js';
import { riskRepository as repo, type ResultFilter, type ResultRow, type RunRow } from './repository.js';
import type { ModelInputT, RunInputT } from './schemas.js';

const rank: Record<Frequency, number> = { monthly: 0, quarterly: 1, halfYearly: 2 };
const MAX_BACKTEST_RUNS = 120;
const MAX_CALENDAR_MONTHS = 36;

/** A field error whose message is a fixed English text (not translated). */

/** The default model with the parts a caller gave. */
export function modelOf(input: ModelInputT | undefined): RiskModel {
  const d = DEFAULT_RISK_MODEL;
  return {
    weights: { ...d.weights, ...Object.fromEntries(Object.entries(input?.weights ?? {}).filter(([, v]) => v !== undefined)) },
    saturation: { ...d.saturation, ...Object.fromEntries(Object.entries(input?.saturation ?? {}).filter(([, v]) => v !== undefined)) },
    monthlyFrom: input?.monthlyFrom ?? d.monthlyFrom,
    quarterlyFrom: input?.quarterlyFrom ?? d.quarterlyFrom,
    lookbackMonths: input?.lookbackMonths ?? d.lookbackMonths,
    qualifyingMonths: input?.qualifyingMonths ?? d.qualifyingMonths,
  };
}

function runDto(r: RunRow) {
  return {
    id: r.id,
    asOf: r.asOf,
    model: r.model,
    state: r.state,
    counts: { accounts: r.accounts, qualified: r.qualified, lowered: r.lowered, stayedMonthly: r.stayedMonthly, raised: r.raised },
    createdAt: iso(r.createdAt),
    createdBy: r.createdBy,
    appliedAt: r.appliedAt ? iso(r.appliedAt) : null,
    appliedBy: r.appliedBy,
  };
}
export type RunDto = ReturnType<typeof runDto>;

function resultDto(r: ResultRow, locale: Actor['locale']) {
  return {
    accountId: r.accountId,
    accountNumber: r.accountNumber,
    qualified: r.qualified,
    score: r.score,
    // jsonb keeps an infinite volatility as null
    components: r.components.map((c) => ({ ...c, measure: Number.isFinite(c.measure) ? c.measure : null })),
    previousFrequency: r.previousFrequency,
    proposedFrequency: r.proposedFrequency,
    reasons: r.reasons.map((x) => x[locale]),
    inputs: r.inputs,
  };
}

/**
 * The accounts' histories as the risk model reads them, from `from` to `to` (months):
 * - category and ledger balance from the account's reconciliation of the month. December takes the
 *   year-end supplementary reconciliation (`YYYY-13`) when there is one: it is the final word on
 *   the year (the annual report reads it too), and counting both would count December twice;
 * - postings and volume from account_activity (0 when the month has no activity row);
 * - a month without a reconciliation is simply missing (activity alone does not make a month);
 * - knownIssues: the linked findings that are not closed.
 */
async function histories(ex: Executor, mid: string, from: string, to: string, frequencyOf: (a: { frequency: Frequency }) => Frequency) {
  const accounts = await repo.accounts(ex, mid);
  const upper = to.endsWith('-12') ? `${to.slice(0, 4)}-13` : to;
  const recs = await repo.reconciliations(ex, mid, from, upper);
  const activity = await repo.activity(ex, mid, from, to);
  const links = await repo.openFindingLinks(ex, mid);
  const act = new Map(activity.map((a) => [`${a.accountId}/${a.month}`, a]));
  const months = new Map<string, Map<string, AccountMonth & { supplementary: boolean }>>();
  for (const r of recs) {
    const supplementary = r.period.endsWith('-13');
    const period = supplementary ? `${r.period.slice(0, 4)}-12` : r.period;
    let byPeriod = months.get(r.accountId);
    if (!byPeriod) months.set(r.accountId, (byPeriod = new Map()));
    if (byPeriod.get(period)?.supplementary) continue;
    const a = act.get(`${r.accountId}/${period}`);
    byPeriod.set(period, {
      period,
      category: r.category as 1 | 2 | 3,
      balanceOre: r.ledgerBalanceOre,
      transactions: a?.transactionCount ?? 0,
      volumeOre: a?.volumeOre ?? 0,
      supplementary,
    });
  }
  const findingsOf = new Map<string, string[]>();
  for (const l of links) findingsOf.set(l.accountId, [...(findingsOf.get(l.accountId) ?? []), l.findingId]);
  return accounts.map((a) => {
    const list = [...(months.get(a.id)?.values() ?? [])].map(({ supplementary: _, ...m }) => m).sort((x, y) => (x.period < y.period ? -1 : 1));
    const openFindingIds = findingsOf.get(a.id) ?? [];
    const history: AccountHistory = { account: a.id, currentFrequency: frequencyOf(a), knownIssues: openFindingIds.length, months: list };
    return { account: a, history, openFindingIds };
  });
}

export function createRiskService(db: Database, opts: Pick<ServiceOptions, 'clock'>) {
  async function requireRun(ex: Executor, actor: Actor, id: string): Promise<RunRow> {
    const r = await repo.run(ex, actor.municipalityId, id);
    if (!r) throw notFound('riskRun', id);
    return r;
  }

  return {
    defaultModel(actor: Actor): RiskModel {
      policy.read(actor);
      return DEFAULT_RISK_MODEL;
    },

    async listRuns(actor: Actor): Promise<RunDto[]> {
      policy.read(actor);
      return (await repo.runs(db, actor.municipalityId)).map(runDto);
    },

    async getRun(actor: Actor, id: string, q: { filter: ResultFilter; limit: number; offset: number }) {
      policy.read(actor);
      const run = await requireRun(db, actor, id);
      const { items, total } = await repo.results(db, actor.municipalityId, id, q.filter, { limit: q.limit, offset: q.offset });
      return { ...runDto(run), results: { items: items.map((r) => resultDto(r, actor.locale)), total, limit: q.limit, offset: q.offset } };
    },

    /** Computes the model at `asOf` over every account and stores the run with its inputs and results. */
    async createRun(actor: Actor, input: RunInputT): Promise<RunDto> {
      policy.run(actor);
      const model = modelOf(input.model);
      const errors = validateModel(model).map((f) =>
        fixedError(`body.model.${f}`, 'riskModel.invalid', f === 'quarterlyFrom' ? 'quarterlyFrom must not be above monthlyFrom' : `Not a valid ${f}`),
      );
      if (input.asOf > actor.today.slice(0, 7)) {
        errors.push(fieldError('body.asOf', 'period.future', 'risk.monthFuture', { month: input.asOf }));
      }
      if (errors.length) throw invalid(errors);
      const mid = actor.municipalityId;
      return runCommand(db, actor, async (tx, changes) => {
        const from = addMonths(input.asOf, -(Math.max(model.lookbackMonths, model.qualifyingMonths) - 1));
        const rows = await histories(tx, mid, from, input.asOf, (a) => a.frequency);
        const assessments = runRiskModel(
          rows.map((r) => r.history),
          input.asOf,
          model,
        );
        let qualified = 0;
        let lowered = 0;
        let stayedMonthly = 0;
        let raised = 0;
        for (const a of assessments) {
          if (!a.qualified) continue;
          qualified++;
          if (a.frequency === 'monthly') stayedMonthly++;
          if (rank[a.frequency] > rank[a.previousFrequency]) lowered++;
          if (rank[a.frequency] < rank[a.previousFrequency]) raised++;
        }
        const run = await repo.insertRun(tx, {
          municipalityId: mid,
          asOf: input.asOf,
          model,
          accounts: rows.length,
          qualified,
          lowered,
          stayedMonthly,
          raised,
          createdBy: actor.userId,
        });
        await repo.insertResults(
          tx,
          rows.map((r, i) => {
            const a = assessments[i]!;
            const inputs: RiskInputs = {
              months: r.history.months.filter((m) => m.period >= from),
              knownIssues: r.history.knownIssues,
              openFindingIds: r.openFindingIds,
            };
            return {
              municipalityId: mid,
              runId: run.id,
              accountId: r.account.id,
              accountNumber: r.account.number,
              qualified: a.qualified,
              score: a.score,
              components: a.components,
              previousFrequency: a.previousFrequency,
              proposedFrequency: a.frequency,
              reasons: a.reasons,
              inputs,
            };
          }),
        );
        // the results are many; the entry names the run, the model and its counts (the rows are in the run)
        await changes.record({ resource: 'riskModelRun', resourceId: run.id, action: 'create', after: runDto(run) });
        return runDto(run);
      });
    },

    /**
     * Sets the qualified accounts' frequencies to the run's proposals; the others keep theirs. A run
     * is applied once, and not after a later run (by month, then by creation) has been applied.
     */
    async applyRun(actor: Actor, id: string): Promise<RunDto> {
      policy.run(actor);
      const mid = actor.municipalityId;
      return runCommand(db, actor, async (tx, changes) => {
        const run = await requireRun(tx, actor, id);
        if (run.state === 'applied') {
          throw new Problem(409, 'conflict', detail('risk.alreadyApplied'), [fieldError('state', 'riskRun.applied', 'risk.alreadyApplied')]);
        }
        const latest = await repo.latestApplied(tx, mid);
        if (latest && (latest.asOf > run.asOf || (latest.asOf === run.asOf && latest.createdAt > run.createdAt))) {
          const params = { asOf: latest.asOf };
          throw new Problem(409, 'conflict', detail('risk.superseded', params), [fieldError('asOf', 'riskRun.superseded', 'risk.superseded', params)]);
        }
        const { items } = await repo.results(tx, mid, id, 'qualified');
        const current = new Map((await repo.accounts(tx, mid)).map((a) => [a.id, a]));
        const changed = items.filter((r) => {
          const a = current.get(r.accountId);
          return a !== undefined && a.frequency !== r.proposedFrequency;
        });
        for (const frequency of ['monthly', 'quarterly', 'halfYearly'] as const) {
          const rows = await repo.setFrequency(
            tx,
            mid,
            changed.filter((r) => r.proposedFrequency === frequency).map((r) => r.accountId),
            frequency,
            actor.userId,
          );
          for (const row of rows) {
            await changes.record({
              resource: 'balanceAccount',
              resourceId: row.id,
              action: 'frequency',
              before: { frequency: current.get(row.id)!.frequency },
              after: { frequency: row.frequency, riskRunId: id },
            });
          }
        }
        const applied = await repo.markApplied(tx, mid, id, actor.userId, opts.clock.now());
        if (!applied) throw new Problem(409, 'conflict', detail('concurrentChange'));
        await changes.record({ resource: 'riskModelRun', resourceId: id, action: 'apply', before: { state: run.state }, after: { state: applied.state } });
        return runDto(applied);
      });
    },

    /**
     * The model run at each month from `from` to `to` on the stored history, checked against what
     * happened next (domain/risk backTest). Every account starts monthly (the situation before a
     * risk model), and knownIssues are today's open linked findings (their history is not kept).
     */
    async backTest(actor: Actor, q: { from: string; to: string; step: number }) {
      policy.read(actor);
      if (q.from > q.to) throw invalid([fixedError('querystring.to', 'range.reversed', 'to must not be before from')]);
      const runs = monthRange(q.from, q.to, q.step);
      if (runs.length > MAX_BACKTEST_RUNS) throw invalid([fixedError('querystring.to', 'range.tooLong', `At most ${MAX_BACKTEST_RUNS} runs`)]);
      const model = DEFAULT_RISK_MODEL;
      const rows = await histories(db, actor.municipalityId, '0000-01', '9999-12', () => 'monthly');
      const result = backTest(
        rows.map((r) => r.history),
        runs,
        model,
      );
      return { from: q.from, to: q.to, step: q.step, baseline: 'monthly' as const, ...result };
    },

    async linkedFindings(actor: Actor, accountId: string) {
      policy.read(actor);
      if (!(await repo.accounts(db, actor.municipalityId)).some((a) => a.id === accountId)) throw notFound('balanceAccount', accountId);
      return (await repo.linkedFindings(db, actor.municipalityId, accountId)).map((f) => ({ ...f, linkedAt: iso(f.linkedAt) }));
    },

    async linkFinding(actor: Actor, accountId: string, findingId: string): Promise<{ created: boolean }> {
      policy.run(actor);
      const mid = actor.municipalityId;
      return runCommand(db, actor, async (tx, changes) => {
        if (!(await repo.accounts(tx, mid)).some((a) => a.id === accountId)) throw notFound('balanceAccount', accountId);
        if (!(await repo.findingExists(tx, mid, findingId))) throw notFound('finding', findingId);
        const row = await repo.link(tx, mid, accountId, findingId, actor.userId);
        if (row) await changes.record({ resource: 'balanceAccountFinding', resourceId: accountId, action: 'link', after: { accountId, findingId } });
        return { created: !!row };
      });
    },

    async unlinkFinding(actor: Actor, accountId: string, findingId: string): Promise<void> {
      policy.run(actor);
      const mid = actor.municipalityId;
      await runCommand(db, actor, async (tx, changes) => {
        const row = await repo.unlink(tx, mid, accountId, findingId);
        if (!row) throw notFound('balanceAccountFinding', `${accountId}/${findingId}`);
        await changes.record({ resource: 'balanceAccountFinding', resourceId: accountId, action: 'unlink', before: { accountId, findingId } });
      });
    },

    /** Per account, the periods in which a reconciliation is due at its frequency and how each stands. */
    async calendar(actor: Actor, q: { from: string; to: string; department?: string | undefined }) {
      policy.read(actor);
      if (q.from > q.to) throw invalid([fixedError('querystring.to', 'range.reversed', 'to must not be before from')]);
      if (monthRange(q.from, q.to).length > MAX_CALENDAR_MONTHS)
        throw invalid([fixedError('querystring.to', 'range.tooLong', `At most ${MAX_CALENDAR_MONTHS} months`)]);
      const mid = actor.municipalityId;
      const today = actor.today;
      const accounts = await repo.accounts(db, mid, q.department);
      const upper = q.to.endsWith('-12') ? `${q.to.slice(0, 4)}-13` : q.to;
      const recs = new Map((await repo.reconciliations(db, mid, q.from, upper)).map((r) => [`${r.accountId}/${r.period}`, r]));
      return {
        from: q.from,
        to: q.to,
        today,
        accounts: accounts.map((a) => ({
          id: a.id,
          number: a.number,
          name: a.name,
          departmentId: a.departmentId,
          frequency: a.frequency,
          due: duePeriods(a.frequency, q.from, q.to).map((period) => {
            // December: the supplementary year-end reconciliation stands in for it when it exists
            const r = (period.endsWith('-12') ? recs.get(`${a.id}/${period.slice(0, 4)}-13`) : undefined) ?? recs.get(`${a.id}/${period}`) ?? null;
            return {
              period,
              reconciliationId: r?.id ?? null,
              reconciledPeriod: r?.period ?? null,
              status: r?.status ?? null,
              state: dueState(period, today, r),
            };
          }),
        })),
      };
    },
  };
}
