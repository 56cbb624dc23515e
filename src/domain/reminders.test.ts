import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  defaultReminderSettings,
  dueReminders,
  escalationLevel,
  escalationSteps,
  isOpeningDay,
  roundToOpen,
  type DueReminder,
  type ReminderEvent,
  type ReminderSettings,
} from './reminders.js';

const measure: ReminderEvent = { key: 'measure:m1', type: 'measure', dueOn: '2027-03-31', hasOwner: true };
const round: ReminderEvent = { key: 'round:r1:d1', type: 'round', dueOn: '2027-03-01' };
const brief = (rs: DueReminder[]) => rs.map((r) => [r.event.key, r.kind, r.step, r.dedupeKey]);

describe('dueReminders', () => {
  const s = defaultReminderSettings;

  it('reminds N days before, on the day, then on day 1 overdue and every M days, and escalates every K days', () => {
    expect(dueReminders({ events: [round] }, s, '2027-02-21')).toEqual([]);
    expect(brief(dueReminders({ events: [round] }, s, '2027-02-22'))).toEqual([
      ['round:r1:d1', 'roundDueSoon', 'departmentCoordinator', 'round:r1:d1:roundDueSoon:2027-03-01'],
    ]);
    expect(brief(dueReminders({ events: [round] }, s, '2027-03-01'))[0]![3]).toBe('round:r1:d1:roundDueSoon:2027-03-01');
    expect(brief(dueReminders({ events: [round] }, s, '2027-03-02'))).toEqual([
      ['round:r1:d1', 'roundOverdue', 'departmentCoordinator', 'round:r1:d1:roundOverdue:2027-03-01:0'],
    ]);
    expect(brief(dueReminders({ events: [round] }, s, '2027-03-08'))[0]![3]).toBe('round:r1:d1:roundOverdue:2027-03-01:0');
    expect(brief(dueReminders({ events: [round] }, s, '2027-03-09'))[0]![3]).toBe('round:r1:d1:roundOverdue:2027-03-01:1');
    // 14 days overdue: the head; 28: central coordination, and no further.
    expect(brief(dueReminders({ events: [round] }, s, '2027-03-15'))).toEqual([
      ['round:r1:d1', 'escalation', 'departmentHead', 'round:r1:d1:escalation:2027-03-01:departmentHead'],
      ['round:r1:d1', 'roundOverdue', 'departmentCoordinator', 'round:r1:d1:roundOverdue:2027-03-01:1'],
    ]);
    expect(brief(dueReminders({ events: [round] }, s, '2027-03-29'))[0]).toEqual([
      'round:r1:d1',
      'escalation',
      'centralCoordinator',
      'round:r1:d1:escalation:2027-03-01:centralCoordinator',
    ]);
    expect(brief(dueReminders({ events: [round] }, s, '2028-03-29'))[0]![2]).toBe('centralCoordinator');
  });

  it("reminds a measure's owner beside the first step, under one key", () => {
    const due = dueReminders({ events: [measure] }, s, '2027-03-30');
    expect(due.map((r) => [r.kind, r.step, r.dedupeKey])).toEqual([
      ['measureDueSoon', 'departmentCoordinator', 'measure:m1:measureDueSoon:2027-03-31'],
      ['measureDueSoon', 'measureOwner', 'measure:m1:measureDueSoon:2027-03-31'],
    ]);
    expect(dueReminders({ events: [{ ...measure, hasOwner: false }] }, s, '2027-03-30').map((r) => r.step)).toEqual(['departmentCoordinator']);
  });

  it('follows a configured chain and days', () => {
    const mine: ReminderSettings = { daysBefore: 0, overdueEveryDays: 3, escalateAfterDays: 5, escalationChain: ['departmentHead', 'centralCoordinator'] };
    expect(dueReminders({ events: [round] }, mine, '2027-02-28')).toEqual([]);
    expect(brief(dueReminders({ events: [round] }, mine, '2027-03-01'))).toEqual([
      ['round:r1:d1', 'roundDueSoon', 'departmentHead', 'round:r1:d1:roundDueSoon:2027-03-01'],
    ]);
    expect(brief(dueReminders({ events: [round] }, mine, '2027-03-06')).map((r) => r[3])).toEqual([
      'round:r1:d1:escalation:2027-03-01:centralCoordinator',
      'round:r1:d1:roundOverdue:2027-03-01:1',
    ]);
  });

  it('a changed due date starts afresh', () => {
    const moved = { ...round, dueOn: '2027-04-01' };
    expect(dueReminders({ events: [moved] }, s, '2027-03-29')[0]!.dedupeKey).toBe('round:r1:d1:roundDueSoon:2027-04-01');
  });

  const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2026-01-01', n));
  const settings = fc.record({
    daysBefore: fc.integer({ min: 0, max: 90 }),
    overdueEveryDays: fc.integer({ min: 1, max: 90 }),
    escalateAfterDays: fc.integer({ min: 1, max: 365 }),
    escalationChain: fc.shuffledSubarray([...escalationSteps], { minLength: 1 }),
  });
  const event = fc.record({
    key: fc.constantFrom('plan:f:d', 'round:r:d', 'measure:m', 'answer:a'),
    type: fc.constantFrom('plan' as const, 'round' as const, 'measure' as const, 'answer' as const),
    dueOn: day,
    hasOwner: fc.boolean(),
  });

  it('is idempotent: the same day gives the same keys, and a day run twice adds nothing', () => {
    fc.assert(
      fc.property(event, settings, day, (e, st, today) => {
        const a = dueReminders({ events: [e] }, st, today);
        expect(dueReminders({ events: [e, e].slice(0, 1) }, st, today)).toEqual(a);
        // one overdue occurrence and one escalation at most, whatever the downtime before
        expect(new Set(a.filter((r) => r.kind.endsWith('Overdue')).map((r) => r.dedupeKey)).size).toBeLessThanOrEqual(1);
        expect(a.filter((r) => r.kind === 'escalation').length).toBeLessThanOrEqual(1);
        // one entry per (key, step)
        expect(new Set(a.map((r) => `${r.dedupeKey}/${r.step}`)).size).toBe(a.length);
      }),
    );
  });

  it('never reminds before N days ahead, never overdue before the due date, escalates only after K days', () => {
    fc.assert(
      fc.property(event, settings, day, (e, st, today) => {
        for (const r of dueReminders({ events: [e] }, st, today)) {
          const left = daysBetween(today, e.dueOn);
          if (r.kind.endsWith('DueSoon')) expect(left >= 0 && left <= st.daysBefore).toBe(true);
          else expect(left).toBeLessThan(0);
          if (r.kind === 'escalation') expect(-left).toBeGreaterThanOrEqual(st.escalateAfterDays);
        }
      }),
    );
  });

  it('escalates monotonically: day by day the level never falls, and each step is reached once, in chain order', () => {
    fc.assert(
      fc.property(event, settings, fc.integer({ min: 1, max: 800 }), (e, st, span) => {
        let last = 0;
        const keys: string[] = [];
        for (let d = 0; d <= span; d++) {
          const today = addDays(e.dueOn, d);
          const esc = dueReminders({ events: [e] }, st, today).filter((r) => r.kind === 'escalation');
          const level = esc[0]?.occurrence ?? 0;
          expect(level).toBeGreaterThanOrEqual(last);
          expect(level).toBe(escalationLevel(d, st));
          last = level;
          for (const r of esc) if (!keys.includes(r.dedupeKey)) keys.push(r.dedupeKey);
        }
        expect(keys.map((k) => k.split(':').pop())).toEqual(st.escalationChain.slice(1, last + 1));
      }),
      { numRuns: 60 },
    );
  });

  it('run daily, gives exactly one overdue reminder per M days', () => {
    fc.assert(
      fc.property(event, settings, fc.integer({ min: 1, max: 400 }), (e, st, span) => {
        const keys = new Set<string>();
        for (let d = 1; d <= span; d++) {
          for (const r of dueReminders({ events: [e] }, st, addDays(e.dueOn, d))) if (r.kind.endsWith('Overdue')) keys.add(r.dedupeKey);
        }
        expect(keys.size).toBe(Math.floor((span - 1) / st.overdueEveryDays) + 1);
      }),
      { numRuns: 60 },
    );
  });
});

describe('scheduled rounds', () => {
  const feb = { opensOn: ['02-01', '08-01'], dueAfterDays: 28, active: true, lastOpenedOn: null };

  it('opens the latest date not yet opened, while that round would still run', () => {
    expect(roundToOpen(feb, '2027-01-31')).toBeNull(); // 1 August 2026's round has long been due
    expect(roundToOpen(feb, '2027-02-01')).toEqual({ opensOn: '2027-02-01', dueOn: '2027-03-01' });
    expect(roundToOpen(feb, '2027-02-20')).toEqual({ opensOn: '2027-02-01', dueOn: '2027-03-01' });
    expect(roundToOpen({ ...feb, lastOpenedOn: '2027-02-01' }, '2027-02-20')).toBeNull();
    expect(roundToOpen({ ...feb, lastOpenedOn: '2027-02-01' }, '2027-08-01')).toEqual({ opensOn: '2027-08-01', dueOn: '2027-08-29' });
    expect(roundToOpen({ ...feb, lastOpenedOn: '2027-02-01' }, '2027-08-30')).toBeNull();
    expect(roundToOpen({ ...feb, active: false }, '2027-02-01')).toBeNull();
    // Across the new year: a date in December is found from January
    expect(roundToOpen({ ...feb, opensOn: ['12-20'] }, '2027-01-05')).toEqual({ opensOn: '2026-12-20', dueOn: '2027-01-17' });
  });

  it('knows the days of the year', () => {
    expect(['01-01', '02-28', '12-31'].every(isOpeningDay)).toBe(true);
    expect(['02-29', '13-01', '00-10', '04-31', '2-1', 'x'].some(isOpeningDay)).toBe(false);
  });
});
