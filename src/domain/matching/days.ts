/**
 * Day numbers (days since 1970-01-01, proleptic Gregorian) and back, after H. Hinnant's
 * days_from_civil / civil_from_days: exact for the whole Int32 range, no Date, no allocation.
 * The readers parse dates into day numbers; the passes and the results files turn them back.
 */

/** Days since 1970-01-01 of a date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** civilFromDays' answer: [year, month 1-12, day 1-31], overwritten by each call. */
export const civil = new Int32Array(3);

/** The date of a day number, into `civil`. */
export function civilFromDays(day: number): void {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  civil[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  civil[1] = m;
  civil[2] = doy - Math.floor((153 * mp + 2) / 5) + 1;
}
