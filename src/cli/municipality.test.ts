import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { verifyMunicipalityChain } from '../server/audit/verify.js';
import { openEngine, queryRows } from '../server/db/engine.js';
import { unpackTemplate as migratedDataDir } from '../test/template.js';
import { ensureBuilt, runCli } from './test-cli.js';

/** `tilsyn municipality add`, through the built CLI as an operator runs it. */
let tmp: string;

async function signIn(dataDir: string, email: string, password: string) {
  const engine = await openEngine({ dataDir });
  const app = await buildApp({ engine, config: { maxEvidenceBytes: 1024, logLevel: 'silent' } });
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password }),
    });
    if (res.statusCode !== 200) return { status: res.statusCode, session: null };
    const cookie = res.cookies.find((c) => c.name === 'tilsyn_session')!.value;
    const session = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `tilsyn_session=${cookie}` } });
    const problem = await app.inject({
      method: 'GET',
      url: '/api/v1/findings/00000000-0000-4000-8000-000000000000',
      headers: { cookie: `tilsyn_session=${cookie}` },
    });
    return { status: 200, session: session.json(), problemTitle: problem.json().title as string };
  } finally {
    await app.close();
    await engine.close();
  }
}

async function counts(dataDir: string) {
  const engine = await openEngine({ dataDir });
  try {
    const [row] = await queryRows<{ m: number; u: number; a: number }>(
      engine.db,
      sql`select (select count(*)::int from municipalities) as m, (select count(*)::int from users) as u, (select count(*)::int from audit_entries) as a`,
    );
    return row;
  } finally {
    await engine.close();
  }
}

beforeAll(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-municipality-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('tilsyn municipality add', () => {
  it('creates a Swedish municipality and its administrator in one audited command; the printed password signs in, in Swedish', async () => {
    const dir = migratedDataDir(path.join(tmp, 'se'));
    const res = await runCli(
      [
        'municipality',
        'add',
        '--slug',
        'exempelby',
        '--name',
        'Exempelby kommun',
        '--language',
        'sv',
        '--vocabulary',
        'SE',
        '--admin-email',
        'it@exempelby.se',
        '--admin-name',
        'Ida Tekniker',
      ],
      dir,
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Created municipality exempelby (Exempelby kommun; language sv, vocabulary SE, currency SEK, time zone Europe/Stockholm)');
    const password = /shown only now:\n\n {4}(\S+)\n/.exec(res.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const engine = await openEngine({ dataDir: dir });
    try {
      const [m] = await queryRows<{ id: string; language: string; vocabulary: string; currency: string; time_zone: string }>(
        engine.db,
        sql`select id, language, vocabulary, currency, time_zone from municipalities where slug = 'exempelby'`,
      );
      expect(m).toMatchObject({ language: 'sv', vocabulary: 'SE', currency: 'SEK', time_zone: 'Europe/Stockholm' });
      const entries = await queryRows<{ via: string; user_id: string | null; change_count: number }>(
        engine.db,
        sql`select via, user_id, change_count from audit_entries where municipality_id = ${m!.id}`,
      );
      expect(entries).toEqual([{ via: 'cli', user_id: null, change_count: 2 }]);
      const log = await queryRows<{ resource: string; action: string }>(
        engine.db,
        sql`select resource, action from change_log where municipality_id = ${m!.id} order by resource`,
      );
      expect(log).toEqual([
        { resource: 'municipality', action: 'create' },
        { resource: 'user', action: 'create' },
      ]);
      expect(JSON.stringify(await queryRows(engine.db, sql`select after from change_log`))).not.toContain(password);
      expect((await verifyMunicipalityChain(engine.db, { id: m!.id, slug: 'exempelby' })).ok).toBe(true);
    } finally {
      await engine.close();
    }
    const signedIn = await signIn(dir, 'it@exempelby.se', password!);
    expect(signedIn.status).toBe(200);
    expect(signedIn.session).toMatchObject({
      user: { name: 'Ida Tekniker' },
      municipality: { slug: 'exempelby', language: 'sv', vocabulary: 'SE' },
      roles: [{ role: 'admin', departmentId: null }],
    });
    expect(signedIn.problemTitle).toBe('Finns inte');
  });

  it('takes the password from --admin-password-file and the defaults from the vocabulary', async () => {
    const dir = migratedDataDir(path.join(tmp, 'dk'));
    const file = path.join(tmp, 'pw.txt');
    fs.writeFileSync(file, 'en-lang-adgangssætning-til-admin\nanden linje\n');
    const res = await runCli(
      ['municipality', 'add', '--slug', 'nyby', '--name', 'Nyby Kommune', '--admin-email', 'admin@nyby.dk', '--admin-password-file', file],
      dir,
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('language da, vocabulary DK, currency DKK, time zone Europe/Copenhagen');
    expect(res.stdout).toContain(`the password from ${file}`);
    expect((await signIn(dir, 'admin@nyby.dk', 'en-lang-adgangssætning-til-admin')).status).toBe(200);
  });

  it('refuses wrong arguments and a taken slug with a clear message and exit code 2, adding nothing', async () => {
    const dir = migratedDataDir(path.join(tmp, 'refusals'));
    const first = await runCli(['municipality', 'add', '--slug', 'taget', '--name', 'Taget', '--admin-email', 'a@taget.dk'], dir);
    expect(first.code).toBe(0);
    const before = await counts(dir);
    const cases: [string[], string][] = [
      [['municipality', 'add', '--name', 'X', '--admin-email', 'a@x.dk'], '--slug is required'],
      [['municipality', 'add', '--slug', 'x', '--name', 'X'], '--admin-email is required'],
      [['municipality', 'add', '--slug', 'Store Bogstaver', '--name', 'X', '--admin-email', 'a@x.dk'], '--slug is lower-case'],
      [['municipality', 'add', '--slug', 'x', '--name', 'X', '--admin-email', 'ikke-en-adresse'], '--admin-email must be an e-mail address'],
      [['municipality', 'add', '--slug', 'x', '--name', 'X', '--admin-email', 'a@x.dk', '--vocabulary', 'NO'], '--vocabulary is one of DK, SE'],
      [['municipality', 'add', '--slug', 'x', '--name', 'X', '--admin-email', 'a@x.dk', '--language', 'de'], '--language is one of da, sv, en'],
      [
        ['municipality', 'add', '--slug', 'x', '--name', 'X', '--admin-email', 'a@x.dk', '--time-zone', 'Europe/Atlantis'],
        'unknown time zone "Europe/Atlantis"',
      ],
      [
        ['municipality', 'add', '--slug', 'x', '--name', 'X', '--admin-email', 'a@x.dk', '--admin-password-file', path.join(tmp, 'missing.txt')],
        'cannot read --admin-password-file',
      ],
      [['municipality', 'add', '--slug', 'taget', '--name', 'Igen', '--admin-email', 'b@taget.dk'], 'a municipality "taget" already exists'],
      [['municipality', 'remove', '--slug', 'taget'], 'unknown municipality action "remove"'],
      [['municipality', 'add', '--slug', 'x', '--nme', 'X'], "Unknown option '--nme'"],
    ];
    for (const [args, message] of cases) {
      const res = await runCli(args, dir);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain(message);
      expect(res.stderr).toContain('Run "tilsyn municipality --help" for usage.');
    }
    expect(await counts(dir)).toEqual(before);
  });

  it('is listed by tilsyn --help and explains itself', async () => {
    const dir = path.join(tmp, 'help');
    const help = await runCli(['--help'], dir);
    expect(help.stdout).toMatch(/ {2}municipality +Add a municipality and its first administrator/);
    const own = await runCli(['municipality', '--help'], dir);
    expect(own.stdout).toContain('--admin-password-file <file>');
  });
});
