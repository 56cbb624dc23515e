/**
 * The server's one clock. Every "now" and "today" a rule depends on comes from here, passed in,
 * so tests and browser tests can fix the time without patching globals.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests; `TILSYN_FAKE_NOW`). */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new Error(`Not a point in time: ${String(at)}`);
  return { now: () => new Date(instant) };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone: "today" for a municipality is its
 * local date, so a deadline does not turn overdue at 01:00 Danish time when UTC changes day.
 */
export function localDate(instant: Date, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, f);
  }
  return f.format(instant);
}

/** Whether a string names a time zone this runtime knows (IANA, e.g. Europe/Stockholm). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return /\//.test(name) || name === 'UTC';
  } catch {
    return false;
  }
}

/** The zone a new municipality starts with, by its vocabulary. */
export const defaultTimeZone = (vocabulary: 'DK' | 'SE') => (vocabulary === 'SE' ? 'Europe/Stockholm' : 'Europe/Copenhagen');

/**
 * The clock of a server process: the system's, or with `TILSYN_FAKE_NOW` (an ISO instant) a fixed
 * one, which is refused outside `NODE_ENV=test` so a production server can never run on a fake date.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const fake = env.TILSYN_FAKE_NOW;
  if (fake === undefined || fake === '') return systemClock;
  if (env.NODE_ENV !== 'test') throw new Error('TILSYN_FAKE_NOW is only allowed with NODE_ENV=test');
  return fixedClock(fake);
}

/** A clock a test moves by hand (injected like any other; no global is patched). */
export function settableClock(at: Date | string = new Date()): Clock & { set(at: Date | string): void } {
  let instant = fixedClock(at).now();
  return {
    now: () => new Date(instant),
    set(next) {
      instant = fixedClock(next).now();
    },
  };
}
