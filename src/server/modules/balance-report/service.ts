import { balanceByImFunction, buildBalanceReport, type ReportAccount, type ReportOptions, type WriteOff } from '../../../domain/balance-report.js';
import { toThousands } from '../../../domain/money.js';
import { accountPlanProgress } from '../../../domain/account-plan.js';
import { DEFAULT_MATERIALITY_THRESHOLD_ORE, itemOlderPart, parsePeriod, periodEnd, type Category } from '../../../domain/reconciliation.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { fieldError, invalid } from '../../http/problem.js';
import { type MessageCode, renderMessage } from '../../i18n/messages.js';
import { balanceReads } from '../balance/reads.js';
import { balanceImportReads } from '../balance-import/reads.js';
import { balanceReportPolicy as policy } from './policy.js';
import { balanceReportRepository as repo, type YearEndReconciliationRow } from './repository.js';
import type { ReportQueryT } from './schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sections 1–5 are all computed (3–5 from the balance adjustments, imported through /balance-imports/adjustments). */
const OMITTED: { section: number; reason: MessageCode }[] = [];

/** Per account, its year-end reconciliation: the supplementary period YYYY-13 when there is one, else YYYY-12. */
function yearEnd(rows: readonly YearEndReconciliationRow[], year: number): Map<string, YearEndReconciliationRow> {
  const y = String(year).padStart(4, '0');
  const out = new Map<string, YearEndReconciliationRow>();
  for (const r of rows) {
    if (r.period !== `${y}-12` && r.period !== `${y}-13`) continue;
    const have = out.get(r.accountId);
    if (!have || r.period > have.period) out.set(r.accountId, r);
  }
  return out;
}

const reconcilerOf = (r: string): ReportAccount['reconciler'] => (r === 'centralService' ? 'central' : 'department');

export function createBalanceReportService(db: Database) {
  async function load(ex: Executor, mid: string, year: number) {
    const y = (n: number) => String(n).padStart(4, '0');
    // sequential: one connection inside the transaction
    const accounts = await repo.accounts(ex, mid);
    const reconciliations = await repo.reconciliationsIn(ex, mid, [`${y(year)}-12`, `${y(year)}-13`, `${y(year - 1)}-12`, `${y(year - 1)}-13`]);
    const imNames = await repo.imNames(ex, mid);
    const committees = await repo.committees(ex, mid);
    const departments = await repo.departments(ex, mid);
    const settings = await balanceReads.settings(ex, mid);
    const systems = await repo.systemReconciliationsOfYear(ex, mid, year);
    const plans = await balanceReads.accountPlans(
      ex,
      mid,
      accounts.map((a) => a.id),
    );
    // Every reconciliation of the accounts with plans, for whether each plan reached category 1
    const planPoints = await balanceReads.reconciliationPoints(ex, mid, [...new Set(plans.map((p) => p.accountId))]);
    const adjustments = await balanceImportReads.adjustmentsOf(ex, mid, year);
    return { accounts, reconciliations, imNames, committees, departments, settings, systems, plans, planPoints, adjustments };
  }

  return {
    /** The annual balance report of a year (sections 1 and 2), computed from the accounts' year-end reconciliations. */
    async report(actor: Actor, query: ReportQueryT) {
      policy.read(actor);
      const mid = actor.municipalityId;
      const { year } = query;
      // One snapshot: every figure of the report from the same state of the register.
      const data = await db.transaction(async (tx) => load(tx, mid, year), { isolationLevel: 'repeatable read', accessMode: 'read only' });

      let committeeFilter: { id: string; code: string; name: string } | null = null;
      if (query.committee !== undefined) {
        const wanted = query.committee;
        committeeFilter = data.committees.find((c) => c.code === wanted || (UUID.test(wanted) && c.id.toLowerCase() === wanted.toLowerCase())) ?? null;
        if (!committeeFilter) {
          throw invalid([fieldError('querystring.committee', 'committee.unknown', 'balanceReport.committeeUnknown', { committee: wanted })]);
        }
      }

      const end = periodEnd(parsePeriod(`${String(year).padStart(4, '0')}-12`)!);
      const previousEnd = periodEnd(parsePeriod(`${String(year - 1).padStart(4, '0')}-12`)!);
      const current = yearEnd(data.reconciliations, year);
      const previous = yearEnd(data.reconciliations, year - 1);

      /** An account's reconciliation as the domain's input; parts decide the older part item by item. */
      const toReport = (a: (typeof data.accounts)[number], r: YearEndReconciliationRow, at: string): ReportAccount => ({
        account: a.number,
        name: a.name,
        im: a.imCode,
        department: a.departmentCode,
        committee: a.committeeCode ?? '',
        category: r.category as 1 | 2 | 3,
        balanceOre: r.ledgerBalanceOre,
        items: r.items.map((i) => ({ amountOre: i.amountOre, originDate: i.originDate, olderThanOneYearOre: itemOlderPart(i, at) })),
        reconciler: reconcilerOf(a.reconciler),
      });

      const currentAccounts: ReportAccount[] = [];
      const previousAccounts: ReportAccount[] = [];
      const missing: { account: string; name: string; department: string }[] = [];
      for (const a of data.accounts) {
        const r = current.get(a.id);
        if (r) currentAccounts.push(toReport(a, r, end));
        else missing.push({ account: a.number, name: a.name, department: a.departmentCode });
        const p = previous.get(a.id);
        if (p) previousAccounts.push(toReport(a, p, previousEnd));
      }

      const threshold = data.settings?.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE;
      const options: ReportOptions = { periodEnd: end, materialityThresholdOre: threshold, imNames: data.imNames };
      // sections 3-5: the year's balance adjustments, each under its department's committee
      const committeeCodeOf = new Map(data.departments.map((d) => [d.id, data.committees.find((c) => c.id === d.committeeId)?.code ?? '']));
      const writeOffs: WriteOff[] = data.adjustments
        .filter((a) => a.section === 'writeOff')
        .map((a) => ({
          kind: a.writeOffKind!,
          committee: committeeCodeOf.get(a.departmentId) ?? '',
          im: a.imCode,
          imName: a.imName ?? data.imNames[a.imCode] ?? a.imCode,
          appropriation: a.appropriation,
          amountOre: a.amountOre,
        }));
      const report = buildBalanceReport(
        { accounts: currentAccounts, previousYearAccounts: previousAccounts.length ? previousAccounts : null, writeOffs },
        options,
      );

      const byNumber = new Map(data.accounts.map((a) => [a.number, a]));
      const plansOf = new Map<string, Set<string>>();
      for (const p of data.plans) plansOf.set(p.accountId, (plansOf.get(p.accountId) ?? new Set()).add(p.planId));
      const today = actor.today;
      const planRowsOf = (accountId: string) => {
        const history = data.planPoints.filter((r) => r.accountId === accountId).map((r) => ({ period: r.period, category: r.category as Category }));
        return data.plans
          .filter((p) => p.accountId === accountId)
          .map((p) => {
            const progress = accountPlanProgress({ subjectPeriod: p.subjectPeriod, deadlineDue: p.overallDeadlineDue, history, today });
            return {
              id: p.planId,
              state: p.state,
              deadline: p.overallDeadline,
              progress: progress.status,
              reachedPeriod: progress.status === 'reached' ? progress.period : null,
            };
          });
      };

      const committeeByCode = new Map(data.committees.map((c) => [c.code, c]));
      const departmentById = new Map(data.departments.map((d) => [d.id, d]));
      // the latest system reconciliation of the year per system and target
      const latestSystems = new Map<string, (typeof data.systems)[number]>();
      for (const s of data.systems) latestSystems.set(`${s.system}\u0000${s.target}`, s);
      const systemsOf = (committeeId: string | null) =>
        [...latestSystems.values()]
          .filter((s) => (departmentById.get(s.departmentId)?.committeeId ?? null) === committeeId)
          .map((s) => {
            const d = departmentById.get(s.departmentId)!;
            return {
              id: s.id,
              system: s.system,
              target: s.target,
              period: s.period,
              department: { id: d.id, code: d.code, name: d.name },
              difference: { ore: { amount: s.differenceOre }, tkr: { amount: toThousands(s.differenceOre) } },
              explanation: s.explanation,
              deadline: s.deadline,
            };
          });

      let sections = report.section2.map((s) => ({ ...s, committee: committeeByCode.get(s.committee) ?? null }));
      // committees with only system reconciliations (or nothing) still get their section when asked for
      if (committeeFilter) {
        const chosen = committeeFilter;
        sections = sections.filter((s) => s.committee?.id === chosen.id);
        if (!sections.length) sections = [{ committee: chosen, table: balanceByImFunction([], options), accounts: [] }];
      }

      /** Sections 4 and 5: the rows of one kind of adjustment per committee, with the total. */
      const adjustmentSections = (section: 'undocumentedAccrual' | 'equityMovement') => {
        const byCommittee = new Map<string, (typeof data.adjustments)[number][]>();
        for (const a of data.adjustments) {
          if (a.section !== section) continue;
          const code = committeeCodeOf.get(a.departmentId) ?? '';
          byCommittee.set(code, [...(byCommittee.get(code) ?? []), a]);
        }
        const amount = (ore: number) => ({ ore: { amount: ore }, tkr: { amount: toThousands(ore) } });
        return [...byCommittee.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([code, rows]) => ({
            committee: committeeByCode.get(code) ?? null,
            rows: rows.map((a) => {
              const d = departmentById.get(a.departmentId)!;
              return {
                department: { id: d.id, code: d.code, name: d.name },
                im: a.imCode,
                imName: a.imName ?? data.imNames[a.imCode] ?? null,
                appropriation: a.appropriation,
                text: a.text,
                amount: amount(a.amountOre),
              };
            }),
            total: amount(rows.reduce((t, a) => t + a.amountOre, 0)),
          }))
          .filter((s) => !committeeFilter || s.committee?.id === committeeFilter.id);
      };

      return {
        year,
        periodEnd: end,
        previousPeriodEnd: previousEnd,
        materialityThresholdOre: threshold,
        accountsCounted: currentAccounts.length,
        accountsWithoutYearEnd: missing,
        section1: report.section1,
        section2: sections.map((s) => ({
          committee: s.committee ? { id: s.committee.id, code: s.committee.code, name: s.committee.name } : null,
          table: s.table,
          accounts: s.accounts.map((a) => {
            const acc = byNumber.get(a.account)!;
            const r = current.get(acc.id)!;
            return {
              ...a,
              reconciliationId: r.id,
              period: r.period,
              consequence: r.consequence,
              actionPlanIds: [...(plansOf.get(acc.id) ?? [])],
              actionPlans: planRowsOf(acc.id),
            };
          }),
          systemReconciliations: systemsOf(s.committee?.id ?? null),
        })),
        section3: report.section3
          .map((s) => ({ committee: committeeByCode.get(s.committee) ?? null, writeOffs: s.writeOffs }))
          .filter((s) => !committeeFilter || s.committee?.id === committeeFilter.id),
        section4: adjustmentSections('undocumentedAccrual'),
        section5: adjustmentSections('equityMovement'),
        omittedSections: OMITTED.map((o) => ({ section: o.section, reason: renderMessage(actor.locale, o.reason) })),
      };
    },
  };
}

export type BalanceReportService = ReturnType<typeof createBalanceReportService>;
