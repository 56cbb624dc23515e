import { describe, expect, it } from 'vitest';
import { dueState, duePeriods, isDue, monthEnd } from './reconciliation-calendar.js';

describe('reconciliation calendar', () => {
  it('makes every month due for a monthly account', () => {
    expect(duePeriods('monthly', '2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('makes the quarter ends due for a quarterly account', () => {
    expect(duePeriods('quarterly', '2024-01', '2025-03')).toEqual(['2024-03', '2024-06', '2024-09', '2024-12', '2025-03']);
    expect(duePeriods('quarterly', '2024-04', '2024-05')).toEqual([]);
  });

  it('makes June and December due for a half-yearly account', () => {
    expect(duePeriods('halfYearly', '2024-01', '2025-12')).toEqual(['2024-06', '2024-12', '2025-06', '2025-12']);
  });

  it('always makes December (the year end) due', () => {
    for (const f of ['monthly', 'quarterly', 'halfYearly'] as const) expect(isDue(f, '2024-12')).toBe(true);
    expect(isDue('halfYearly', '2024-09')).toBe(false);
  });

  it('refuses what is not a month', () => {
    expect(() => isDue('monthly', '2024-13')).toThrow(RangeError);
    expect(() => duePeriods('monthly', '2024-1', '2024-03')).toThrow(RangeError);
  });

  it('knows the last day of a month, leap years included', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2023-02')).toBe('2023-02-28');
    expect(monthEnd('2024-12')).toBe('2024-12-31');
  });

  it('is overdue once the period has ended without an approval', () => {
    expect(dueState('2024-06', '2024-06-30', null)).toBe('notDue');
    expect(dueState('2024-06', '2024-06-30', { status: 'open' })).toBe('inProgress');
    expect(dueState('2024-06', '2024-07-01', null)).toBe('overdue');
    expect(dueState('2024-06', '2024-07-01', { status: 'signedOff' })).toBe('overdue');
    expect(dueState('2024-06', '2024-07-01', { status: 'approved' })).toBe('approved');
  });
});
