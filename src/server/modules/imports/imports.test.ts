import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/engine.js';
import { bearerFor, client, createTestContext, seedMunicipality, seedUser, type SeededMunicipality, type TestContext } from '../../../test/app.js';
import { tableSnapshot } from '../../../test/kit.js';
import { FINDINGS_IMPORT_TABLES } from '../../../test/tables.js';
import { applyUrl, buildWorkbook, dryRunUrl, uploadFile, type TestSheets } from './test-fixtures.js';

let ctx: TestContext;
let m: SeededMunicipality;
let se: SeededMunicipality;
let owner: string;
let api: ReturnType<typeof client>;

const report = { reportTitle: 'Revisionsberetning 2024', reportYear: 2024 };

/** A file with two findings, their recommendations, and one plan of two measures. */
function validFile(): TestSheets {
  return {
    findings: [
      {
        ...report,
        reportKind: 'årsberetning',
        auditor: 'Revisionsfirma A/S',
        receivedOn: new Date(Date.UTC(2025, 2, 15)),
        findingNumber: 1,
        title: 'Manglende ibrugtagningstilladelser',
        observations: 'Tolv systemer er taget i brug uden tilladelse.',
        risks: 'Data kan blive tilgængelige for uvedkommende.',
        grade: 'gul',
        confidential: 'nej',
        departments: 'BUF, SOF',
        repeat: 'ja',
        caseNumber: 2025012345,
      },
      {
        ...report,
        findingNumber: 2,
        title: 'Svag adgangsstyring',
        grade: 'rød',
        confidential: true,
        confidentialBasis: 'offentlighedsloven § 33',
        departments: 'alle',
      },
    ],
    recommendations: [
      { findingNumber: 1, number: 1, text: 'Vurder alle systemer.' },
      { findingNumber: 1, number: 2, text: 'Indhent tilladelser.' },
      { findingNumber: 2, number: 1, text: 'Gennemgå rettigheder hvert år.' },
    ],
    plans: [
      {
        findingNumber: 1,
        department: 'BUF',
        problem: 'Systemerne mangler tilladelser.',
        extent: 'Tolv systemer',
        overallDeadline: '2. halvår 2026',
        measureNumber: 1,
        measureTitle: 'Kortlæg alle systemer',
        deadline: 'Q1-2026',
        followUpPoint: 'Stikprøve på ti systemer',
        expectedEffect: 'Alle systemer er kendt',
        responsibleUnit: 'Digitalisering',
        responsiblePerson: 'Sofie Kragh',
        ownerEmail: 'ejer@imports.example',
        recommendations: '1, 2',
      },
      {
        findingNumber: 1,
        department: 'BUF',
        measureNumber: '2A',
        measureTitle: 'Indhent tilladelser',
        deadline: new Date(Date.UTC(2026, 5, 30)),
        followUpPoint: 'Opgørelse i ledelsesinformation',
        recommendations: 2,
      },
    ],
  };
}

async function counts() {
  const [row] = await queryRows<{ reports: number; findings: number; recommendations: number; plans: number; measures: number; entries: number }>(
    ctx.engine.db,
    sql`select (select count(*)::int from audit_reports) as reports, (select count(*)::int from findings) as findings, (select count(*)::int from recommendations) as recommendations,
      (select count(*)::int from action_plans) as plans, (select count(*)::int from measures) as measures, (select count(*)::int from audit_entries) as entries`,
  );
  return row!;
}

beforeAll(async () => {
  ctx = await createTestContext();
  m = await seedMunicipality(ctx.engine, { slug: 'imports', departments: ['ØKF', 'BUF', 'SOF'] });
  se = await seedMunicipality(ctx.engine, { slug: 'imports-se', language: 'sv', departments: ['SK', 'TF'] });
  owner = await seedUser(ctx.engine, m.id, { email: 'ejer@imports.example', roles: [{ role: 'measureOwner', departmentId: m.departments.BUF }] });
  api = client(ctx.app, m.userId);
});
afterAll(() => ctx.close());

describe('the template', () => {
  it('is an .xlsx in the municipality’s language with frozen headers, filters, lists and an instructions sheet with the department codes', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/templates/findings.xlsx',
      headers: { authorization: `Bearer ${await bearerFor(ctx.app, m.userId)}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="tilsyn-indlaesning-imports\.xlsx"; filename\*=UTF-8''tilsyn-indlaesning-imports\.xlsx$/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bemærkninger', 'Anbefalinger', 'Handleplaner', 'Vejledning']);
    const findings = wb.getWorksheet('Bemærkninger')!;
    expect(findings.getRow(1).getCell(1).value).toBe('Beretning *');
    expect(findings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(findings.autoFilter).toBeTruthy();
    const plans = wb.getWorksheet('Handleplaner')!;
    const headers = (plans.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toContain('Opfølgningspunkt');
    expect(headers).toContain('Forventet effekt');
    // The grade column offers the three grades; the plan's department column the codes.
    const gradeColumn = (findings.getRow(1).values as unknown[]).indexOf('Vurdering');
    expect(findings.getCell(2, gradeColumn).dataValidation).toMatchObject({ type: 'list', formulae: ['"rød,gul,grøn"'] });
    const deptColumn = headers.indexOf('Forvaltning *') + 1;
    expect(plans.getCell(5, deptColumn).dataValidation).toMatchObject({ type: 'list' });
    const guide = wb.getWorksheet('Vejledning')!;
    const text: string[] = [];
    guide.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    expect(text).toEqual(expect.arrayContaining(['ØKF', 'BUF', 'SOF', 'Forvaltning BUF', 'Frist']));
    expect(text.join('\n')).toMatch(/en bemærkning er beretning \+ bemærkningsnummer/);
  });

  it('speaks Swedish for a Swedish municipality, and the language asked for', async () => {
    const load = async (userId: string, query = '') => {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/templates/findings.xlsx${query}`,
        headers: { authorization: `Bearer ${await bearerFor(ctx.app, userId)}` },
      });
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      return wb;
    };
    const sv = await load(se.userId);
    expect(sv.worksheets.map((w) => w.name)).toEqual(['Iakttagelser', 'Rekommendationer', 'Yttranden och åtgärder', 'Instruktioner']);
    expect((sv.getWorksheet('Yttranden och åtgärder')!.getRow(1).values as unknown[]).filter(Boolean)).toEqual(
      expect.arrayContaining(['Åtgärd', 'Förväntad effekt']),
    );
    const en = await load(m.userId, '?lang=en');
    expect(en.worksheets.map((w) => w.name)).toEqual(['Findings', 'Recommendations', 'Plans and measures', 'Instructions']);
  });
});

describe('a valid file', () => {
  it('dry-runs to the expected plan and writes nothing', async () => {
    const before = await snapshot();
    const res = await uploadFile(ctx.app, m.userId, dryRunUrl, await buildWorkbook(validFile()));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body).toMatchObject({ dryRun: true, applied: false, fileName: 'import.xlsx' });
    expect(res.body.counts).toEqual({
      reports: { create: 1, update: 0, unchanged: 0 },
      findings: { create: 2, update: 0, unchanged: 0 },
      recommendations: { create: 3, update: 0, unchanged: 0 },
      plans: { create: 1, update: 0, unchanged: 0 },
      measures: { create: 2, update: 0, unchanged: 0 },
    });
    expect(res.body.rows.slice(0, 3)).toEqual([
      { sheet: 'Bemærkninger', row: 2, entity: 'report', action: 'create', key: 'Revisionsberetning 2024 (2024)', changes: [] },
      { sheet: 'Bemærkninger', row: 2, entity: 'finding', action: 'create', key: 'Revisionsberetning 2024 (2024) · 1', changes: [] },
      { sheet: 'Bemærkninger', row: 3, entity: 'finding', action: 'create', key: 'Revisionsberetning 2024 (2024) · 2', changes: [] },
    ]);
    expect(res.body.rows.filter((r: { entity: string }) => r.entity === 'measure').map((r: { key: string; row: number }) => [r.row, r.key])).toEqual([
      [2, 'Revisionsberetning 2024 (2024) · 1 · BUF · 1'],
      [3, 'Revisionsberetning 2024 (2024) · 1 · BUF · 2A'],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('applies in one transaction with one audit entry, with typed values as such', async () => {
    const before = await counts();
    const res = await uploadFile(ctx.app, m.userId, applyUrl, await buildWorkbook(validFile()));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, applied: true, errors: [] });
    const after = await counts();
    expect(after).toEqual({
      reports: before.reports + 1,
      findings: before.findings + 2,
      recommendations: before.recommendations + 3,
      plans: before.plans + 1,
      measures: before.measures + 2,
      entries: before.entries + 1,
    });

    const [entry] = await queryRows<{ resource: string; action: string; change_count: number; via: string }>(
      ctx.engine.db,
      sql`select resource, action, change_count, via from audit_entries where municipality_id = ${m.id} order by seq desc limit 1`,
    );
    expect(entry).toMatchObject({ resource: 'import', action: 'findingsXlsx', via: 'token' });
    expect(entry!.change_count).toBeGreaterThanOrEqual(9);

    const reports = (await api.get('/api/v1/reports')).body.items;
    const r = reports.find((x: { title: string }) => x.title === 'Revisionsberetning 2024');
    expect(r).toMatchObject({ year: 2024, kind: 'annualAccounts', auditor: 'Revisionsfirma A/S', receivedOn: '2025-03-15', findingCount: 2 });
    const list = (await api.get(`/api/v1/findings?reportId=${r.id}&sort=number`)).body.items;
    expect(list.map((f: { number: number }) => f.number)).toEqual([1, 2]);
    const [f1, f2] = list;
    expect(f1).toMatchObject({ grade: 'yellow', confidential: false, repeatOfEarlierYears: true, caseNumber: '2025012345', allDepartments: false });
    expect(f1.departments.map((d: { code: string; state: string }) => [d.code, d.state])).toEqual([
      ['BUF', 'planDrafted'],
      ['SOF', 'assigned'],
    ]);
    expect(f1.recommendations.map((x: { number: number; text: string }) => [x.number, x.text])).toEqual([
      [1, 'Vurder alle systemer.'],
      [2, 'Indhent tilladelser.'],
    ]);
    expect(f2).toMatchObject({ grade: 'red', confidential: true, confidentialBasis: 'offentlighedsloven § 33', allDepartments: true });
    expect(f2.departments).toHaveLength(3);

    const plans = (await api.get(`/api/v1/plans?findingId=${f1.id}`)).body.items;
    expect(plans).toHaveLength(1);
    const plan = plans[0];
    expect(plan).toMatchObject({
      departmentCode: 'BUF',
      crossCutting: false,
      problem: 'Systemerne mangler tilladelser.',
      extent: 'Tolv systemer',
      state: 'draft',
    });
    expect(plan.overallDeadline).toMatchObject({ text: '2026-H2', precision: 'half' });
    expect(plan.measures.map((x: { number: string; position: number }) => [x.position, x.number])).toEqual([
      [1, '1'],
      [2, '2A'],
    ]);
    const [m1, m2] = plan.measures;
    expect(m1.deadline).toMatchObject({ text: '2026-Q1', precision: 'quarter' });
    // A real date cell is a date deadline.
    expect(m2.deadline).toMatchObject({ text: '2026-06-30', precision: 'date' });
    const rec = (n: number) => f1.recommendations.find((x: { number: number }) => x.number === n).id;
    expect(m1.recommendationIds.sort()).toEqual([rec(1), rec(2)].sort());
    expect(m2.recommendationIds).toEqual([rec(2)]);
    const [ownerRow] = await queryRows<{ owner_user_id: string }>(ctx.engine.db, sql`select owner_user_id from measures where id = ${m1.id}`);
    expect(ownerRow!.owner_user_id).toBe(owner);
    const history = (await api.get(`/api/v1/measures/${m1.id}`)).body;
    expect(history.deadlineHistory.map((h: { source: string }) => h.source)).toEqual(['original']);
  });

  it('imported again, updates nothing and duplicates nothing', async () => {
    const file = await buildWorkbook(validFile());
    const before = await snapshot();
    const dry = await uploadFile(ctx.app, m.userId, dryRunUrl, file);
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual([]);
    for (const c of Object.values(dry.body.counts) as { create: number; update: number }[]) expect([c.create, c.update]).toEqual([0, 0]);
    const applied = await uploadFile(ctx.app, m.userId, applyUrl, file);
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('a changed file updates what changed, keeps what empty cells leave out, and revises the deadline', async () => {
    const data = validFile();
    data.findings![0]!.title = 'Manglende tilladelser til systemer';
    data.findings![0]!.risks = undefined; // empty: keeps the risks
    data.recommendations![1]!.text = 'Indhent alle tilladelser.';
    data.recommendations!.push({ findingNumber: 1, number: 3, text: 'Rapportér kvartalsvis.' });
    data.plans![0]!.deadline = 'Q2-2026';
    data.plans![1]!.recommendations = '2, 3';
    data.plans!.push({ findingNumber: 2, department: 'ØKF', crossCutting: 'ja', measureNumber: 1, measureTitle: 'Årlig gennemgang', deadline: 2026 });
    const before = await counts();
    const dry = await uploadFile(ctx.app, m.userId, dryRunUrl, await buildWorkbook(data));
    expect(dry.body.errors).toEqual([]);
    const changed = dry.body.rows
      .filter((r: { action: string }) => r.action !== 'unchanged')
      .map((r: { entity: string; action: string; key: string; changes: string[] }) => [r.entity, r.action, r.key, r.changes]);
    expect(changed).toEqual([
      ['finding', 'update', 'Revisionsberetning 2024 (2024) · 1', ['Titel *']],
      ['recommendation', 'update', 'Revisionsberetning 2024 (2024) · 1 · R2', ['Anbefaling *']],
      ['recommendation', 'create', 'Revisionsberetning 2024 (2024) · 1 · R3', []],
      ['measure', 'update', 'Revisionsberetning 2024 (2024) · 1 · BUF · 1', ['Frist']],
      ['measure', 'update', 'Revisionsberetning 2024 (2024) · 1 · BUF · 2A', ['Adresserer anbefaling nr.']],
      ['plan', 'create', 'Revisionsberetning 2024 (2024) · 2 · ØKF', []],
      ['measure', 'create', 'Revisionsberetning 2024 (2024) · 2 · ØKF · 1', []],
    ]);
    const res = await uploadFile(ctx.app, m.userId, applyUrl, await buildWorkbook(data));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await counts()).toEqual({
      ...before,
      recommendations: before.recommendations + 1,
      plans: before.plans + 1,
      measures: before.measures + 1,
      entries: before.entries + 1,
    });
    const f1 = (await api.get('/api/v1/findings?q=Manglende')).body.items[0];
    expect(f1.title).toBe('Manglende tilladelser til systemer');
    expect(f1.risks).toBe('Data kan blive tilgængelige for uvedkommende.');
    const plan = (await api.get(`/api/v1/plans?findingId=${f1.id}`)).body.items[0];
    const detail = (await api.get(`/api/v1/measures/${plan.measures[0].id}`)).body;
    expect(
      detail.deadlineHistory.map((h: { source: string; deadline: { text: string }; reason: string | null }) => [h.source, h.deadline.text, h.reason]),
    ).toEqual([
      ['original', '2026-Q1', null],
      ['edit', '2026-Q2', 'Indlæst fra Excel'],
    ]);
    // A cross-cutting plan moves every part of the finding to "plan drafted".
    const f2 = (await api.get(`/api/v1/findings?q=${encodeURIComponent('Svag adgangsstyring')}`)).body.items[0];
    expect(f2.departments.map((d: { state: string }) => d.state)).toEqual(['planDrafted', 'planDrafted', 'planDrafted']);
  });

  it('reads headers and words in any of the three languages', async () => {
    const file = await buildWorkbook(
      {
        findings: [
          {
            reportTitle: 'Granskning av IT-säkerhet',
            reportYear: 2025,
            reportKind: 'granskning',
            auditor: 'Revisorerna',
            findingNumber: 1,
            title: 'Behörigheter',
            grade: 'grön',
            departments: 'alla',
          },
        ],
        plans: [
          {
            findingNumber: 1,
            department: 'SOF',
            measureNumber: 1,
            measureTitle: 'Inför årlig granskning',
            deadline: 'första halvåret 2026',
            expectedEffect: 'Inga inaktuella behörigheter',
          },
        ],
      },
      'sv',
    );
    const res = await uploadFile(ctx.app, m.userId, applyUrl, file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const f = (await api.get('/api/v1/findings?q=Behörigheter')).body.items[0];
    expect(f).toMatchObject({ grade: 'green', allDepartments: true });
    const plan = (await api.get(`/api/v1/plans?findingId=${f.id}`)).body.items[0];
    expect(plan.measures[0]).toMatchObject({ expectedEffect: 'Inga inaktuella behörigheter', deadline: { text: '2026-H1' } });
  });
});

describe('who may import', () => {
  it('central coordination and administrators only', async () => {
    const file = await buildWorkbook(validFile());
    const roles = [
      ['centralCoordinator', null, 200],
      ['departmentCoordinator', m.departments.BUF, 403],
      ['measureOwner', m.departments.BUF, 403],
      ['auditor', null, 403],
      ['reader', null, 403],
    ] as const;
    for (const [role, departmentId, status] of roles) {
      const user = await seedUser(ctx.engine, m.id, { email: `${role}@imports.example`, roles: [{ role, departmentId }] });
      const dry = await uploadFile(ctx.app, user, dryRunUrl, file);
      expect(dry.status, role).toBe(status);
      const template = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/templates/findings.xlsx',
        headers: { authorization: `Bearer ${await bearerFor(ctx.app, user)}` },
      });
      expect(template.statusCode, role).toBe(status);
    }
  });
});

/** Every row of the tables a findings import writes, and the audit trail. */
function snapshot() {
  return tableSnapshot(ctx.engine, FINDINGS_IMPORT_TABLES);
}
