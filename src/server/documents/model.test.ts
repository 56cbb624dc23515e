import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { client } from '../../test/app.js';
import { renderDocument } from './render.js';
import { documentFixture, type DocumentFixture } from './test-fixtures.js';

/**
 * What each document holds, before any format: the access rules, the editions, the scope, the
 * side-by-side content and the summary figures, on the demo data.
 */
let fx: DocumentFixture;
beforeAll(async () => {
  fx = await documentFixture();
}, 60_000);
afterAll(() => fx.ctx.close());

const svc = () => fx.ctx.app.services.documents;

describe('follow-up report model', () => {
  it('holds every active finding, reports in order, with the plans side by side with this round', async () => {
    const doc = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'internal', today: fx.today });
    expect(doc.meta).toMatchObject({ locale: 'da', vocabulary: 'DK', edition: 'internal', generatedOn: '2025-09-15', municipality: 'Københavns Kommune' });
    expect(doc.meta.title).toBe('Opfølgning på handleplaner for revisionsbemærkninger – Status august 2025');
    expect(doc.round).toMatchObject({ name: 'Status august 2025', kind: 'status' });
    expect(doc.confidentialOmitted).toBe(0);
    // The ongoing audit's finding first, then the annual report's, by number; the confidential one included.
    expect(doc.findings.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(doc.findings[0]!.report.kind).toBe('ongoingAudit');
    expect(doc.findings.find((f) => f.number === 10)).toMatchObject({ confidential: true, confidentialBasis: 'offentlighedsloven § 33', grade: 'red' });

    const f3 = doc.findings.find((f) => f.number === 3)!;
    const plan = f3.plans[0]!;
    expect(plan).toMatchObject({ department: { code: 'ØKF' }, crossCutting: true, secondColumn: 'status', submissionState: 'submitted', withheld: false });
    const [delayed, completed] = plan.measures;
    expect(delayed).toMatchObject({
      number: '1',
      deadline: { display: 'Q2-2026', due: '2026-06-30' },
      originalDeadline: { display: 'Q1-2026', due: '2026-03-31' },
      slippageDays: 91,
      status: {
        status: 'delayed',
        reason: 'Afventer ny it-leverandør.',
        newDeadline: { display: 'Q2-2026' },
        roundName: 'Status august 2025',
        fromThisRound: true,
      },
    });
    expect(completed!.status).toMatchObject({ status: 'completed', selfCheckResult: expect.stringContaining('Stikprøve på 20 systemer') });

    // A plan nobody has reported on yet shows its follow-up plan instead of a status.
    const f6 = doc.findings.find((f) => f.number === 6)!;
    expect(f6.plans[0]).toMatchObject({ department: { code: 'BUF' }, secondColumn: 'followUpPlan' });
    expect(f6.plans[0]!.measures.every((m) => m.status === null)).toBe(true);
  });

  it('sums statuses and slippage per department for the summary page', async () => {
    const doc = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'internal', today: fx.today });
    const okf = doc.summary.byDepartment.find((d) => d.code === 'ØKF')!;
    expect(okf).toMatchObject({ delayed: 1, completed: 1, onTrack: 3, noStatus: 0 });
    const buf = doc.summary.byDepartment.find((d) => d.code === 'BUF')!;
    expect(buf).toMatchObject({ onTrack: 3, noStatus: 4 });
    expect(doc.summary.slippage.find((d) => d.code === 'ØKF')).toMatchObject({ measures: 5, moved: 1, totalDays: 91, maxDays: 91 });
    expect(doc.summary.totals).toMatchObject({ findings: 10, plans: 3, measures: 12, onTrack: 6, delayed: 1, completed: 1, noStatus: 4 });
  });

  it('leaves confidential findings out of the public edition and counts them', async () => {
    const doc = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today });
    expect(doc.confidentialOmitted).toBe(1);
    expect(doc.findings.map((f) => f.title)).not.toContain('Adgangsstyring til kritiske systemer');
    expect(doc.findings.every((f) => !f.confidential)).toBe(true);
    expect(doc.summary.totals.findings).toBe(9);
  });

  it('gives a reader the public edition and refuses the internal one', async () => {
    const doc = await svc().followUpReport(fx.kk.reader, fx.kk.roundId, { kind: 'municipality' }, { edition: 'public', today: fx.today });
    expect(doc.confidentialOmitted).toBe(1);
    await expect(svc().followUpReport(fx.kk.reader, fx.kk.roundId, { kind: 'municipality' }, { edition: 'internal' })).rejects.toMatchObject({ status: 403 });
  });

  it('narrows to one committee or one department', async () => {
    const okf = fx.kk.departments['ØKF']!;
    const byDept = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'department', id: okf }, { edition: 'internal', today: fx.today });
    expect(byDept.scope).toMatchObject({ kind: 'department', code: 'ØKF' });
    expect(byDept.findings.flatMap((f) => f.departments.map((d) => d.code))).toSatisfy((codes: string[]) => codes.every((c) => c === 'ØKF'));
    expect(byDept.summary.byDepartment.map((d) => d.code)).toEqual(['ØKF']);
    const committee = fx.kk.committeeIds['BUF']!;
    const byCommittee = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'committee', id: committee }, { edition: 'internal', today: fx.today });
    expect(byCommittee.scope.kind).toBe('committee');
    // The committee's own department's plans, plus the cross-cutting plans that answer for it too.
    expect(byCommittee.findings.flatMap((f) => f.plans).every((p) => p.department.code === 'BUF' || p.crossCutting)).toBe(true);
    expect(byCommittee.findings.some((f) => f.number === 6)).toBe(true);
    expect(byCommittee.findings.every((f) => f.departments.every((d) => d.code === 'BUF'))).toBe(true);
    // The summary has a row for every department whose plan it shows, in scope first, and the rows add up.
    expect(byCommittee.summary.byDepartment.map((d) => d.code)).toEqual(['BUF', 'ØKF']);
    const rowSum = byCommittee.summary.byDepartment.reduce((n, d) => n + d.onTrack + d.delayed + d.completed + d.cancelled + d.noStatus, 0);
    expect(rowSum).toBe(byCommittee.summary.totals.measures);
  });

  it('answers an unknown round with 404 and an unknown committee with 422 naming the field', async () => {
    await expect(
      svc().followUpReport(fx.kk.admin, '00000000-0000-4000-8000-000000000000', { kind: 'municipality' }, { edition: 'internal' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'committee', id: '00000000-0000-4000-8000-000000000000' }, { edition: 'internal' }),
    ).rejects.toMatchObject({
      status: 422,
      errors: [expect.objectContaining({ field: 'querystring.committee' })],
    });
    // Another municipality's round is as unknown as a missing one.
    await expect(svc().followUpReport(fx.kk.admin, fx.se.roundId, { kind: 'municipality' }, { edition: 'internal' })).rejects.toMatchObject({ status: 404 });
  });

  it('speaks the language asked for, keeping the vocabulary', async () => {
    const en = await svc().followUpReport(fx.kk.admin, fx.kk.roundId, { kind: 'municipality' }, { edition: 'internal', lang: 'en', today: fx.today });
    expect(en.meta.locale).toBe('en');
    expect(en.meta.labels.followUpPoint).toBe('Follow-up point');
    const f3 = en.findings.find((f) => f.number === 3)!;
    expect(f3.plans[0]!.measures[0]!.deadline?.display).toBe('Q2 2026');
  });
});

describe('answer document model (yttrande)', () => {
  it('groups the measures by the recommendation they answer, with the decision plan', async () => {
    const doc = await svc().answerDocument(fx.se.admin, fx.se.planId, 'uppfoljandeYttrande', { edition: 'internal', today: fx.today });
    expect(doc.meta).toMatchObject({ locale: 'sv', vocabulary: 'SE' });
    expect(doc.meta.labels.expectedEffect).toBe('Förväntad effekt');
    expect(doc.meta.title).toMatch(/^Uppföljande yttrande – /);
    expect(doc.decisionPlan.map((m) => [m.body, m.heldOn])).toEqual([
      ['Kommunstyrelsens arbetsutskott', '2026-11-09'],
      ['Kommunstyrelsen', '2026-11-18'],
    ]);
    expect(doc.recipients).toEqual(['Kommunrevisionen']);
    expect(doc.responsibleOfficials.length).toBeGreaterThan(0);
    expect(doc.summary).toEqual({ measures: 3, completed: 1, delayed: 1, onTrack: 1, cancelled: 0, postponed: 0, noStatus: 0 });
    const first = doc.recommendations[0]!;
    expect(first.measures[0]).toMatchObject({ number: '1', status: { status: 'completed', selfCheckResult: expect.stringContaining('stickprov') } });
    const delayed = doc.recommendations.flatMap((r) => r.measures).find((m) => m.status?.status === 'delayed');
    expect(delayed).toMatchObject({ deadline: { display: 'T3 2026' }, status: { newDeadline: { display: 'T3 2026' } } });
  });

  it('is 404 for a kind the plan has no answer of, and for another municipality', async () => {
    await expect(svc().answerDocument(fx.se.admin, fx.se.planId, 'reply', { edition: 'internal' })).rejects.toMatchObject({ status: 404 });
    await expect(svc().answerDocument(fx.kk.admin, fx.se.planId, 'yttrande', { edition: 'internal' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('council decision sheet model', () => {
  it('lists each finding with its committees, their comment and the decision', async () => {
    const sheets = await Promise.all(fx.kk.reportIds.map((id) => svc().councilDecisionSheet(fx.kk.admin, id, { edition: 'public', today: fx.today })));
    const withDecision = sheets.flatMap((s) => s.findings).filter((f) => f.decision);
    expect(withDecision.map((f) => f.number)).toEqual([2, 3, 6]);
    expect(withDecision[1]).toMatchObject({
      committeeComment: expect.stringContaining('Økonomiudvalget'),
      decision: { text: expect.stringContaining('godkendte'), meeting: { body: 'Borgerrepræsentationen', heldOn: '2025-09-11', agendaItem: 'Punkt 14' } },
    });
    expect(sheets.flatMap((s) => s.findings).every((f) => f.committees.length > 0)).toBe(true);
    // The confidential finding is counted, not shown, in the public edition.
    expect(sheets.reduce((n, s) => n + s.confidentialOmitted, 0)).toBe(1);
  });
});

describe('postponed and overdue in the follow-up report', () => {
  it('counts a postponed measure apart and never as overdue, marks an overdue one, and prints "Udskudt" in the workbook', async () => {
    const api = client(fx.ctx.app, fx.kk.adminId);
    const round = (await api.post('/api/v1/rounds', { name: 'Status december 2025 (udskudt)', opensOn: '2025-12-01', dueOn: '2025-12-19' })).body as {
      id: string;
    };
    const dep = fx.kk.departments.BUF!;
    const view = (await api.get(`/api/v1/rounds/${round.id}/departments/${dep}`)).body as {
      measures: { measureId: string; number: string; findingNumber: number; deadline: { due: string } | null }[];
    };
    const dated = view.measures.filter((x) => x.deadline !== null);
    const [waiting, late] = dated;
    const saved = await api.put(`/api/v1/rounds/${round.id}/departments/${dep}/measures/${waiting!.measureId}`, {
      status: 'postponed',
      reason: 'Afventer den nye bekendtgørelse.',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // A day after every deadline: all unanswered measures are overdue, the postponed one is not
    const today = '2031-01-01';
    const doc = await svc().followUpReport(fx.kk.admin, round.id, { kind: 'department', id: dep }, { edition: 'internal', today });
    const measures = doc.findings.flatMap((f) => f.plans.flatMap((p) => p.measures.map((x) => ({ ...x, findingNumber: f.number }))));
    const find = (m: { number: string; findingNumber: number }) => measures.find((x) => x.number === m.number && x.findingNumber === m.findingNumber)!;
    expect(find(waiting!)).toMatchObject({ status: { status: 'postponed', reason: 'Afventer den nye bekendtgørelse.', newDeadline: null }, overdue: false });
    expect(find(late!)).toMatchObject({ status: null, overdue: true });
    const buf = doc.summary.byDepartment.find((d) => d.code === 'BUF')!;
    expect(buf.postponed).toBe(1);
    expect(doc.summary.totals.postponed).toBe(1);
    expect(doc.summary.totals.overdue).toBe(measures.filter((x) => x.overdue).length);
    expect(doc.summary.totals.overdue).toBeGreaterThan(0);
    // Before the deadlines nothing is overdue
    const early = await svc().followUpReport(fx.kk.admin, round.id, { kind: 'department', id: dep }, { edition: 'internal', today: '2020-01-01' });
    expect(early.summary.totals.overdue).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderDocument(doc, 'xlsx')) as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value)))));
    expect(texts).toContain('Udskudt');
    expect(texts).toContain('Frist overskredet');
    await api.post(`/api/v1/rounds/${round.id}/close`, undefined, { 'if-match': '"1"' });
  });
});
