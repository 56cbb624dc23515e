import { z } from 'zod';

/** Text limits, documented in the README: long enough for real plans, short enough to stop abuse. */
export const limits = { name: 200, title: 300, shortText: 2000, longText: 20000, deadline: 60 } as const;

export const Id = z.uuid();
export const IsoDate = z.iso.date();
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
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
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
