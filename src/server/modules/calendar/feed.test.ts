import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { feedEvents, renderFeed, type FeedContent, type FeedFrame } from './feed.js';

/** The feed builder alone: the Swedish vocabulary, plural forms, and all-day dates whatever the process's zone. */
const department = { id: 'd1', code: 'SK', name: 'Socialkontoret' };
const open = { id: 'f1', number: 4, year: 2025, title: 'Brister i avtalsuppföljningen', confidential: false };
const secret = { id: 'f2', number: 5, year: 2025, title: 'Hemlig iakttagelse om behörigheter', confidential: true };
const content: FeedContent = {
  measures: [
    { id: 'm1', number: '1', title: 'Inför avtalsregister', deadline: '2026-H1', due: '2026-06-30', planId: 'p1', finding: open, department },
    { id: 'm2', number: '2', title: 'Ta bort gamla konton', deadline: '2026-12-31', due: '2026-12-31', planId: 'p2', finding: secret, department },
  ],
  planRequests: [{ finding: secret, department, due: '2026-02-27' }],
  rounds: [{ id: 'r1', name: 'Uppföljning våren 2026', dueOn: '2026-03-31', department }],
  answers: [
    { id: 'a1', kind: 'uppfoljandeYttrande', planId: 'p1', due: '2026-02-27', decisionPlan: ['mt1', 'mt2'], finding: open, department },
    { id: 'a2', kind: 'yttrande', planId: 'p2', due: null, decisionPlan: ['mt1'], finding: secret, department },
  ],
  meetings: [
    { id: 'mt1', body: 'Kommunstyrelsen', heldOn: '2026-03-10', agendaItem: '§ 12' },
    { id: 'mt2', body: 'Revisionen', heldOn: '2026-03-20', agendaItem: null },
  ],
};
const frame = (locale: FeedFrame['locale']): FeedFrame => ({
  locale,
  vocabulary: 'SE',
  timeZone: 'Europe/Stockholm',
  name: 'Tilsyn – SK',
  description: 'Tidpunkter',
  baseUrl: 'https://tilsyn.example.se',
  stamp: new Date('2026-01-15T08:00:00Z'),
});

describe('feed builder', () => {
  it('writes the Swedish vocabulary in Swedish, names a confidential finding by number only, and counts a meeting’s items', () => {
    const events = new Map(feedEvents(content, frame('sv')).map((e) => [e.uid, e]));
    expect(events.get('measure-m1@tilsyn')!.summary).toBe('Klart senast: åtgärd 1 Inför avtalsregister – Iakttagelse 4 (2025)');
    expect(events.get('measure-m1@tilsyn')!.description).toContain('Klart senast: första halvåret 2026');
    expect(events.get('measure-m2@tilsyn')!.summary).toBe('Klart senast: åtgärd 2 – Iakttagelse 5 (2025)');
    expect(events.get('plan-request-f2-d1@tilsyn')!.summary).toBe('Yttrande ska lämnas in (SK) – Iakttagelse 5 (2025)');
    expect(events.get('answer-a1@tilsyn')!.summary).toBe('Svar senast: uppföljande yttrande – Iakttagelse 4 (2025)');
    // A sent answer is no longer due, but its meetings still are
    expect(events.has('answer-a2@tilsyn')).toBe(false);
    expect(events.get('meeting-mt1@tilsyn')!.summary).toBe('Kommunstyrelsen: 2 ärenden från Tilsyn');
    expect(events.get('meeting-mt2@tilsyn')!.summary).toBe('Revisionen: uppföljande yttrande – Iakttagelse 4 (2025)');
    expect(events.get('meeting-mt1@tilsyn')!.description).toContain('Paragraf: § 12');
    expect(events.get('round-r1-d1@tilsyn')!.url).toBe('https://tilsyn.example.se/rounds/r1/departments/d1');
    const all = JSON.stringify([...events.values()]);
    expect(all).not.toContain(secret.title);
    expect(all).not.toContain('Ta bort gamla konton');
    // The same feed for a Danish reader of the Swedish vocabulary, and an English one
    const da = new Map(feedEvents(content, frame('da')).map((e) => [e.uid, e]));
    expect(da.get('measure-m1@tilsyn')!.summary).toBe('Frist: åtgärd 1 Inför avtalsregister – Iakttagelse 4 (2025)');
    expect(da.get('meeting-mt1@tilsyn')!.summary).toBe('Kommunstyrelsen: 2 sager fra Tilsyn');
    const en = new Map(feedEvents(content, frame('en')).map((e) => [e.uid, e]));
    expect(en.get('meeting-mt2@tilsyn')!.summary).toBe('Revisionen: follow-up response (uppföljande yttrande) – Observation 4 (2025)');
    expect(en.get('meeting-mt1@tilsyn')!.summary).toBe('Kommunstyrelsen: 2 items from Tilsyn');
  });

  it('writes each event as one DATE day, the day given, with the next day as its exclusive end', () => {
    const text = renderFeed(content, frame('sv'));
    const vevents = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(vevents.map((e) => e.uid).sort()).toEqual(
      feedEvents(content, frame('sv'))
        .map((e) => e.uid)
        .sort(),
    );
    expect(text).toContain('DTSTART;VALUE=DATE:20260630\r\nDTEND;VALUE=DATE:20260701');
    expect(text).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101');
    expect(text).toContain('DTSTAMP:20260115T080000Z');
    expect(text).toContain('X-WR-TIMEZONE:Europe/Stockholm');
    expect(text).not.toMatch(/DTSTART:\d{8}T/);
    for (const e of vevents) expect(e.datetype, e.uid).toBe('date');
  });
});
