import type { Engine } from '../../db/engine.js';
import type { client } from '../../../test/app.js';

type Api = ReturnType<typeof client>;

/** Row counts of every table the plan module writes, to prove a rejected request changed nothing. */
export async function planTableCounts(engine: Engine): Promise<Record<string, number>> {
  const tables = ['action_plans', 'measures', 'measure_recommendations', 'deadline_revisions', 'guidance_acceptances', 'plan_approvals', 'answer_documents', 'findings', 'change_log'];
  const result = (await engine.db.execute(`select ${tables.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`)) as unknown as { rows: Record<string, number>[] };
  return result.rows[0]!;
}

/**
 * A fingerprint of every row of the tables the plan module writes, and of the audit trail: equal
 * before and after a refused request proves nothing was inserted, changed or deleted.
 */
export async function planTablesDump(engine: Engine): Promise<Record<string, string>> {
  const tables = [
    'action_plans',
    'measures',
    'measure_recommendations',
    'deadline_revisions',
    'guidance_acceptances',
    'plan_approvals',
    'plan_revisions',
    'answer_documents',
    'findings',
    'finding_departments',
    'change_log',
    'audit_entries',
    'audit_heads',
  ];
  const result = (await engine.db.execute(
    `select ${tables.map((t) => `(select count(*) || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') from ${t} x) as ${t}`).join(', ')}`,
  )) as unknown as { rows: Record<string, string>[] };
  return result.rows[0]!;
}

/** A report of the year with one finding for the departments, via the API. */
export async function createFinding(
  api: Api,
  opts: { year: number; title?: string; number?: number; departments: string[] | 'ALL'; recommendations?: string[]; reportId?: string },
): Promise<{ reportId: string; finding: { id: string; recommendations: { id: string; number: number }[] } }> {
  const reportId =
    opts.reportId ?? (await api.post('/api/v1/reports', { title: 'Revisionsberetning', auditor: 'Revision A/S', year: opts.year, kind: 'annualAccounts' })).body.id;
  const res = await api.post(`/api/v1/reports/${reportId}/findings`, {
    number: opts.number ?? 1,
    title: opts.title ?? 'Ibrugtagningstilladelser',
    observations: 'Systemer er taget i brug uden tilladelse.',
    departments: opts.departments,
    recommendations: opts.recommendations ?? ['Vurder alle systemer', 'Eskaler systemer uden godkendelse'],
  });
  if (res.status !== 201) throw new Error(`finding not created: ${JSON.stringify(res.body)}`);
  return { reportId, finding: res.body };
}
