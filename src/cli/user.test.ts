import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { openEngine, queryRows } from '../server/db/engine.js';
import { bootstrapAdmin } from '../server/modules/access/bootstrap.js';
import { createTestContext } from '../test/app.js';
import { unpackTemplate as migratedDataDir } from '../test/template.js';

/** The first administrator: `tilsyn user add` (the built CLI, as a user runs it) and TILSYN_ADMIN_EMAIL/PASSWORD. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'dist/cli/main.js');
const password = 'en-lang-og-hemmelig-sætning';
let tmp: string;

function tilsyn(args: string[], dataDir: string, stdin: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: '', TILSYN_DATA_DIR: dataDir } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end(stdin);
  });
}

async function signIn(dataDir: string, email: string, pw: string): Promise<number> {
  const engine = await openEngine({ dataDir });
  const app = await buildApp({ engine, config: { maxEvidenceBytes: 1024, logLevel: 'silent' } });
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password: pw }),
    });
    return res.statusCode;
  } finally {
    await app.close();
    await engine.close();
  }
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-user-'));
  if (!fs.existsSync(cli)) {
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('tilsyn user add', () => {
  it('creates the municipality and its administrator on an empty database, who can then sign in', async () => {
    const dir = migratedDataDir(path.join(tmp, 'first'));
    const added = await tilsyn(
      ['user', 'add', '--email', 'it@testby.dk', '--role', 'admin', '--municipality', 'testby', '--name', 'IT-afdelingen'],
      dir,
      `${password}\n`,
    );
    expect(added.stderr).toContain('Added it@testby.dk as admin (and created the municipality)');
    expect(added.code).toBe(0);
    const engine = await openEngine({ dataDir: dir });
    try {
      const rows = await queryRows<{ role: string; hash: string; slug: string; via: string }>(
        engine.db,
        sql`select r.role, c.password_hash as hash, m.slug, a.via from users u join user_roles r on r.user_id = u.id join user_credentials c on c.user_id = u.id
             join municipalities m on m.id = u.municipality_id join audit_entries a on a.resource_id = u.id where u.email = 'it@testby.dk'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ role: 'admin', slug: 'testby', via: 'cli' });
      expect(rows[0]!.hash).toMatch(/^\$argon2id\$/);
      const trail = await queryRows<{ after: unknown }>(engine.db, sql`select after from change_log`);
      expect(JSON.stringify(trail)).not.toContain(password);
    } finally {
      await engine.close();
    }
    expect(await signIn(dir, 'it@testby.dk', password)).toBe(200);
    expect(await signIn(dir, 'it@testby.dk', 'forkert-adgangskode')).toBe(401);
  });

  it('refuses a short password, a department role without a department and a taken e-mail, and adds nothing', async () => {
    const dir = migratedDataDir(path.join(tmp, 'refusals'));
    expect((await tilsyn(['user', 'add', '--email', 'a@b.dk', '--role', 'admin'], dir, 'kort\n')).code).toBe(2);
    const noDept = await tilsyn(['user', 'add', '--email', 'a@b.dk', '--role', 'departmentCoordinator'], dir, `${password}\n`);
    expect(noDept.code).toBe(2);
    expect(noDept.stderr).toContain('needs --department');
    expect((await tilsyn(['user', 'add', '--email', 'a@b.dk', '--role', 'ruler'], dir, `${password}\n`)).code).toBe(2);
    expect((await tilsyn(['user', 'add', '--email', 'a@b.dk', '--role', 'admin'], dir, `${password}\n`)).code).toBe(0);
    const again = await tilsyn(['user', 'add', '--email', 'A@B.dk', '--role', 'auditor'], dir, `${password}\n`);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has an account');
    const engine = await openEngine({ dataDir: dir });
    try {
      const [row] = await queryRows<{ users: number; municipalities: number }>(
        engine.db,
        sql`select (select count(*)::int from users) as users, (select count(*)::int from municipalities) as municipalities`,
      );
      expect(row).toEqual({ users: 1, municipalities: 1 });
    } finally {
      await engine.close();
    }
  });

  it('creates a municipality only on an empty database: an unknown --municipality elsewhere is refused, pointing to "tilsyn municipality add"', async () => {
    const dir = migratedDataDir(path.join(tmp, 'typo'));
    expect((await tilsyn(['user', 'add', '--email', 'it@nordby.dk', '--role', 'admin', '--municipality', 'nordby'], dir, `${password}\n`)).code).toBe(0);
    const state = async () => {
      const engine = await openEngine({ dataDir: dir });
      try {
        return await queryRows(
          engine.db,
          sql`select (select string_agg(slug, ',' order by slug) from municipalities) as slugs, (select string_agg(email, ',' order by email) from users) as emails, (select count(*)::int from audit_entries) as entries`,
        );
      } finally {
        await engine.close();
      }
    };
    const before = await state();
    const typo = await tilsyn(['user', 'add', '--email', 'revisor@nordby.dk', '--role', 'auditor', '--municipality', 'nordbyy'], dir, `${password}\n`);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('No municipality "nordbyy" (there are: nordby)');
    expect(typo.stderr).toContain('tilsyn municipality add --slug nordbyy');
    expect(await state()).toEqual(before);
    // The municipality that exists takes the user.
    const right = await tilsyn(['user', 'add', '--email', 'revisor@nordby.dk', '--role', 'auditor', '--municipality', 'nordby'], dir, `${password}\n`);
    expect(right.stderr).not.toContain('created the municipality');
    expect(right.code).toBe(0);
  });
});

describe('TILSYN_ADMIN_EMAIL / TILSYN_ADMIN_PASSWORD', () => {
  it('creates the first administrator on a database without users, and only then', async () => {
    const ctx = await createTestContext();
    try {
      expect(await bootstrapAdmin(ctx.engine, { email: 'admin@kommune.dk', password, municipality: null })).toBe(true);
      expect(await bootstrapAdmin(ctx.engine, { email: 'other@kommune.dk', password, municipality: null })).toBe(false);
      const login = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'admin@kommune.dk', password }),
      });
      expect(login.statusCode).toBe(200);
      const [row] = await queryRows<{ n: number }>(ctx.engine.db, sql`select count(*)::int as n from users`);
      expect(row!.n).toBe(1);
    } finally {
      await ctx.close();
    }
  });
});
