// From an event to its mail: central coordination asks a department for an action plan (POST
// /api/v1/findings/{id}/plan-requests, through the real app with its job queue), and the
// department's two coordinators get a mail each from a real SMTP server (smtp-server) started here.
// Printed beside it, the request alone (what the person who acted waits for) as the reference.
// The event's mail goes through the queue: the request's success asks for delivery, so no
// periodic minute is waited for. On PGlite and on PostgreSQL (the local server, or DATABASE_URL).
// Needs `npm run build`. Usage: node bench/event-mail.mjs [--runs N]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../dist/server/app.js';
import { openEngine } from '../dist/server/db/engine.js';
import * as s from '../dist/server/db/schema/index.js';
import { sha256 } from '../dist/server/modules/auth/secrets.js';
import { freshDatabase } from './fresh-database.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);

const received = [];
const smtp = new SMTPServer({
  authOptional: true,
  hideSTARTTLS: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received.push({ at: performance.now(), to: session.envelope.rcptTo.map((r) => r.address) });
      callback();
    });
  },
});
await new Promise((r) => smtp.listen(0, '127.0.0.1', r));
const smtpUrl = `smtp://127.0.0.1:${smtp.server.address().port}`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(kind) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-bench-mail-'));
  const fresh = kind === 'postgres' ? await freshDatabase(`tilsyn_bench_mail_${process.pid}`) : null;
  const engine = await openEngine(fresh ? { databaseUrl: fresh.url } : { dataDir: path.join(dir, 'data') });
  const app = await buildApp({
    engine,
    config: {
      logLevel: 'silent',
      dataDir: dir,
      mail: { smtpUrl, from: 'Tilsyn <tilsyn@bench.example>', replyTo: null, publicUrl: 'https://tilsyn.bench.example' },
    },
  });
  try {
    const db = engine.db;
    const [m] = await db
      .insert(s.municipalities)
      .values({ slug: 'bench', name: 'Benchmark kommune', language: 'da', vocabulary: 'DK', currency: 'DKK' })
      .returning();
    const [dep] = await db.insert(s.departments).values({ municipalityId: m.id, code: 'BUF', name: 'Børn og Unge' }).returning();
    const user = async (email, role, departmentId = null) => {
      const [u] = await db.insert(s.users).values({ municipalityId: m.id, name: email, email }).returning();
      await db.insert(s.userRoles).values({ municipalityId: m.id, userId: u.id, role, departmentId });
      return u.id;
    };
    const centralId = await user('central@bench.example', 'centralCoordinator');
    await user('bo@bench.example', 'departmentCoordinator', dep.id);
    await user('sara@bench.example', 'departmentCoordinator', dep.id);
    const token = `tls_${randomBytes(24).toString('base64url')}`;
    await db.insert(s.apiTokens).values({
      municipalityId: m.id,
      userId: centralId,
      name: 'bench',
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      scopes: ['read', 'write'],
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const api = async (method, p, body) => {
      const res = await app.inject({ method, url: `/api/v1${p}`, headers: { authorization: `Bearer ${token}` }, payload: body });
      return { status: res.statusCode, body: res.json() };
    };
    const report = await api('POST', '/reports', { title: 'Beretning', auditor: 'Revision', year: 2025, kind: 'annualAccounts' });
    const requestMs = [];
    const mailMs = [];
    for (let i = 0; i < runs + 1; i++) {
      const finding = await api('POST', `/reports/${report.body.id}/findings`, {
        number: i + 1,
        title: 'Adgange',
        departments: [dep.id],
        recommendations: ['Gennemgå'],
      });
      const before = received.length;
      const t0 = performance.now();
      const asked = await api('POST', `/findings/${finding.body.id}/plan-requests`, { departmentIds: [dep.id], dueOn: '2030-04-01' });
      const t1 = performance.now();
      if (asked.status !== 200) throw new Error(JSON.stringify(asked.body));
      while (received.length < before + 2) await new Promise((r) => setTimeout(r, 2));
      if (i === 0) continue; // warm-up
      requestMs.push(t1 - t0);
      mailMs.push(received[before + 1].at - t0);
    }
    return { kind, request: median(requestMs), mail: median(mailMs) };
  } finally {
    await app.close();
    await engine.close();
    await fresh?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [await measure('pglite'), await measure('postgres')];
smtp.close();
console.log(`\nmedian of ${runs}: the plan request, and from it until the second coordinator's mail was received\n`);
console.log('| engine | the request (reference) | event → both mails | ratio |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.kind} | ${r.request.toFixed(0)} ms | ${r.mail.toFixed(0)} ms | ${(r.mail / r.request).toFixed(1)} |`);
