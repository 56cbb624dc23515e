import fs from 'node:fs';
import path from 'node:path';
import { LOCALES, type Locale } from '../../domain/i18n.js';
import type { Database } from '../../server/db/engine.js';
import { answerKinds } from '../../server/db/schema/values.js';
import type { Edition } from '../../server/documents/model.js';
import { DOCUMENT_FORMATS, fileNameOf, renderDocument, type DocumentFormat } from '../../server/documents/render.js';
import { documentsRepository as repo } from '../../server/modules/documents/repository.js';
import { createDocumentsService, type ScopeInput } from '../../server/modules/documents/service.js';
import { cliActor } from '../actor.js';
import { UsageError, withDatabase, type Command, type Values } from '../command.js';

const HELP = `Usage: tilsyn report <kind> --municipality <slug> [options]

Makes a document for committees, councils or the auditors, the same file the web app's
download buttons give.

Kinds:
  followup   the follow-up report of a round: --round <name or id>
             [--committee <code> | --department <code>] (default: the whole municipality)
  answer     an answer document to the auditors: --plan <id> --kind yttrande|uppfoljandeYttrande|reply
  council    the council decision sheet of an audit report: --report <id or title>
  list       the rounds, audit reports and answer documents of the municipality, with their ids

Options:
  --municipality <slug>          the municipality (required)
  --format pdf|docx|xlsx         default: from --out's extension, else pdf (answer: pdf or docx)
  --lang da|sv|en                default: the municipality's language
  --edition internal|public      default: internal; public leaves confidential findings out
  --out <file>                   default: the document's own file name here; "-" writes to stdout

Exit code: 0 on success, 1 when the round, report or plan is not found, 2 for wrong arguments.`;

const KINDS = ['followup', 'answer', 'council', 'list'] as const;

function pick<T extends string>(value: unknown, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`, 'report');
  return value as T;
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

async function list(db: Database, mid: string): Promise<string> {
  const [rounds, departments, committees] = await Promise.all([repo.roundsOf(db, mid), repo.departments(db, mid), repo.committees(db, mid)]);
  const reports = await repo.reportsOf(db, mid);
  const answers = await repo.answersOf(db, mid);
  const lines = ['Rounds:', ...rounds.map((r) => `  ${r.id}  ${r.name} (${r.kind}, ${r.opensOn} – ${r.dueOn})`)];
  lines.push('Audit reports:', ...reports.map((r) => `  ${r.id}  ${r.title} (${r.year})`));
  lines.push('Answer documents:', ...answers.map((a) => `  --plan ${a.planId} --kind ${a.kind}  (finding ${a.findingNumber}: ${a.findingTitle})`));
  lines.push('Committees:', ...committees.map((c) => `  ${c.code}  ${c.name}`));
  lines.push('Departments:', ...departments.map((d) => `  ${d.code}  ${d.name}`));
  return lines.join('\n');
}

export const report: Command = {
  name: 'report',
  help: HELP,
  options: {
    municipality: { type: 'string' },
    round: { type: 'string' },
    committee: { type: 'string' },
    department: { type: 'string' },
    plan: { type: 'string' },
    kind: { type: 'string' },
    report: { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string' },
    edition: { type: 'string' },
    out: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  async run(values: Values, positionals: string[]) {
    const kind = pick(positionals[0], KINDS, '<kind>')!;
    const slug = values.municipality;
    if (typeof slug !== 'string') throw new UsageError('--municipality is required', 'report');
    const lang = pick(values.lang, LOCALES, '--lang') as Locale | undefined;
    const edition: Edition = pick(values.edition, ['internal', 'public'] as const, '--edition') ?? 'internal';
    const out = typeof values.out === 'string' ? values.out : undefined;
    const fromExtension = out && out !== '-' ? (path.extname(out).slice(1).toLowerCase() as DocumentFormat) : undefined;
    const format: DocumentFormat =
      pick(values.format, DOCUMENT_FORMATS, '--format') ?? (fromExtension && DOCUMENT_FORMATS.includes(fromExtension) ? fromExtension : 'pdf');
    if (kind === 'answer' && format === 'xlsx') throw new UsageError('an answer document is made as pdf or docx', 'report');

    return withDatabase(async (engine) => {
      const db = engine.db;
      const actor = await cliActor(db, slug, 'report');
      const mid = actor.municipalityId;
      if (kind === 'list') {
        process.stdout.write(`${await list(db, mid)}\n`);
        return 0;
      }
      const svc = createDocumentsService(db);
      const opts = { lang, edition };
      let doc;
      if (kind === 'followup') {
        const round = values.round;
        if (typeof round !== 'string') throw new UsageError('followup needs --round <name or id>', 'report');
        const found = (await repo.roundsOf(db, mid)).find((r) => r.id === round || r.name.toLowerCase() === round.toLowerCase());
        if (!found) return fail(`no round "${round}" (see: tilsyn report list --municipality ${slug})`);
        let scope: ScopeInput = { kind: 'municipality' };
        if (typeof values.committee === 'string') {
          const c = (await repo.committees(db, mid)).find((x) => x.code.toLowerCase() === String(values.committee).toLowerCase());
          if (!c) return fail(`no committee with code "${values.committee}"`);
          scope = { kind: 'committee', id: c.id };
        } else if (typeof values.department === 'string') {
          const d = (await repo.departments(db, mid)).find((x) => x.code.toLowerCase() === String(values.department).toLowerCase());
          if (!d) return fail(`no department with code "${values.department}"`);
          scope = { kind: 'department', id: d.id };
        }
        doc = await svc.followUpReport(actor, found.id, scope, opts);
      } else if (kind === 'answer') {
        const plan = values.plan;
        const answerKind = pick(values.kind, answerKinds, '--kind');
        if (typeof plan !== 'string' || !isUuid(plan) || !answerKind)
          throw new UsageError('answer needs --plan <id> and --kind yttrande|uppfoljandeYttrande|reply', 'report');
        doc = await svc.answerDocument(actor, plan, answerKind, opts).catch(() => null);
        if (!doc) return fail(`no ${answerKind} for plan ${plan} (see: tilsyn report list --municipality ${slug})`);
      } else {
        const wanted = values.report;
        if (typeof wanted !== 'string') throw new UsageError('council needs --report <id or title>', 'report');
        const found = (await repo.reportsOf(db, mid)).find((r) => r.id === wanted || r.title.toLowerCase() === wanted.toLowerCase());
        if (!found) return fail(`no audit report "${wanted}" (see: tilsyn report list --municipality ${slug})`);
        doc = await svc.councilDecisionSheet(actor, found.id, opts);
      }
      const bytes = await renderDocument(doc, format);
      if (out === '-') {
        process.stdout.write(bytes);
      } else {
        const file = out ?? fileNameOf(doc.meta.title, format);
        fs.writeFileSync(file, bytes);
        process.stderr.write(`${file}: ${doc.meta.title} (${format}, ${bytes.length} bytes)\n`);
      }
      return 0;
    });
  },
};

function fail(message: string): number {
  process.stderr.write(`tilsyn report: ${message}\n`);
  return 1;
}
