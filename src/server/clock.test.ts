import { describe, expect, it } from 'vitest';
import { clockFromEnv, defaultTimeZone, isTimeZone, localDate, settableClock, systemClock } from './clock.js';

describe('clock', () => {
  it("gives the municipality's local date, not the UTC date: overdue does not flip at 01:00", () => {
    // 23:30 UTC on 31 March is already 1 April in Copenhagen (summer time, UTC+2) and Stockholm
    expect(localDate(new Date('2025-03-31T21:59:59Z'), 'Europe/Copenhagen')).toBe('2025-03-31');
    expect(localDate(new Date('2025-03-31T22:00:00Z'), 'Europe/Copenhagen')).toBe('2025-04-01');
    expect(localDate(new Date('2025-03-31T22:00:00Z'), 'UTC')).toBe('2025-03-31');
    // winter time: UTC+1
    expect(localDate(new Date('2025-01-31T23:00:00Z'), 'Europe/Stockholm')).toBe('2025-02-01');
    expect(localDate(new Date('2025-01-31T22:59:59Z'), 'Europe/Stockholm')).toBe('2025-01-31');
  });

  it('knows IANA zones and the default by vocabulary', () => {
    expect(isTimeZone('Europe/Copenhagen')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(defaultTimeZone('DK')).toBe('Europe/Copenhagen');
    expect(defaultTimeZone('SE')).toBe('Europe/Stockholm');
  });

  it('takes TILSYN_FAKE_NOW only under NODE_ENV=test', () => {
    expect(clockFromEnv({})).toBe(systemClock);
    expect(clockFromEnv({ TILSYN_FAKE_NOW: '2025-06-01T10:00:00Z', NODE_ENV: 'test' }).now().toISOString()).toBe('2025-06-01T10:00:00.000Z');
    expect(() => clockFromEnv({ TILSYN_FAKE_NOW: '2025-06-01T10:00:00Z', NODE_ENV: 'production' })).toThrow(/NODE_ENV=test/);
    expect(() => clockFromEnv({ TILSYN_FAKE_NOW: '2025-06-01T10:00:00Z' })).toThrow(/NODE_ENV=test/);
    expect(() => clockFromEnv({ TILSYN_FAKE_NOW: 'yesterday', NODE_ENV: 'test' })).toThrow(/point in time/);
  });

  it('a settable clock moves only when told', () => {
    const c = settableClock('2025-01-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    c.set('2026-02-03T04:05:06Z');
    expect(c.now().toISOString()).toBe('2026-02-03T04:05:06.000Z');
  });
});
