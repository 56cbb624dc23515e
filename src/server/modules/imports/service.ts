import { type Clock, systemClock } from '../../clock.js';
import { createHash, randomUUID } from 'node:crypto';
import type { Locale } from '../../../domain/i18n.js';
import type { Actor } from '../../context.js';
import type { Database, Executor } from '../../db/engine.js';
import { detail, Problem, type FieldError } from '../../http/problem.js';
import { renderMessage } from '../../i18n/messages.js';
import { runCommand } from '../../unit-of-work.js';
import { refusalProblem, WorkbookRefused } from '../../xlsx/safe-workbook.js';
import { findingReads } from '../findings/index.js';
import { planReads } from '../plans/reads.js';
import { tenancyReads } from '../tenancy/reads.js';
import { applyImport } from './apply.js';
import { MAX_IMPORT_BYTES } from './file.js';
import { fileIssue, parseWorkbook, type ImportIssue, type ParsedWorkbook } from './parse.js';
import { importPolicy as policy } from './policy.js';
import { buildTemplate } from './template.js';
import { countsOf, planImport, type ImportPlan, type World } from './validate.js';
import { uploadFileName } from '../attachments/sniff.js';

export interface ImportUpload {
  fileName: string;
  bytes: Buffer;
}

/** Where a refusal of the whole file is, in the shape of the import's issues. */
const FILE_ISSUE = { sheet: null, row: null, column: null, header: null, field: 'file' };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The report titles and years a file names, to load only their findings. */
function reportKeysOf(parsed: ParsedWorkbook): Set<string> {
  const keys = new Set<string>();
  for (const sheet of Object.values(parsed.sheets)) {
    for (const row of sheet.rows) {
      const title = row.values.get('reportTitle');
      const year = row.values.get('reportYear');
      if (typeof title === 'string' && typeof year === 'number') keys.add(`${norm(title)}|${year}`);
    }
  }
  return keys;
}

/** The municipality's data an import can touch, read through the findings, plans and tenancy repositories. */
async function loadWorld(ex: Executor, actor: Pick<Actor, 'municipalityId' | 'language' | 'today'>, parsed: ParsedWorkbook): Promise<World> {
  const mid = actor.municipalityId;
  const keys = reportKeysOf(parsed);
  const departments = await tenancyReads.departments(ex, mid);
  const users = await tenancyReads.users(ex, mid);
  const reports = await findingReads.listReports(ex, mid);
  const named = reports.filter((r) => keys.has(`${norm(r.title)}|${r.year}`));
  // The municipality's local date by the injected clock (what is overdue), not UTC's
  const today = actor.today;
  const findings = [];
  for (const r of named) {
    const { rows } = await findingReads.listFindings(ex, mid, { reportId: r.id, today, language: actor.language }, { limit: 100_000, offset: 0 });
    findings.push(...rows);
  }
  const findingIds = findings.map((f) => f.id);
  const recommendations = await findingReads.recommendationsOf(ex, mid, findingIds);
  const parts = await findingReads.departmentsOf(ex, mid, findingIds);
  const ids = new Set(findingIds);
  const plans = (await planReads.allPlans(ex, mid)).filter((p) => p.findingId !== null && ids.has(p.findingId));
  const measures = await planReads.measuresOf(
    ex,
    mid,
    plans.map((p) => p.id),
  );
  const links = await planReads.linksOf(
    ex,
    mid,
    measures.map((m) => m.id),
  );
  return {
    departments: departments.map((d) => ({ id: d.id, code: d.code })),
    users: users.map((u) => ({ id: u.id, email: u.email, active: u.active })),
    reports,
    findings,
    recommendations,
    parts,
    plans,
    measures,
    links,
  };
}

function reportOf(plan: Pick<ImportPlan, 'rows' | 'issues'>, fileName: string, dryRun: boolean, applied: boolean) {
  return { dryRun, applied, fileName, counts: countsOf(plan.rows), rows: plan.rows, errors: plan.issues };
}

export type ImportReportDto = ReturnType<typeof reportOf>;

/** 422 for an apply the file's errors stop: every error, with its sheet, row and column. */
function refused(issues: ImportIssue[], plan: Pick<ImportPlan, 'rows'>): Problem {
  const errors = issues.map((i) => ({ ...i }) satisfies FieldError);
  return new Problem(422, 'validation', detail('imports.refused', { count: issues.length }), errors, { counts: countsOf(plan.rows) });
}

export interface TemplateFile {
  fileName: string;
  bytes: Buffer;
}

export function createImportService(db: Database, opts: { maxImportBytes?: number; clock?: Clock } = {}) {
  const clock = opts.clock ?? systemClock;
  const maxBytes = opts.maxImportBytes ?? MAX_IMPORT_BYTES;

  return {
    maxBytes,

    /** Refuses a caller who may not import before the upload is read. */
    authorizeImport: (actor: Actor) => policy.import(actor),

    /** The .xlsx template in the given language (default: the municipality's), listing its departments. */
    async template(actor: Actor, lang?: Locale): Promise<TemplateFile> {
      policy.template(actor);
      const municipality = await tenancyReads.municipality(db, actor.municipalityId);
      const locale = lang ?? municipality?.language ?? actor.language;
      const departments = await tenancyReads.departments(db, actor.municipalityId);
      const bytes = await buildTemplate({ locale, departments: departments.map((d) => ({ code: d.code, name: d.name })) });
      const base = renderMessage(locale, 'imports.templateFileName');
      return { fileName: `${base}-${municipality?.slug ?? 'kommune'}.xlsx`, bytes };
    },

    /** The issue for a file over the size limit (the route stops reading at the limit). */
    tooLarge: (actor: Actor) => fileIssue({ code: 'import.tooLarge', limitMb: maxBytes / (1024 * 1024) }, actor.locale),

    /**
     * Checks a workbook and reports what it would create and update, with every error; with
     * `dryRun: false` and no errors, applies it in one transaction with one audit entry. An apply
     * with errors is a 422 listing them, and writes nothing.
     */
    async importFindings(actor: Actor, upload: ImportUpload, { dryRun }: { dryRun: boolean }): Promise<ImportReportDto> {
      policy.import(actor);
      upload = { ...upload, fileName: uploadFileName(upload.fileName, 'upload.xlsx') };
      const parsed = await parseWorkbook(upload.bytes, actor.locale, maxBytes).catch((err: unknown) => {
        // A bomb or an XML declaration: 413/422 for the dry run and the apply alike, before any transaction.
        throw err instanceof WorkbookRefused ? refusalProblem(err, actor.locale, FILE_ISSUE) : err;
      });
      // A file that could not be read at all has nothing to compare with the database.
      const check = async (ex: Executor) =>
        parsed.issues.some((i) => i.sheet === null)
          ? { rows: [], issues: parsed.issues }
          : planImport(parsed, await loadWorld(ex, actor, parsed), actor.locale);
      if (dryRun) return reportOf(await check(db), upload.fileName, true, false);
      if (parsed.issues.length) {
        // Errors in the file itself: refuse before opening a transaction (listing the others too).
        const plan = await check(db);
        throw refused(plan.issues, plan);
      }
      return runCommand(db, actor, async (tx, changes) => {
        const plan = planImport(parsed, await loadWorld(tx, actor, parsed), actor.locale);
        if (plan.issues.length) throw refused(plan.issues, plan);
        const report = reportOf(plan, upload.fileName, false, true);
        const changed = plan.rows.some((r) => r.action !== 'unchanged');
        if (changed) {
          await changes.record({
            resource: 'import',
            resourceId: randomUUID(),
            action: 'findingsXlsx',
            after: {
              fileName: upload.fileName,
              sizeBytes: upload.bytes.length,
              sha256: createHash('sha256').update(upload.bytes).digest('hex'),
              counts: report.counts,
            },
          });
          await applyImport(tx, changes, actor, plan, clock.now());
        }
        return report;
      });
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
