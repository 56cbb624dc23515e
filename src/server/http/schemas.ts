import { z } from 'zod';

/** Text limits, documented in the README: long enough for real plans, short enough to stop abuse. */
export const limits = { name: 200, title: 300, shortText: 2000, longText: 20000, deadline: 60 } as const;

export const Id = z.uuid();

/** The largest value of a PostgreSQL `integer` column: a number compared with one must not pass it (out of range is a 500 there). */
export const INT4_MAX = 2_147_483_647;

/**
 * The dates the application deals in: 1900-01-01 to 2199-12-31. Wider ones (year 0, 9999-12-31) are
 * refused here, as a 400 naming the field, instead of overflowing a date computation in the
 * database (`to` + 1 day past year 9999 answered 500).
 */
export const DATE_RANGE = { from: '1900-01-01', to: '2199-12-31' } as const;
const YEAR = '(19\\d\\d|2[01]\\d\\d)';
const inDateRange = (v: string) => v.slice(0, 10) >= DATE_RANGE.from && v.slice(0, 10) <= DATE_RANGE.to;
const dateRangeMessage = `A date lies between ${DATE_RANGE.from} and ${DATE_RANGE.to}`;
export const IsoDate = z.iso.date().refine(inDateRange, { message: dateRangeMessage });
/** A point in time given as a date or a date-time with offset, in the same range. */
export const IsoDateOrTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).refine(inDateRange, { message: dateRangeMessage });
/** A calendar month, YYYY-MM. */
export const MonthText = z.string().regex(new RegExp(`^${YEAR}-(0[1-9]|1[0-2])$`), `A month is YYYY-MM, between 1900-01 and 2199-12`);
/** An accounting period: a month, or YYYY-13 for the supplementary period. */
export const PeriodText = z
  .string()
  .regex(new RegExp(`^${YEAR}-(0[1-9]|1[0-3])$`), 'A period is YYYY-MM (01-12), or YYYY-13 for the supplementary period, between 1900 and 2199');
export const Name = z.string().trim().min(1).max(limits.name);
export const Title = z.string().trim().min(1).max(limits.title);
export const ShortText = z.string().trim().max(limits.shortText);
export const LongText = z.string().max(limits.longText);
/** A deadline as typed (`Q1-2026`, `1. halvår 2025`, `31.03.2026`); parsed by the service. */
export const DeadlineInput = z.string().trim().max(limits.deadline);

export const IdParams = z.object({ id: Id });

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}

/** Query-string booleans: `true`/`false`/`1`/`0`. */
export const QueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    /** The detail's message in the server catalogue, with the values it was filled with. */
    code: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }))
      .optional(),
  })
  .meta({ id: 'Problem' });

export const iso = (d: Date) => d.toISOString();

/**
 * The PATCH body of a create body: every field optional and without its default. (Zod's
 * `.partial()` keeps defaults, so an absent field would be reset, e.g. `active` to true or a
 * finding's observations to ''.) An absent field stays as it is.
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): ReturnType<z.ZodObject<S>['partial']> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]));
  return z.object(shape).partial() as unknown as ReturnType<z.ZodObject<S>['partial']>;
}
