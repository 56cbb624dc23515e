import type { Breach } from '../../domain/guidance.js';
import type { Locale } from '../../domain/i18n.js';
import type { Database } from '../../server/db/engine.js';
import { checkAllPlans, type PlanCheckReport } from '../../server/modules/plans/check.js';
import { municipalityRepository } from '../../server/modules/tenancy/repository.js';

export interface CheckOptions {
  /** Municipality slug; all municipalities when omitted. */
  municipality?: string;
  json: boolean;
  /** Language of the messages; defaults to each municipality's own language. */
  locale?: Locale;
}

const ACCEPTED: Record<Locale, string> = { da: 'accepteret', sv: 'godtagen', en: 'accepted' };

function subjectOf(b: Breach): string {
  if (b.measureNumber !== null) return ` measure ${b.measureNumber}`;
  if (b.recommendationNumber !== null) return ` recommendation ${b.recommendationNumber}`;
  return '';
}

function breachLine(plan: PlanCheckReport, b: Breach, locale: Locale): string {
  const accepted = b.accepted ? ` [${ACCEPTED[locale]}: ${b.accepted.reason}]` : '';
  const subject = plan.account
    ? `${plan.account.number} ${plan.account.name} · ${plan.account.period}`
    : `${plan.reportYear} ${plan.reportTitle} · ${plan.findingNumber} ${plan.findingTitle}`;
  return `${subject} · ${plan.departmentCode} · ${b.severity} ${b.code}${subjectOf(b)}: ${b.message}${accepted}`;
}

/**
 * `tilsyn check`: the guidance check of every action plan, as text (one line per breach) or JSON.
 * `breachCount` counts the breaches nobody has accepted; `blockingCount` the unaccepted errors,
 * which is what the command's exit code follows (warnings such as readability never fail it).
 */
export async function runCheck(db: Database, opts: CheckOptions): Promise<{ output: string; breachCount: number; blockingCount: number }> {
  const all = await municipalityRepository.list(db);
  const selected = opts.municipality === undefined ? all : all.filter((m) => m.slug === opts.municipality);
  if (opts.municipality !== undefined && !selected.length) throw new Error(`Unknown municipality: ${opts.municipality}`);

  const results: { slug: string; locale: Locale; plans: PlanCheckReport[] }[] = [];
  for (const m of selected) {
    const locale = opts.locale ?? m.language;
    results.push({ slug: m.slug, locale, plans: await checkAllPlans(db, m.id, locale) });
  }
  const open = results
    .flatMap((r) => r.plans)
    .flatMap((p) => p.breaches)
    .filter((b) => b.accepted === null);
  const breachCount = open.length;
  const blockingCount = open.filter((b) => b.severity === 'error').length;

  if (opts.json) {
    const output = JSON.stringify({ municipalities: results.map(({ slug, plans }) => ({ slug, plans })) }, null, 2);
    return { output, breachCount, blockingCount };
  }
  const lines = results.flatMap((r) => r.plans.flatMap((p) => p.breaches.map((b) => breachLine(p, b, r.locale))));
  return { output: lines.join('\n'), breachCount, blockingCount };
}
