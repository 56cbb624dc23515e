import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../server/db/engine.js';
import { seedMunicipality, type SeededMunicipality } from './app.js';
import { openTestEngine } from './db.js';
import { expectUnchanged, kr, multipart, tableSnapshot } from './kit.js';

/** The kit's snapshot must catch what the tests rely on it to catch: a new row, and a changed audit entry. */
let engine: Engine;
let m: SeededMunicipality;

beforeAll(async () => {
  engine = await openTestEngine();
  m = await seedMunicipality(engine, { slug: 'kit' });
  await engine.db.execute(
    sql`insert into audit_entries (municipality_id, seq, at, via, resource, resource_id, action, change_count, prev_hash, hash)
        values (${m.id}, 1, now(), 'system', 'municipality', ${m.id}, 'update', 1, '', 'a1')`,
  );
});
afterAll(() => engine.close());

describe('tableSnapshot', () => {
  it('is stable, and covers the named tables and the audit trail with a count and a hash', async () => {
    const a = await tableSnapshot(engine, ['municipalities']);
    expect(Object.keys(a)).toEqual(['municipalities', 'audit_entries', 'change_log', 'audit_heads']);
    expect(a.municipalities).toMatch(/^1:[0-9a-f]{32}$/);
    expect(a.audit_entries).toMatch(/^1:[0-9a-f]{32}$/);
    expect(a.change_log).toBe('0:');
    expect(await tableSnapshot(engine.db, ['municipalities'])).toEqual(a);
  });

  it('detects an inserted row', async () => {
    const before = await tableSnapshot(engine, ['municipalities']);
    await seedMunicipality(engine, { slug: 'kit-2' });
    const after = await tableSnapshot(engine, ['municipalities']);
    expect(after.municipalities).not.toBe(before.municipalities);
    expect(after.municipalities!.startsWith('2:')).toBe(true);
    expect(after.audit_entries).toBe(before.audit_entries);
  });

  it('detects a changed audit entry, though the count stays the same', async () => {
    const before = await tableSnapshot(engine, []);
    // The audit trail is append-only: only a test switches the guard off to tamper with it.
    await engine.db.execute(sql`alter table audit_entries disable trigger audit_entries_append_only`);
    await engine.db.execute(sql`update audit_entries set hash = 'a2' where municipality_id = ${m.id} and seq = 1`);
    await engine.db.execute(sql`alter table audit_entries enable trigger audit_entries_append_only`);
    const after = await tableSnapshot(engine, []);
    expect(after.audit_entries).not.toBe(before.audit_entries);
    expect(after.audit_entries!.split(':')[0]).toBe(before.audit_entries!.split(':')[0]);
    expect({ ...after, audit_entries: '' }).toEqual({ ...before, audit_entries: '' });
  });
});

describe('expectUnchanged', () => {
  it('passes when nothing changed and returns the action’s result', async () => {
    expect(await expectUnchanged(engine, ['municipalities'], async () => 42)).toBe(42);
  });

  it('fails when the action inserted a row', async () => {
    await expect(expectUnchanged(engine, ['municipalities'], () => seedMunicipality(engine, { slug: 'kit-3' }))).rejects.toThrow(/changed/);
  });
});

describe('multipart', () => {
  it('writes fields and files in the order given, with the boundary in the content type', () => {
    const body = multipart(
      { systemId: 's1', left: { filename: 'l.csv', type: 'text/csv', content: 'a;b' }, right: { filename: 'r.csv', content: Buffer.from('c') } },
      'B',
    );
    expect(body.contentType).toBe('multipart/form-data; boundary=B');
    expect(body.headers).toEqual({ 'content-type': 'multipart/form-data; boundary=B' });
    expect(body.payload.toString()).toBe(
      '--B\r\nContent-Disposition: form-data; name="systemId"\r\n\r\ns1\r\n' +
        '--B\r\nContent-Disposition: form-data; name="left"; filename="l.csv"\r\nContent-Type: text/csv\r\n\r\na;b\r\n' +
        '--B\r\nContent-Disposition: form-data; name="right"; filename="r.csv"\r\n\r\nc\r\n' +
        '--B--\r\n',
    );
    expect(multipart({}).contentType).toMatch(/^multipart\/form-data; boundary=----tilsyn[0-9a-f]{16}$/);
  });
});

describe('kr', () => {
  it('turns whole kroner into øre and refuses fractions', () => {
    expect(kr(1_000)).toBe(100_000);
    expect(kr(-1)).toBe(-100);
    expect(() => kr(0.5)).toThrow();
  });
});
