import { eq, sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../../test/db.js';
import { testEngine } from '../../test/engines.js';
import { queryRows, type Engine } from './engine.js';
import { bytea } from './schema/columns.js';

/**
 * The same rows must come back as the same JavaScript values from PGlite and from PostgreSQL:
 * every assertion here is a literal, and the file runs on both engines.
 */
const parityProbe = pgTable('parity_probe', {
  id: integer('id').primaryKey(),
  safeInteger: bigint('safe_integer', { mode: 'number' }),
  largeInteger: bigint('large_integer', { mode: 'bigint' }),
  count: integer('count'),
  amount: numeric('amount', { precision: 14, scale: 2 }),
  fraction: numeric('fraction', { precision: 14, scale: 2 }),
  label: text('label'),
  flag: boolean('flag'),
  day: date('day', { mode: 'string' }),
  at: timestamp('at', { withTimezone: true, mode: 'date' }),
  doc: jsonb('doc'),
  content: bytea('content'),
  ref: uuid('ref'),
});

const edgeRow = {
  id: 1,
  safeInteger: Number.MAX_SAFE_INTEGER,
  largeInteger: 9223372036854775807n,
  count: -2147483648,
  amount: '-598124.00',
  fraction: '0.10',
  label: "Økonomiforvaltningen – “citat” \\ back'slash",
  flag: false,
  day: '2024-02-29',
  at: new Date('2024-03-31T01:59:59.123Z'),
  doc: { navn: 'Æble, øl og å', tal: [0, -1.5, 1e21, 9007199254740991], indre: { tom: null, sand: true, tekst: '' } },
  content: Buffer.from([0x00, 0xff, 0x7f, 0x80, 0x00, 0x0a]),
  ref: 'a3bb189e-8bf9-3888-9912-ace4e6543002',
};

let engine: Engine;

beforeAll(async () => {
  engine = await openTestEngine();
  await engine.db.execute(sql`
    create table parity_probe (
      id integer primary key,
      safe_integer bigint,
      large_integer bigint,
      count integer,
      amount numeric(14, 2),
      fraction numeric(14, 2),
      label text,
      flag boolean,
      day date,
      at timestamptz,
      doc jsonb,
      content bytea,
      ref uuid
    )`);
  await engine.db.insert(parityProbe).values([edgeRow, { id: 2 }]);
});

afterAll(async () => {
  await engine?.close();
});

describe(`value parity (${testEngine})`, () => {
  it('reads edge values back exactly through drizzle', async () => {
    const [row] = await engine.db.select().from(parityProbe).where(eq(parityProbe.id, 1));
    expect(row).toStrictEqual(edgeRow);
    expect(Buffer.isBuffer(row!.content)).toBe(true);
  });

  it('reads nulls back as null in every column', async () => {
    const [row] = await engine.db.select().from(parityProbe).where(eq(parityProbe.id, 2));
    expect(row).toStrictEqual({
      id: 2,
      safeInteger: null,
      largeInteger: null,
      count: null,
      amount: null,
      fraction: null,
      label: null,
      flag: null,
      day: null,
      at: null,
      doc: null,
      content: null,
      ref: null,
    });
  });

  it('stores the values PostgreSQL-side as given', async () => {
    const rows = await queryRows(
      engine.db,
      sql`select safe_integer::text as safe, large_integer::text as large, amount::text as amount, day::text as day,
                 at::text as at, encode(content, 'hex') as hex, doc->>'navn' as navn, (doc->'tal'->>3)::bigint = 9007199254740991 as exact
          from parity_probe where id = 1`,
    );
    expect(rows).toStrictEqual([
      {
        safe: '9007199254740991',
        large: '9223372036854775807',
        amount: '-598124.00',
        day: '2024-02-29',
        at: '2024-03-31 01:59:59.123+00',
        hex: '00ff7f80000a',
        navn: 'Æble, øl og å',
        exact: true,
      },
    ]);
  });

  it('returns the same raw values from queryRows', async () => {
    const rows = await queryRows<Record<string, unknown>>(
      engine.db,
      sql`select count(*)::int as n, count(*) as big_count, max(large_integer) as largest, now() as now, pg_typeof(now())::text as now_type,
                 0.1::numeric(14, 2) as amount, '2024-02-29'::date as day, '{"å": [1]}'::jsonb as doc, (select content from parity_probe where id = 1) as content,
                 array[1, 9223372036854775807]::bigint[] as bigints
          from parity_probe`,
    );
    expect(rows).toStrictEqual([
      {
        n: 2,
        big_count: '2',
        largest: '9223372036854775807',
        now: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00$/),
        now_type: 'timestamp with time zone',
        amount: '0.10',
        day: '2024-02-29',
        doc: { å: [1] },
        content: Buffer.from([0x00, 0xff, 0x7f, 0x80, 0x00, 0x0a]),
        bigints: ['1', '9223372036854775807'],
      },
    ]);
  });

  it('runs every session in UTC with ISO dates', async () => {
    const rows = await queryRows(
      engine.db,
      sql`select current_setting('TimeZone') as tz, current_setting('DateStyle') as style,
                 '2024-06-01 12:00:00+02'::timestamptz::text as local, extract(hour from '2024-06-01 12:00:00+02'::timestamptz)::int as hour`,
    );
    expect(rows).toStrictEqual([{ tz: 'UTC', style: 'ISO, YMD', local: '2024-06-01 10:00:00+00', hour: 10 }]);
  });

  it('keeps UTC inside transactions', async () => {
    const tz = await engine.db.transaction(async (tx) => queryRows<{ tz: string }>(tx, sql`select current_setting('TimeZone') as tz`));
    expect(tz).toStrictEqual([{ tz: 'UTC' }]);
  });
});
