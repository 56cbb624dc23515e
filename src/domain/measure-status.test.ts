import { describe, expect, it } from 'vitest';
import { allowedStatuses, deadlinePassed, effectiveDue, isFinished, isMeasureOverdue, MEASURE_STATUSES, type MeasureStatus } from './measure-status.js';

describe('deadlinePassed', () => {
  it.each([
    ['2026-03-31', '2026-03-31', false],
    ['2026-03-31', '2026-04-01', true],
    ['2026-03-31', '2026-03-30', false],
    [null, '2030-01-01', false],
  ] as const)('due %s, today %s → %s', (due, today, expected) => {
    expect(deadlinePassed(due, today)).toBe(expected);
  });
});

describe('isMeasureOverdue', () => {
  const today = '2026-04-01';
  it.each<[MeasureStatus | null, string | null, string | null, boolean]>([
    [null, '2026-03-31', null, true],
    ['onTrack', '2026-03-31', null, true],
    ['onTrack', '2026-04-01', null, false],
    ['delayed', '2026-03-31', '2026-06-30', false],
    ['delayed', '2026-03-31', '2026-03-31', true],
    ['delayed', '2026-03-31', null, true],
    ['completed', '2025-12-31', null, false],
    ['cancelled', '2025-12-31', null, false],
    ['postponed', '2025-12-31', null, false],
    [null, null, null, false],
  ])('%s, due %s, new date %s → %s', (status, due, newDue, expected) => {
    expect(isMeasureOverdue({ status, due, newDue }, today)).toBe(expected);
  });

  it('the new date of a delay counts only for a delayed status', () => {
    expect(effectiveDue({ status: 'delayed', due: '2026-03-31', newDue: '2026-06-30' })).toBe('2026-06-30');
    expect(effectiveDue({ status: 'onTrack', due: '2026-03-31', newDue: '2026-06-30' })).toBe('2026-03-31');
  });
});

describe('allowedStatuses', () => {
  it('offers every status before and on the last day, and no "on track" after it', () => {
    expect(allowedStatuses('2026-03-31', '2026-03-31')).toEqual([...MEASURE_STATUSES]);
    expect(allowedStatuses(null, '2026-03-31')).toEqual([...MEASURE_STATUSES]);
    expect(allowedStatuses('2026-03-31', '2026-04-01')).toEqual(['delayed', 'completed', 'cancelled', 'postponed']);
  });

  it('finished means completed or cancelled, not postponed', () => {
    expect(MEASURE_STATUSES.filter(isFinished)).toEqual(['completed', 'cancelled']);
  });
});
