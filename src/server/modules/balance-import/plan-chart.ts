import { levelOf, parentCode } from '../balance/chart.js';
import { columnLetter } from './table.js';
import { balanceImportRepository as repo, type AccountRow, type AdjustmentRow } from './repository.js';
import type { PlanContext, Row, RowAction } from './context.js';

/* Planning the imports of the register's structure (the chart of IM functions, the accounts) and of the year's balance adjustments. */

export function planImFunctions(ctx: PlanContext) {
  const kind = 'imFunctions' as const;
  const { issues, table, rows, chart, chartByCode, counts, rowIssue, unique } = ctx;
  unique((r) => (typeof r.values.code === 'string' ? r.values.code : null), 'code');
  const inFile = new Map<string, Row>();
  for (const r of rows) if (typeof r.values.code === 'string' && !inFile.has(r.values.code)) inFile.set(r.values.code, r);
  const sideOf = (code: string) => {
    const f = inFile.get(code);
    return f ? (typeof f.values.side === 'string' ? f.values.side : null) : (chartByCode.get(code)?.side ?? null);
  };
  const rowActions: { row: number; key: string; action: RowAction }[] = [];
  const writes: { code: string; name: string; side: 'asset' | 'liability'; existing: (typeof chart)[number] | null }[] = [];
  for (const r of rows) {
    const { code, name, side } = r.values;
    if (typeof code !== 'string' || inFile.get(code) !== r) continue;
    const parent = parentCode(code);
    if (parent !== null && !inFile.has(parent) && !chartByCode.has(parent)) {
      rowIssue(r.row, 'code', 'imCode.parentMissing', { value: code, parent });
      continue;
    }
    // a function sits on its group's side; the main account holds both sides
    if (typeof side === 'string' && levelOf(code) === 'function') {
      const groupSide = sideOf(parent!);
      if (groupSide && groupSide !== side) rowIssue(r.row, 'side', 'side.mismatch', { value: code, other: parent! });
    }
    if (typeof side === 'string' && levelOf(code) === 'group') {
      const stranded = chart.find((f) => f.level === 'function' && parentCode(f.code) === code && !inFile.has(f.code) && f.side !== side);
      if (stranded) rowIssue(r.row, 'side', 'side.mismatch', { value: code, other: stranded.code });
    }
    if (typeof name !== 'string' || typeof side !== 'string') continue;
    const e = chartByCode.get(code) ?? null;
    const action: RowAction = !e ? 'create' : e.name === name && e.side === side ? 'unchanged' : 'update';
    counts[action]++;
    rowActions.push({ row: r.row, key: code, action });
    if (action !== 'unchanged') writes.push({ code, name, side: side as 'asset' | 'liability', existing: e });
  }
  return { issues, format: table.format, counts, rowActions, work: { kind, writes } as const };
}

export async function planAccounts(ctx: PlanContext) {
  const kind = 'accounts' as const;
  const { ex, mid, issues, table, rows, chartByCode, counts, unique } = ctx;
  unique((r) => (typeof r.values.number === 'string' ? r.values.number : null), 'number');
  const stored = new Map((await repo.accountRows(ex, mid)).map((a) => [a.number, a]));
  const seen = new Set<string>();
  const rowActions: { row: number; key: string; action: RowAction }[] = [];
  const writes: {
    number: string;
    name: string;
    imFunctionId: string;
    departmentId: string;
    reconciler: 'centralService' | 'department';
    existing: AccountRow | null;
  }[] = [];
  for (const r of rows) {
    const { number, name, imFunction, department, reconciler } = r.values;
    if (typeof number !== 'string' || seen.has(number)) continue;
    seen.add(number);
    if (typeof name !== 'string' || typeof imFunction !== 'string' || typeof department !== 'string' || typeof reconciler !== 'string') continue;
    const w = {
      number,
      name,
      imFunctionId: chartByCode.get(imFunction)!.id,
      departmentId: department,
      reconciler: reconciler as 'centralService' | 'department',
    };
    const e = stored.get(number) ?? null;
    const same = e && e.name === w.name && e.imFunctionId === w.imFunctionId && e.departmentId === w.departmentId && e.reconciler === w.reconciler;
    const action: RowAction = !e ? 'create' : same ? 'unchanged' : 'update';
    counts[action]++;
    rowActions.push({ row: r.row, key: number, action });
    if (action !== 'unchanged') writes.push({ ...w, existing: e });
  }
  return { issues, format: table.format, counts, rowActions, work: { kind, writes } as const };
}

/** The file replaces the year's rows of each section it contains. */
export async function planAdjustments(ctx: PlanContext) {
  const kind = 'adjustments' as const;
  const { ex, actor, mid, issues, table, rows, at, chartByCode, counts, rowIssue } = ctx;
  const inserts: Omit<AdjustmentRow, 'id' | 'createdAt'>[] = [];
  for (const r of rows) {
    const v = r.values;
    if (v.section === 'writeOff' && v.writeOffKind === null && at.has('writeOffKind') === false) rowIssue(r.row, 'section', 'writeOffKind.missing');
    else if (
      v.section === 'writeOff' &&
      v.writeOffKind === null &&
      !issues.some((i) => i.row === r.row && i.field.startsWith(columnLetter(at.get('writeOffKind')!)))
    )
      rowIssue(r.row, 'writeOffKind', 'writeOffKind.missing');
    if (typeof v.section === 'string' && v.section !== 'writeOff' && typeof v.writeOffKind === 'string')
      rowIssue(r.row, 'writeOffKind', 'writeOffKind.notWriteOff');
    if (
      typeof v.year !== 'number' ||
      typeof v.section !== 'string' ||
      typeof v.department !== 'string' ||
      typeof v.im !== 'string' ||
      typeof v.amount !== 'number'
    )
      continue;
    if (v.section === 'writeOff' && typeof v.writeOffKind !== 'string') continue;
    if (v.section !== 'writeOff' && typeof v.writeOffKind === 'string') continue;
    inserts.push({
      municipalityId: mid,
      year: v.year,
      section: v.section as AdjustmentRow['section'],
      writeOffKind: v.section === 'writeOff' ? (v.writeOffKind as AdjustmentRow['writeOffKind']) : null,
      departmentId: v.department,
      imCode: v.im,
      imName: typeof v.imName === 'string' ? v.imName : (chartByCode.get(v.im)?.name ?? null),
      appropriation: typeof v.appropriation === 'string' ? v.appropriation : null,
      text: typeof v.text === 'string' ? v.text : null,
      amountOre: v.amount,
      createdBy: actor.userId,
    });
  }
  const scopes = [...new Map(inserts.map((i) => [`${i.year}\u0000${i.section}`, { year: i.year, section: i.section }])).values()];
  for (const s of scopes) counts.replaced += (await repo.adjustmentsOf(ex, mid, s.year, s.section)).length;
  counts.create = inserts.length;
  return { issues, format: table.format, counts, work: { kind, inserts, scopes } as const };
}
