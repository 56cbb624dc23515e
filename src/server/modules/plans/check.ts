import { planCovers } from '../../../domain/account-plan.js';
import { checkPlan, type AccountSubject, type Breach, type PlanForCheck } from '../../../domain/guidance.js';
import { DEFAULT_MATERIALITY_THRESHOLD_ORE, type Category } from '../../../domain/reconciliation.js';
import { balanceReads } from '../balance/reads.js';
import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import type { Database, Executor } from '../../db/engine.js';
import { iso } from '../../http/schemas.js';
import { storedDeadline } from '../shared/deadline-field.js';
import { tenancyReads } from '../tenancy/reads.js';
import { planRepository as repo, type PlanRow } from './repository.js';

/**
 * Everything the guidance check looks at, read from the database: the plan, its finding's
 * recommendations, its measures with their links, the accepted breaches, and the status entries
 * of the latest status round that touched the plan.
 */
export async function loadPlanForCheck(ex: Executor, mid: string, plan: PlanRow, vocabulary: Vocabulary): Promise<PlanForCheck> {
  // One query at a time: inside a transaction they share one connection
  const recommendations = plan.findingId ? await repo.recommendationsOf(ex, mid, plan.findingId) : [];
  const measureRows = await repo.measuresOf(ex, mid, [plan.id]);
  const acceptances = await repo.acceptancesOf(ex, mid, [plan.id]);
  const statusEntries = await repo.latestRoundEntries(ex, mid, plan.id);
  const links = await repo.linksOf(
    ex,
    mid,
    measureRows.map((m) => m.id),
  );
  const account = plan.accountReconciliationId ? await accountSubject(ex, mid, plan.accountReconciliationId, plan.extent) : null;
  return {
    account,
    vocabulary,
    overallDeadline: storedDeadline(plan.overallDeadline),
    problem: plan.problem,
    extent: plan.extent,
    recommendations,
    measures: measureRows.map((m) => ({
      id: m.id,
      number: m.number,
      title: m.title,
      text: m.text,
      deadline: storedDeadline(m.deadline),
      followUpPoint: m.followUpPoint,
      expectedEffect: m.expectedEffect,
      recommendationIds: links.filter((l) => l.measureId === m.id).map((l) => l.recommendationId),
      responsible: [m.responsibleUnit, m.responsiblePerson].filter((v) => v?.trim()).join(', ') || null,
    })),
    statusEntries: statusEntries.map((e) => ({ ...e, newDeadline: storedDeadline(e.newDeadline) })),
    acceptances: acceptances.map((a) => ({
      code: a.code,
      measureId: a.measureId,
      field: a.field,
      reason: a.reason,
      acceptedBy: a.acceptedBy,
      acceptedAt: iso(a.acceptedAt),
    })),
  };
}

/**
 * A balance account's plan is checked against the account's current reconciliation: the latest one
 * the plan covers (the plan follows the account, domain/account-plan), with the municipality's
 * materiality threshold. The target is the plan's `extent`.
 */
export async function accountSubject(ex: Executor, mid: string, reconciliationId: string, target: string | null): Promise<AccountSubject | null> {
  const subject = await balanceReads.getReconciliation(ex, mid, reconciliationId);
  if (!subject) return null;
  const rows = await balanceReads.reconciliationsOf(ex, mid, subject.accountId);
  const history = rows.map((r) => ({ period: r.period, category: r.category as Category }));
  // reconciliationsOf is newest first
  const current = rows.find((r) => planCovers(subject.period, history, r.period)) ?? subject;
  const thresholdOre = (await balanceReads.settings(ex, mid))?.materialityThresholdOre ?? DEFAULT_MATERIALITY_THRESHOLD_ORE;
  return { category: current.category as Category, followUpOre: current.followUpOre, thresholdOre, consequence: current.consequence, target };
}

export interface PlanCheckReport {
  planId: string;
  /** The finding's report and the finding; null for a balance account's plan. */
  reportTitle: string | null;
  reportYear: number | null;
  findingNumber: number | null;
  findingTitle: string | null;
  /** A balance account's plan: the account and the period of the reconciliation that started it. */
  account: { number: string; name: string; period: string } | null;
  departmentCode: string;
  crossCutting: boolean;
  breaches: Breach[];
  blocking: boolean;
}

/** The guidance check of every plan of a municipality (findings' plans, then balance accounts' plans), for the CLI. */
export async function checkAllPlans(db: Database, municipalityId: string, locale: Locale): Promise<PlanCheckReport[]> {
  const municipality = await tenancyReads.municipality(db, municipalityId);
  if (!municipality) return [];
  const plans = await repo.allPlans(db, municipalityId);
  const reports: PlanCheckReport[] = [];
  for (const plan of plans) {
    const result = checkPlan(await loadPlanForCheck(db, municipalityId, plan, municipality.vocabulary), locale);
    reports.push({
      planId: plan.id,
      reportTitle: plan.reportTitle,
      reportYear: plan.reportYear,
      findingNumber: plan.findingNumber,
      findingTitle: plan.findingTitle,
      account: null,
      departmentCode: plan.departmentCode,
      crossCutting: plan.crossCutting,
      breaches: result.breaches,
      blocking: result.blocking,
    });
  }
  for (const plan of await repo.allAccountPlans(db, municipalityId)) {
    const result = checkPlan(await loadPlanForCheck(db, municipalityId, plan, municipality.vocabulary), locale);
    reports.push({
      planId: plan.id,
      reportTitle: null,
      reportYear: null,
      findingNumber: null,
      findingTitle: null,
      account: plan.account ? { number: plan.account.number, name: plan.account.name, period: plan.account.period } : null,
      departmentCode: plan.departmentCode,
      crossCutting: plan.crossCutting,
      breaches: result.breaches,
      blocking: result.blocking,
    });
  }
  return reports;
}
