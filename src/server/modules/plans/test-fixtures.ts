import type { client } from '../../../test/app.js';

type Api = ReturnType<typeof client>;

/** A report of the year with one finding for the departments, via the API. */
export async function createFinding(
  api: Api,
  opts: { year: number; title?: string; number?: number; departments: string[] | 'ALL'; recommendations?: string[]; reportId?: string },
): Promise<{ reportId: string; finding: { id: string; recommendations: { id: string; number: number }[] } }> {
  const reportId =
    opts.reportId ??
    (await api.post('/api/v1/reports', { title: 'Revisionsberetning', auditor: 'Revision A/S', year: opts.year, kind: 'annualAccounts' })).body.id;
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
