import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMunicipality, type SeededMunicipality } from '../../test/app.js';
import { openTestEngine } from '../../test/db.js';
import type { Engine } from '../db/engine.js';
import { queryRows } from '../db/engine.js';
import { runCommand } from '../unit-of-work.js';
import { canonicalJson, entryHash, GENESIS_HASH } from './chain.js';
import { verifyChains, verifyMunicipalityChain } from './verify.js';

let engine: Engine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(() => engine?.close());

let slugs = 0;
/** A municipality whose chain has `n` entries, the third with two changes. */
async function chainOf(n: number): Promise<SeededMunicipality> {
  const m = await seedMunicipality(engine, { slug: `chain-${++slugs}` });
  for (let i = 1; i <= n; i++) {
    await runCommand(engine.db, m.actor, async (_tx, changes) => {
      await changes.record({ resource: 'finding', resourceId: m.id, action: 'update', before: { title: `v${i - 1}` }, after: { title: `v${i}`, n: i } });
      if (i === 3) await changes.record({ resource: 'measure', resourceId: m.userId, action: 'create', after: { title: 'ekstra' } });
    });
  }
  return m;
}

const verify = (m: SeededMunicipality, pageSize?: number) => verifyMunicipalityChain(engine.db, { id: m.id, slug: `m` }, pageSize ? { pageSize } : {});

/** Runs statements with the append-only triggers switched off (as the superuser the tests connect with), in one transaction. */
async function tamper(...statements: ReturnType<typeof sql>[]) {
  await engine.db.transaction(async (tx) => {
    await tx.execute(sql`alter table change_log disable trigger change_log_append_only`);
    await tx.execute(sql`alter table audit_entries disable trigger audit_entries_append_only`);
    for (const statement of statements) await tx.execute(statement);
    await tx.execute(sql`alter table change_log enable trigger change_log_append_only`);
    await tx.execute(sql`alter table audit_entries enable trigger audit_entries_append_only`);
  });
}

describe('the hash written is the hash recomputed from the database', () => {
  it('survives jsonb key reordering, numbers, text, timestamps and upper-case ids', async () => {
    const m = await seedMunicipality(engine, { slug: 'fidelity' });
    const awkward = {
      zz: 1,
      a: 2,
      bbb: { y: [{ b: 1, a: 2 }, [], {}], x: null, '': 'empty key', 10: 'ten', 9: 'nine' },
      // eslint-disable-next-line no-loss-of-precision -- a literal JavaScript itself rounds: canonical JSON must write the double it became
      numbers: [0, -0, 1.5, 0.1 + 0.2, 2 ** 53 - 1, -(2 ** 53), 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 123456789.123456789, -42],
      text: ['æøå ÆØÅ ö ä', 'line\nbreak\ttab "quoted" \\ back', '👩‍👩‍👧 emoji', 'e\u0301 combining', '\u2028\u2029', '<script>&amp;</script>', ''],
      flags: [true, false, null],
      when: new Date('2025-03-04T05:06:07.089Z'),
      deep: { a: { b: { c: { d: { e: ['f'] } } } } },
    };
    const upperId = m.userId.toUpperCase();
    for (let i = 0; i < 3; i++) {
      await runCommand(engine.db, m.actor, async (_tx, changes) => {
        await changes.record({ resource: 'finding', resourceId: upperId, action: 'update', before: awkward, after: { ...awkward, zz: i } });
        await changes.record({ resource: 'plan', resourceId: m.id, action: 'create' });
      });
    }
    const report = await verify(m);
    expect(report).toMatchObject({ ok: true, checked: 3, headSeq: 3, firstBroken: null });

    // Independently of verify: the stored hash of entry 1 is SHA-256 over exactly what the database returns.
    const [e] = await queryRows<{ at: string; hash: string; prevHash: string }>(
      engine.db,
      sql`select to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, hash, prev_hash as "prevHash" from audit_entries where municipality_id = ${m.id} and seq = 1`,
    );
    const rows = await queryRows<{ resource: string; resourceId: string; action: string; before: string | null; after: string | null }>(
      engine.db,
      sql`select resource, resource_id::text as "resourceId", action, before::text as before, after::text as after from change_log where municipality_id = ${m.id} and audit_seq = 1 order by seq`,
    );
    expect(e!.prevHash).toBe(GENESIS_HASH);
    const changes = rows.map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }));
    expect(canonicalJson(changes[0]!.before)).toBe(canonicalJson(JSON.parse(JSON.stringify(awkward))));
    const recomputed = entryHash(GENESIS_HASH, {
      municipalityId: m.id,
      seq: 1,
      at: e!.at,
      userId: m.userId,
      via: 'session',
      resource: 'finding',
      resourceId: m.userId,
      action: 'update',
      changes,
    });
    expect(recomputed).toBe(e!.hash);
  });

  it('verifies intact chains whatever the page size, and an empty chain', async () => {
    // More than 10 entries, so that ordering by text instead of number would show.
    const m = await chainOf(23);
    for (const pageSize of [1, 2, 3, 10, 22, 23, 1000])
      expect(await verify(m, pageSize), `page size ${pageSize}`).toMatchObject({ ok: true, checked: 23, headSeq: 23 });
    const empty = await seedMunicipality(engine, { slug: 'empty-chain' });
    expect(await verify(empty)).toMatchObject({ ok: true, checked: 0, headSeq: 0, firstBroken: null });
    const all = await verifyChains(engine.db, { municipality: 'empty-chain' });
    expect(all.ok).toBe(true);
    await expect(verifyChains(engine.db, { municipality: 'atlantis' })).rejects.toThrow(/Unknown municipality: atlantis/);
  });
});

describe('the trail is append-only', () => {
  it('refuses a plain UPDATE or DELETE of audit entries and change rows', async () => {
    const m = await chainOf(1);
    for (const statement of [
      sql`update change_log set after = '{"title":"forfalsket"}' where municipality_id = ${m.id}`,
      sql`delete from change_log where municipality_id = ${m.id}`,
      sql`update audit_entries set action = 'delete' where municipality_id = ${m.id}`,
      sql`delete from audit_entries where municipality_id = ${m.id}`,
    ]) {
      const error = await engine.db.execute(statement).catch((err: unknown) => err as Error & { cause?: Error });
      expect(error).toBeInstanceOf(Error);
      expect(`${(error as Error).message} ${(error as { cause?: Error }).cause?.message ?? ''}`).toMatch(/append-only/);
    }
    expect(await verify(m)).toMatchObject({ ok: true, checked: 1 });
  });
});

describe('tampering is found at the first broken entry', () => {
  it.each([1, 2, 1000])('an edited change row (before/after) breaks its entry (page size %i)', async (pageSize) => {
    const m = await chainOf(5);
    await tamper(
      sql`update change_log set after = jsonb_set(after, '{title}', '"forfalsket"') where municipality_id = ${m.id} and audit_seq = 3 and resource = 'finding'`,
    );
    expect((await verify(m, pageSize)).firstBroken).toMatchObject({ seq: 3, kind: 'hashMismatch' });
    const m2 = await chainOf(5);
    await tamper(sql`update change_log set before = null where municipality_id = ${m2.id} and audit_seq = 2`);
    expect((await verify(m2, pageSize)).firstBroken).toMatchObject({ seq: 2, kind: 'hashMismatch' });
  });

  it('an edited audit entry field breaks that entry', async () => {
    const cases: [ReturnType<typeof sql> | ReturnType<typeof sql>[], number, string][] = [];
    const a = await chainOf(5);
    cases.push([sql`update audit_entries set action = 'delete' where municipality_id = ${a.id} and seq = 3`, 3, 'hashMismatch']);
    const b = await chainOf(5);
    cases.push([sql`update audit_entries set at = at + interval '1 microsecond' where municipality_id = ${b.id} and seq = 4`, 4, 'changeRowsAltered']);
    const c = await chainOf(5);
    cases.push([sql`update audit_entries set user_id = null where municipality_id = ${c.id} and seq = 2`, 2, 'changeRowsAltered']);
    const d = await chainOf(5);
    cases.push([sql`update audit_entries set via = 'cli' where municipality_id = ${d.id} and seq = 2`, 2, 'hashMismatch']);
    const e = await chainOf(5);
    cases.push([sql`update audit_entries set prev_hash = ${'f'.repeat(64)} where municipality_id = ${e.id} and seq = 4`, 4, 'brokenLink']);
    const f = await chainOf(5);
    cases.push([sql`update audit_entries set hash = ${'a'.repeat(64)} where municipality_id = ${f.id} and seq = 5`, 5, 'hashMismatch']);
    const g = await chainOf(5);
    cases.push([sql`update audit_entries set change_count = 1 where municipality_id = ${g.id} and seq = 3`, 3, 'changeRowsAltered']);
    const h = await chainOf(5);
    // Both the time of the entry and of its changes moved by a microsecond: only the hash can tell.
    cases.push([
      [
        sql`update audit_entries set at = at + interval '1 microsecond' where municipality_id = ${h.id} and seq = 4`,
        sql`update change_log set at = at + interval '1 microsecond' where municipality_id = ${h.id} and audit_seq = 4`,
      ],
      4,
      'hashMismatch',
    ]);
    for (const [[statement, seq, kind], m] of cases.map((cs, i) => [cs, [a, b, c, d, e, f, g, h][i]!] as const)) {
      await tamper(...(Array.isArray(statement) ? statement : [statement]));
      expect((await verify(m)).firstBroken, String(kind)).toMatchObject({ seq, kind });
    }
  });

  it('a deleted newest entry, middle entry or change row is found', async () => {
    const newest = await chainOf(5);
    await tamper(sql`delete from audit_entries where municipality_id = ${newest.id} and seq = 5`);
    expect(await verify(newest)).toMatchObject({ ok: false, headSeq: 5, firstBroken: { seq: 5, kind: 'headMismatch' } });

    const newestWithRows = await chainOf(5);
    await tamper(
      sql`delete from audit_entries where municipality_id = ${newestWithRows.id} and seq >= 4`,
      sql`delete from change_log where municipality_id = ${newestWithRows.id} and audit_seq >= 4`,
    );
    expect((await verify(newestWithRows)).firstBroken).toMatchObject({ seq: 4, kind: 'headMismatch' });

    const middle = await chainOf(12);
    await tamper(sql`delete from audit_entries where municipality_id = ${middle.id} and seq = 3`);
    expect((await verify(middle, 2)).firstBroken).toMatchObject({ seq: 3, kind: 'missingEntry' });
    expect((await verify(middle)).firstBroken).toMatchObject({ seq: 3, kind: 'missingEntry', message: 'entry 3 is missing (the next entry is 4)' });

    const row = await chainOf(5);
    await tamper(sql`delete from change_log where municipality_id = ${row.id} and audit_seq = 3 and resource = 'measure'`);
    expect((await verify(row)).firstBroken).toMatchObject({ seq: 3, kind: 'changeRowsAltered' });

    const head = await chainOf(5);
    await engine.db.execute(sql`update audit_heads set hash = ${'0'.repeat(64)} where municipality_id = ${head.id}`);
    expect((await verify(head)).firstBroken).toMatchObject({ seq: 5, kind: 'headMismatch' });
  });

  it('reports each municipality on its own', async () => {
    const intact = await chainOf(2);
    const broken = await chainOf(2);
    await tamper(sql`update change_log set after = '{}' where municipality_id = ${broken.id} and audit_seq = 1`);
    const report = await verifyChains(engine.db);
    const byId = new Map(report.municipalities.map((r) => [r.municipalityId, r]));
    expect(report.ok).toBe(false);
    expect(byId.get(intact.id)!.ok).toBe(true);
    expect(byId.get(broken.id)!.firstBroken).toMatchObject({ seq: 1, kind: 'hashMismatch' });
  });
});
