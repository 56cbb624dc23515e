// Turns the OpenAPI document of a running Tilsyn into sqlmap targets: one request per operation,
// with every path, query and JSON-body parameter filled with a plausible value (real ids of the
// demo data where the parameter names a resource) and marked for injection.
// Usage: node scripts/security-scan-targets.mjs <baseUrl> <cookie> <csrf>  → JSON lines on stdout
const [base, cookie, csrf] = process.argv.slice(2);
const headers = { cookie, 'x-csrf-token': csrf, accept: 'application/json' };
const get = async (path) => {
  const res = await fetch(base + path, { headers });
  return res.ok ? res.json() : null;
};

const doc = await get('/api/openapi.json');
if (!doc) throw new Error('no OpenAPI document');

// Real ids per resource kind, from the demo data.
const ids = {};
const first = (list) => list?.items?.[0]?.id ?? list?.[0]?.id;
const reports = await get('/api/v1/reports');
ids.reports = first(reports);
const findings = await get('/api/v1/findings?limit=100');
ids.findings = first(findings);
const plans = await get('/api/v1/plans?limit=100');
const plan = plans?.items?.find((p) => p.measures.length) ?? plans?.items?.[0];
ids.plans = plan?.id;
ids.measures = plan?.measures?.[0]?.id;
ids.acceptances = plans?.items?.flatMap((p) => p.acceptances)[0]?.id;
for (const r of ['departments', 'committees', 'users', 'meetings', 'rounds', 'tokens']) ids[r] = first(await get(`/api/v1/${r}`));
const round = ids.rounds ? await get(`/api/v1/rounds/${ids.rounds}`) : null;
const dept = round?.departments?.find((d) => d.submissionId) ?? round?.departments?.[0];
if (dept) {
  ids.departmentsOfRound = dept.departmentId;
  ids.submissions = dept.submissionId;
  const view = await get(`/api/v1/rounds/${ids.rounds}/departments/${dept.departmentId}`);
  ids['status-entries'] = view?.measures?.find((m) => m.entry)?.entry?.id;
  ids.roundMeasure = view?.measures?.[0]?.measureId;
}
ids.evidence = first(await get(`/api/v1/findings/${ids.findings}/evidence`));
ids.comments = first(await get(`/api/v1/findings/${ids.findings}/comments`));
const fallback = '00000000-0000-4000-8000-000000000001';

function resolve(schema) {
  while (schema?.$ref)
    schema = schema.$ref
      .split('/')
      .slice(1)
      .reduce((o, k) => o[k], doc);
  return schema ?? {};
}

function sample(schema, name = '', depth = 0) {
  schema = resolve(schema);
  if (depth > 6) return null;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return sample(variants.find((v) => resolve(v).type !== 'null') ?? variants[0], name, depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) out[k] = sample(v, k, depth + 1);
      return out;
    }
    case 'array':
      return [sample(schema.items ?? {}, name, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    default:
      if (schema.format === 'uuid' || /Id$/.test(name)) return idFor(name);
      if (schema.format === 'date') return '2025-06-30';
      if (schema.format === 'date-time') return '2025-06-30T12:00:00.000Z';
      if (schema.format === 'email') return 'scan@example.org';
      if (/deadline/i.test(name)) return 'Q4-2025';
      if (/password/i.test(name)) return 'scan-password-123456';
      return 'test';
  }
}

function idFor(name) {
  const key = {
    departmentId: 'departments',
    committeeId: 'committees',
    meetingId: 'meetings',
    measureId: 'measures',
    reportId: 'reports',
    findingId: 'findings',
    planId: 'plans',
    userId: 'users',
    previousFindingId: 'findings',
  }[name];
  return (key && ids[key]) || fallback;
}

const order = { get: 0, post: 1, put: 2, patch: 3, delete: 4 };
const out = [];
for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    if (!(method in order) || !path.startsWith('/api/v1/')) continue;
    const params = [];
    // Path parameters: the segment before names the resource; marked with sqlmap's custom marker.
    const segments = path.split('/');
    const url = segments
      .map((seg, i) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m) return seg;
        params.push(`path:${m[1]}`);
        const prev = segments[i - 1];
        const value =
          m[1] === 'departmentId'
            ? (ids.departmentsOfRound ?? ids.departments)
            : m[1] === 'measureId'
              ? (ids.roundMeasure ?? ids.measures)
              : m[1] === 'kind'
                ? 'reply'
                : m[1] === 'acceptanceId'
                  ? ids.acceptances
                  : ids[prev];
        return `${value ?? fallback}*`;
      })
      .join('/');
    const query = (op.parameters ?? []).filter((p) => p.in === 'query');
    const qs = query.map((p) => {
      params.push(`query:${p.name}`);
      return `${encodeURIComponent(p.name)}=${encodeURIComponent(String(sample(p.schema, p.name)))}`;
    });
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    let data = null;
    if (bodySchema) {
      data = sample(bodySchema);
      if (data && typeof data === 'object' && !Array.isArray(data)) for (const k of Object.keys(data)) params.push(`body:${k}`);
      else params.push('body');
    }
    out.push({
      method: method.toUpperCase(),
      path,
      url: base + url + (qs.length ? `?${qs.join('&')}` : ''),
      data: data === null ? null : JSON.stringify(data),
      params,
      rank: order[method],
    });
  }
}
out.sort((a, b) => a.rank - b.rank);
for (const t of out) console.log(JSON.stringify(t));
