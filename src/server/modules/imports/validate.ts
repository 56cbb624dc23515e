import type { Locale } from '../../../domain/i18n.js';
import type { FindingDepartmentRow, FindingRow, RecommendationRow, ReportRow } from '../findings/index.js';
import type { MeasureRow, PlanHeader } from '../plans/reads.js';
import type { SheetKey } from './columns.js';
import type { Params } from '../../i18n/catalogue.js';
import {
  importMessage,
  issueAt,
  type CellRef,
  type CellValue,
  type DeadlineValue,
  type ImportIssue,
  type ImportMessageCode,
  type ParsedRow,
  type ParsedWorkbook,
} from './parse.js';

/**
 * What an import would do, worked out without I/O from the parsed file and a snapshot of the
 * municipality's data: for every row, the entity it creates or updates (or leaves as it is), and
 * every rule it breaks. The same function runs for the dry run and, again inside the apply's
 * transaction, on a fresh snapshot.
 *
 * Identity (documented on the template's instructions sheet): a report is its title (letter case
 * and spacing ignored) and year; a finding is its report and number; a recommendation its finding
 * and number; a plan its finding and department; a measure its plan and number. A row whose key
 * exists updates that entity, otherwise it creates one, so importing the same file twice changes
 * nothing the second time. An empty cell keeps what Tilsyn has; the import never deletes.
 */

export type Entity = 'report' | 'finding' | 'recommendation' | 'plan' | 'measure';
export type Action = 'create' | 'update' | 'unchanged';

export interface World {
  departments: { id: string; code: string }[];
  users: { id: string; email: string; active: boolean }[];
  reports: ReportRow[];
  /** Findings of the reports the file names (others are never touched). */
  findings: FindingRow[];
  recommendations: RecommendationRow[];
  parts: FindingDepartmentRow[];
  plans: PlanHeader[];
  measures: MeasureRow[];
  links: { measureId: string; recommendationId: string; number: number }[];
}

export interface RowOutcome {
  sheet: string;
  row: number;
  entity: Entity;
  action: Action;
  key: string;
  /** Headers (as the file writes them) of the columns whose value changes. */
  changes: string[];
}

type ReportKind = ReportRow['kind'];
type Grade = NonNullable<FindingRow['grade']>;

export interface ReportOp {
  key: string;
  action: Action;
  existing: ReportRow | null;
  values: { title: string; year: number; kind?: ReportKind; auditor?: string; receivedOn?: string };
}

export interface FindingOp {
  key: string;
  reportKey: string;
  action: Action;
  existing: FindingRow | null;
  values: {
    number: number;
    title?: string;
    observations?: string;
    risks?: string;
    grade?: Grade;
    confidential?: boolean;
    confidentialBasis?: string | null;
    repeatOfEarlierYears?: boolean;
    caseNumber?: string;
  };
  /** The affected departments when set by the file (create, or a change). */
  departments: { all: boolean; ids: string[] } | null;
  /** Parts to remove from an existing finding. */
  removedDepartmentIds: string[];
}

export interface RecommendationOp {
  findingKey: string;
  number: number;
  text: string;
  action: Action;
  existing: RecommendationRow | null;
}

export interface PlanOp {
  key: string;
  findingKey: string;
  departmentId: string;
  action: Action;
  existing: PlanHeader | null;
  values: { crossCutting: boolean; problem?: string; extent?: string; overallDeadline?: DeadlineValue };
}

export interface MeasureOp {
  planKey: string;
  findingKey: string;
  number: string;
  action: Action;
  existing: MeasureRow | null;
  values: {
    title?: string;
    text?: string;
    followUpPoint?: string;
    expectedEffect?: string;
    responsibleUnit?: string;
    responsiblePerson?: string;
    ownerUserId?: string;
  };
  deadline?: DeadlineValue;
  /** Recommendation numbers it addresses, when the file says (replaces the current links). */
  recommendationNumbers?: number[];
}

export interface ImportPlan {
  rows: RowOutcome[];
  issues: ImportIssue[];
  reports: ReportOp[];
  findings: FindingOp[];
  recommendations: RecommendationOp[];
  plans: PlanOp[];
  measures: MeasureOp[];
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const SEP = '\u0000';

interface ReportDraft {
  key: string;
  title: string;
  year: number;
  row: ParsedRow;
  fields: Map<string, { value: CellValue; row: ParsedRow }>;
  /** Resolved: the report in Tilsyn (null: new), or undefined when it cannot be resolved. */
  existing?: ReportRow | null;
}

interface FindingTarget {
  key: string;
  display: string;
  reportExistingId: string | null;
  existing: FindingRow | null;
  /** Department ids the finding will have after the import. */
  departmentIds: string[];
  /** Recommendation numbers it will have after the import. */
  recommendationNumbers: Set<number>;
  /** The file's departments cell of the finding had an error: its plans' departments are not checked against it. */
  departmentsUnclear?: boolean;
}

interface PlanDraft {
  key: string;
  target: FindingTarget;
  departmentId: string;
  departmentCode: string;
  row: ParsedRow;
  fields: Map<string, { value: CellValue; row: ParsedRow }>;
  measures: MeasureDraft[];
}

interface MeasureDraft {
  row: ParsedRow;
  number: string;
}

const show = (v: CellValue): string => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v.text : Array.isArray(v) ? v.join(', ') : String(v));

const same = (a: CellValue, b: CellValue): boolean => show(a) === show(b);

export function planImport(parsed: ParsedWorkbook, world: World, locale: Locale): ImportPlan {
  const issues: ImportIssue[] = [...parsed.issues];
  const rows: RowOutcome[] = [];
  const out: ImportPlan = { rows, issues, reports: [], findings: [], recommendations: [], plans: [], measures: [] };
  const err = (ref: CellRef, code: ImportMessageCode, params: Params = {}) => issues.push(issueAt(ref, code, importMessage(code, locale, params)));

  const deptByCode = new Map(world.departments.map((d) => [norm(d.code), d]));
  const allCodes = world.departments.map((d) => d.code);
  const codeOf = new Map(world.departments.map((d) => [d.id, d.code]));
  const userByEmail = new Map(world.users.map((u) => [norm(u.email), u]));

  /** A value of the row; a missing required one is reported (unless the cell was unreadable). */
  function need<T extends CellValue>(row: ParsedRow, key: string, what?: 'report' | 'finding' | 'measure' | 'plan' | 'recommendation'): T | undefined {
    const v = row.values.get(key) as T | undefined;
    if (v === undefined && !row.invalid.has(key)) {
      if (what) err(row.ref(key), 'cell.requiredNew', { what });
      else err(row.ref(key), 'cell.required');
    }
    return v;
  }
  const opt = <T extends CellValue>(row: ParsedRow, key: string) => row.values.get(key) as T | undefined;

  /** The first row's value of a repeated field wins; a different value in a later row is an error. */
  function merge(fields: Map<string, { value: CellValue; row: ParsedRow }>, row: ParsedRow, key: string, code: 'report.conflict' | 'plan.conflict') {
    const v = row.values.get(key);
    if (v === undefined) return;
    const first = fields.get(key);
    if (!first) fields.set(key, { value: v, row });
    else if (!same(first.value, v)) err(row.ref(key), code, { first: show(first.value), other: first.row.row });
  }

  // Reports and findings (the Findings sheet) --------------------------------------------------

  const reports = new Map<string, ReportDraft>();
  const findingRows = new Map<string, { row: ParsedRow; reportKey: string; number: number }>();
  for (const row of parsed.sheets.findings?.rows ?? []) {
    const title = need<string>(row, 'reportTitle');
    const year = need<number>(row, 'reportYear');
    const number = need<number>(row, 'findingNumber');
    need<string>(row, 'title');
    if (title === undefined || year === undefined) continue;
    const reportKey = `${norm(title)}${SEP}${year}`;
    let report = reports.get(reportKey);
    if (!report) reports.set(reportKey, (report = { key: reportKey, title, year, row, fields: new Map() }));
    for (const k of ['reportKind', 'auditor', 'receivedOn']) merge(report.fields, row, k, 'report.conflict');
    if (number === undefined) continue;
    const findingKey = `${reportKey}${SEP}${number}`;
    const earlier = findingRows.get(findingKey);
    if (earlier) {
      err(row.ref('findingNumber'), 'finding.duplicate', { number, other: earlier.row.row });
      continue;
    }
    findingRows.set(findingKey, { row, reportKey, number });
  }

  const reportDisplay = (r: { title: string; year: number }) => `${r.title} (${r.year})`;
  const matchReports = (title: string, year: number) => world.reports.filter((r) => r.year === year && norm(r.title) === norm(title));

  for (const report of reports.values()) {
    const matches = matchReports(report.title, report.year);
    if (matches.length > 1) {
      err(report.row.ref('reportTitle'), 'report.ambiguous', { count: matches.length });
      continue;
    }
    const existing = matches[0] ?? null;
    report.existing = existing;
    const kind = report.fields.get('reportKind')?.value as ReportKind | undefined;
    const auditor = report.fields.get('auditor')?.value as string | undefined;
    const receivedOn = report.fields.get('receivedOn')?.value as string | undefined;
    const changes: string[] = [];
    const values: ReportOp['values'] = { title: existing?.title ?? report.title, year: report.year };
    if (!existing) {
      if (kind === undefined && !report.row.invalid.has('reportKind')) err(report.row.ref('reportKind'), 'cell.requiredNew', { what: 'report' });
      if (auditor === undefined && !report.row.invalid.has('auditor')) err(report.row.ref('auditor'), 'cell.requiredNew', { what: 'report' });
    }
    const set = <K extends 'kind' | 'auditor' | 'receivedOn'>(field: K, column: string, value: ReportOp['values'][K] | undefined, current: unknown) => {
      if (value === undefined) return;
      values[field] = value;
      if (existing && value !== current) changes.push(report.row.ref(column).header);
    };
    set('kind', 'reportKind', kind, existing?.kind);
    set('auditor', 'auditor', auditor, existing?.auditor);
    set('receivedOn', 'receivedOn', receivedOn, existing?.receivedOn);
    const action: Action = !existing ? 'create' : changes.length ? 'update' : 'unchanged';
    out.reports.push({ key: report.key, action, existing, values });
    rows.push({ sheet: report.row.sheetName, row: report.row.row, entity: 'report', action, key: reportDisplay(values), changes });
  }

  const targets = new Map<string, FindingTarget>();

  for (const [findingKey, { row, reportKey, number }] of findingRows) {
    const report = reports.get(reportKey)!;
    if (report.existing === undefined) continue; // ambiguous report, already reported
    const existing = report.existing ? (world.findings.find((f) => f.reportId === report.existing!.id && f.number === number) ?? null) : null;
    const parts = existing ? world.parts.filter((p) => p.findingId === existing.id) : [];
    const changes: string[] = [];
    const values: FindingOp['values'] = { number };
    const header = (k: string) => row.ref(k).header;
    const field = <K extends keyof FindingOp['values']>(key: K, column: string, current: unknown) => {
      const v = opt<NonNullable<FindingOp['values'][K]> & CellValue>(row, column);
      if (v === undefined) return;
      values[key] = v;
      if (existing && v !== current) changes.push(header(column));
    };
    field('title', 'title', existing?.title);
    field('observations', 'observations', existing?.observations);
    field('risks', 'risks', existing?.risks);
    field('grade', 'grade', existing?.grade);
    field('repeatOfEarlierYears', 'repeat', existing?.repeatOfEarlierYears);
    field('caseNumber', 'caseNumber', existing?.caseNumber);

    // Confidentiality: a confidential finding needs its legal basis; a public one keeps none.
    const confidentialCell = opt<boolean>(row, 'confidential');
    const basisCell = opt<string>(row, 'confidentialBasis');
    const confidential = confidentialCell ?? existing?.confidential ?? false;
    const basis = confidential ? (basisCell ?? existing?.confidentialBasis ?? null) : null;
    if (confidential && !basis && !row.invalid.has('confidentialBasis')) {
      const ref = row.ref('confidentialBasis').column ? row.ref('confidentialBasis') : row.ref('confidential');
      err(ref, 'finding.confidentialBasisRequired');
    }
    if (!existing || confidential !== existing.confidential) values.confidential = confidential;
    if (existing && confidential !== existing.confidential) changes.push(header('confidential'));
    if (!existing || basis !== existing.confidentialBasis) values.confidentialBasis = basis;
    if (existing && basis !== existing.confidentialBasis) changes.push(header('confidentialBasis'));

    // Affected departments
    const departmentsCell = existing ? opt<string[] | 'ALL'>(row, 'departments') : need<string[] | 'ALL'>(row, 'departments', 'finding');
    let departments: FindingOp['departments'] = null;
    let removed: string[] = [];
    let finalIds = parts.map((p) => p.departmentId);
    if (departmentsCell !== undefined) {
      let ids: string[] = [];
      if (departmentsCell === 'ALL') ids = world.departments.map((d) => d.id);
      else {
        const unknown = departmentsCell.filter((c) => !deptByCode.has(norm(c)));
        if (unknown.length) err(row.ref('departments'), 'department.unknown', { code: unknown.join(', '), codes: allCodes.join(', ') });
        ids = [...new Set(departmentsCell.flatMap((c) => deptByCode.get(norm(c))?.id ?? []))];
      }
      const all = departmentsCell === 'ALL';
      const current = new Set(parts.map((p) => p.departmentId));
      const differs = !existing || all !== existing.allDepartments || ids.length !== current.size || ids.some((id) => !current.has(id));
      if (differs) {
        departments = { all, ids };
        if (existing) {
          changes.push(header('departments'));
          const gone = parts.filter((p) => !ids.includes(p.departmentId));
          const withPlan = gone.filter((p) => !['received', 'assigned'].includes(p.state));
          if (withPlan.length) err(row.ref('departments'), 'finding.departmentHasPlan', { codes: withPlan.map((p) => p.code).join(', ') });
          removed = gone.map((p) => p.departmentId);
        }
      }
      finalIds = ids;
    }

    const action: Action = !existing ? 'create' : changes.length ? 'update' : 'unchanged';
    const display = `${reportDisplay({ title: existing ? report.existing!.title : report.title, year: report.year })} · ${number}`;
    out.findings.push({ key: findingKey, reportKey, action, existing, values, departments, removedDepartmentIds: removed });
    rows.push({ sheet: row.sheetName, row: row.row, entity: 'finding', action, key: display, changes });
    const recs = existing ? world.recommendations.filter((r) => r.findingId === existing.id).map((r) => r.number) : [];
    const departmentsUnclear = row.invalid.has('departments') || (Array.isArray(departmentsCell) && departmentsCell.some((c) => !deptByCode.has(norm(c))));
    targets.set(findingKey, {
      key: findingKey,
      display,
      reportExistingId: report.existing?.id ?? null,
      existing,
      departmentIds: finalIds,
      recommendationNumbers: new Set(recs),
      departmentsUnclear,
    });
  }

  /** The finding a row of the Recommendations or Plans sheet is about: from the file, else from Tilsyn. */
  function targetOf(row: ParsedRow): FindingTarget | null {
    const title = opt<string>(row, 'reportTitle');
    const year = opt<number>(row, 'reportYear');
    const number = need<number>(row, 'findingNumber');
    if (row.invalid.has('reportTitle') || row.invalid.has('reportYear')) return null;
    let reportKey: string;
    let reportTitle: string;
    let reportYear: number;
    if (title === undefined && year === undefined) {
      if (reports.size !== 1) {
        err(row.ref('reportTitle'), 'report.missing');
        return null;
      }
      const only = [...reports.values()][0]!;
      [reportKey, reportTitle, reportYear] = [only.key, only.title, only.year];
    } else if (title === undefined || year === undefined) {
      err(row.ref(title === undefined ? 'reportTitle' : 'reportYear'), 'cell.required');
      return null;
    } else [reportKey, reportTitle, reportYear] = [`${norm(title)}${SEP}${year}`, title, year];
    if (number === undefined) return null;
    const findingKey = `${reportKey}${SEP}${number}`;
    const known = targets.get(findingKey);
    if (known) return known;
    if (reports.has(reportKey) && reports.get(reportKey)!.existing === undefined) return null; // ambiguous, reported
    if (findingRows.has(findingKey)) return null; // its row has errors, reported
    const matches = matchReports(reportTitle, reportYear);
    if (matches.length > 1) {
      err(row.ref('reportTitle'), 'report.ambiguous', { count: matches.length });
      return null;
    }
    const report = matches[0];
    const existing = report ? world.findings.find((f) => f.reportId === report.id && f.number === number) : undefined;
    if (!report || !existing) {
      err(row.ref('findingNumber'), 'finding.unknown', { number, report: reportDisplay({ title: report?.title ?? reportTitle, year: reportYear }) });
      return null;
    }
    const target: FindingTarget = {
      key: findingKey,
      display: `${reportDisplay(report)} · ${number}`,
      reportExistingId: report.id,
      existing,
      departmentIds: world.parts.filter((p) => p.findingId === existing.id).map((p) => p.departmentId),
      recommendationNumbers: new Set(world.recommendations.filter((r) => r.findingId === existing.id).map((r) => r.number)),
    };
    targets.set(findingKey, target);
    // A finding only referred to is neither created nor changed; it still needs an op for its id.
    out.findings.push({ key: findingKey, reportKey, action: 'unchanged', existing, values: { number }, departments: null, removedDepartmentIds: [] });
    return target;
  }

  // Recommendations ----------------------------------------------------------------------------

  const seenRecommendations = new Map<string, ParsedRow>();
  for (const row of parsed.sheets.recommendations?.rows ?? []) {
    const target = targetOf(row);
    const number = need<number>(row, 'number');
    const text = need<string>(row, 'text');
    if (!target || number === undefined) continue;
    const key = `${target.key}${SEP}${number}`;
    const earlier = seenRecommendations.get(key);
    if (earlier) {
      err(row.ref('number'), 'recommendation.duplicate', { number, other: earlier.row });
      continue;
    }
    seenRecommendations.set(key, row);
    target.recommendationNumbers.add(number);
    if (text === undefined) continue;
    const existing = target.existing ? (world.recommendations.find((r) => r.findingId === target.existing!.id && r.number === number) ?? null) : null;
    const action: Action = !existing ? 'create' : existing.text !== text ? 'update' : 'unchanged';
    out.recommendations.push({ findingKey: target.key, number, text, action, existing });
    rows.push({
      sheet: row.sheetName,
      row: row.row,
      entity: 'recommendation',
      action,
      key: `${target.display} · R${number}`,
      changes: action === 'update' ? [row.ref('text').header] : [],
    });
  }

  // Plans and measures -------------------------------------------------------------------------

  const planFields = ['crossCutting', 'problem', 'extent', 'overallDeadline'];
  const measureFields = [
    'measureTitle',
    'measureText',
    'deadline',
    'followUpPoint',
    'expectedEffect',
    'responsibleUnit',
    'responsiblePerson',
    'ownerEmail',
    'recommendations',
  ];
  const plans = new Map<string, PlanDraft>();
  for (const row of parsed.sheets.plans?.rows ?? []) {
    const target = targetOf(row);
    const code = need<string>(row, 'department');
    if (!target || code === undefined) continue;
    const department = deptByCode.get(norm(code));
    if (!department) {
      err(row.ref('department'), 'department.unknown', { code, codes: allCodes.join(', ') });
      continue;
    }
    const key = `${target.key}${SEP}${department.id}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = { key, target, departmentId: department.id, departmentCode: department.code, row, fields: new Map(), measures: [] }));
    for (const f of planFields) merge(plan.fields, row, f, 'plan.conflict');
    const number = opt<string>(row, 'measureNumber');
    const hasMeasure = number !== undefined || measureFields.some((f) => row.values.has(f) || row.invalid.has(f));
    if (!hasMeasure) continue;
    if (number === undefined) {
      need(row, 'measureNumber');
      continue;
    }
    const earlier = plan.measures.find((m) => m.number === number);
    if (earlier) {
      err(row.ref('measureNumber'), 'measure.duplicate', { number, other: earlier.row.row });
      continue;
    }
    plan.measures.push({ row, number });
  }

  for (const plan of plans.values()) {
    const { target, row } = plan;
    const existing = target.existing ? (world.plans.find((p) => p.findingId === target.existing!.id && p.departmentId === plan.departmentId) ?? null) : null;
    const value = <T extends CellValue>(k: string) => plan.fields.get(k)?.value as T | undefined;
    const header = (k: string) => (plan.fields.get(k)?.row ?? row).ref(k).header;
    const crossCuttingCell = value<boolean>('crossCutting');
    const crossCutting = crossCuttingCell ?? existing?.crossCutting ?? false;
    if (existing && crossCuttingCell !== undefined && crossCuttingCell !== existing.crossCutting) {
      err((plan.fields.get('crossCutting')?.row ?? row).ref('crossCutting'), 'plan.crossCuttingFixed');
    }
    if (!crossCutting && !target.departmentsUnclear && !target.departmentIds.includes(plan.departmentId)) {
      err(row.ref('department'), 'plan.departmentNotAffected', {
        code: plan.departmentCode,
        codes: target.departmentIds.map((id) => codeOf.get(id) ?? id).join(', '),
      });
    }
    const values: PlanOp['values'] = { crossCutting };
    const changes: string[] = [];
    const problem = value<string>('problem');
    const extent = value<string>('extent');
    const overall = value<DeadlineValue>('overallDeadline');
    if (problem !== undefined) {
      values.problem = problem;
      if (existing && problem !== existing.problem) changes.push(header('problem'));
    }
    if (extent !== undefined) {
      values.extent = extent;
      if (existing && extent !== existing.extent) changes.push(header('extent'));
    }
    if (overall !== undefined) {
      values.overallDeadline = overall;
      if (existing && overall.text !== existing.overallDeadline) changes.push(header('overallDeadline'));
    }
    const action: Action = !existing ? 'create' : changes.length ? 'update' : 'unchanged';
    const display = `${target.display} · ${plan.departmentCode}`;
    out.plans.push({ key: plan.key, findingKey: target.key, departmentId: plan.departmentId, action, existing, values });
    rows.push({ sheet: row.sheetName, row: row.row, entity: 'plan', action, key: display, changes });

    let measureChanges = 0;
    for (const m of plan.measures) {
      const mrow = m.row;
      const current = existing ? (world.measures.find((x) => x.planId === existing.id && x.number === m.number) ?? null) : null;
      const mchanges: string[] = [];
      const mvalues: MeasureOp['values'] = {};
      const title = current ? opt<string>(mrow, 'measureTitle') : need<string>(mrow, 'measureTitle', 'measure');
      const text = <K extends keyof MeasureOp['values']>(key: K, column: string, now: string | null | undefined) => {
        const v = key === 'title' ? title : opt<string>(mrow, column);
        if (v === undefined) return;
        mvalues[key] = v;
        if (current && v !== now) mchanges.push(mrow.ref(column).header);
      };
      text('title', 'measureTitle', current?.title);
      text('text', 'measureText', current?.text);
      text('followUpPoint', 'followUpPoint', current?.followUpPoint);
      text('expectedEffect', 'expectedEffect', current?.expectedEffect);
      text('responsibleUnit', 'responsibleUnit', current?.responsibleUnit);
      text('responsiblePerson', 'responsiblePerson', current?.responsiblePerson);
      const deadline = opt<DeadlineValue>(mrow, 'deadline');
      if (deadline !== undefined && current && deadline.text !== current.deadline) mchanges.push(mrow.ref('deadline').header);
      const email = opt<string>(mrow, 'ownerEmail');
      if (email !== undefined) {
        const user = userByEmail.get(norm(email));
        if (!user) err(mrow.ref('ownerEmail'), 'user.unknown', { email });
        else if (!user.active) err(mrow.ref('ownerEmail'), 'user.inactive', { email });
        else {
          mvalues.ownerUserId = user.id;
          if (current && user.id !== current.ownerUserId) mchanges.push(mrow.ref('ownerEmail').header);
        }
      }
      const recNumbers = opt<number[]>(mrow, 'recommendations');
      if (recNumbers !== undefined) {
        const unknown = recNumbers.filter((n) => !target.recommendationNumbers.has(n));
        if (unknown.length) {
          err(mrow.ref('recommendations'), 'recommendation.unknown', {
            numbers: unknown.join(', '),
            known: [...target.recommendationNumbers].sort((a, b) => a - b).join(', '),
          });
        }
        if (current) {
          const linked = world.links.filter((l) => l.measureId === current.id).map((l) => l.number);
          if (linked.length !== recNumbers.length || recNumbers.some((n) => !linked.includes(n))) mchanges.push(mrow.ref('recommendations').header);
        }
      }
      const maction: Action = !current ? 'create' : mchanges.length ? 'update' : 'unchanged';
      if (maction !== 'unchanged') measureChanges++;
      out.measures.push({
        planKey: plan.key,
        findingKey: target.key,
        number: m.number,
        action: maction,
        existing: current,
        values: mvalues,
        ...(deadline !== undefined ? { deadline } : {}),
        ...(recNumbers !== undefined ? { recommendationNumbers: recNumbers } : {}),
      });
      rows.push({ sheet: mrow.sheetName, row: mrow.row, entity: 'measure', action: maction, key: `${display} · ${m.number}`, changes: mchanges });
    }
    if (existing?.state === 'submitted' && (action !== 'unchanged' || measureChanges > 0)) err(row.ref('department'), 'plan.locked');
  }

  // Errors in reading order: the file's first, then sheet by sheet, row by row, column by column.
  const sheetOrder = new Map(Object.values(parsed.sheets).map((sh) => [sh.name, ['findings', 'recommendations', 'plans'].indexOf(sh.spec.key)]));
  const rank = (i: ImportIssue) => [i.sheet === null ? -1 : (sheetOrder.get(i.sheet) ?? 9), i.row ?? 0, i.column?.length ?? 0, i.column ?? ''] as const;
  issues.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k]! < y[k]! ? -1 : 1;
    return 0;
  });
  return out;
}

/** Counts per entity and action. */
export function countsOf(rows: RowOutcome[]): Record<`${Entity}s`, Record<Action, number>> {
  const zero = () => ({ create: 0, update: 0, unchanged: 0 });
  const counts = { reports: zero(), findings: zero(), recommendations: zero(), plans: zero(), measures: zero() };
  for (const r of rows) counts[`${r.entity}s`][r.action]++;
  return counts;
}

export type { SheetKey };
