import { itemTotals, parsePeriod, periodEnd, subReasonFits, validateItems, type Category, type OpenItem } from '../../../domain/reconciliation.js';
import type { ReconciliationRow } from '../balance/reads.js';
import { balanceImportRepository as repo } from './repository.js';
import type { PlanContext, Row } from './context.js';

/* Planning the imports of the accounts' monthly data: ledger balances, the reconciliation log and activity. */

/** Items compared field by field (jsonb does not keep the key order). */
function sameItems(a: readonly OpenItem[], b: readonly OpenItem[]): boolean {
  const key = (i: OpenItem) =>
    JSON.stringify([i.text, i.amountOre, i.originDate, i.reference ?? null, (i.parts ?? []).map((p) => [p.amountOre, p.originDate])]);
  return a.length === b.length && a.every((x, n) => key(x) === key(b[n]!));
}

export function planLedgerBalances(ctx: PlanContext) {
  const kind = 'ledgerBalances' as const;
  const { issues, table, rows, accountByNumber, recAt, counts, rowIssue, unique } = ctx;
  unique((r) => (r.values.account && r.values.period ? `${r.values.account}\u0000${r.values.period}` : null), 'period');
  const updates: { r: ReconciliationRow; balanceOre: number }[] = [];
  for (const r of rows) {
    const { account, period, balance } = r.values;
    if (typeof account !== 'string' || typeof period !== 'string' || typeof balance !== 'number') continue;
    const rec = recAt.get(`${accountByNumber.get(account)!.id}\u0000${period}`);
    if (!rec) {
      rowIssue(r.row, 'period', 'reconciliation.missing', { value: `${account} ${period}` });
      continue;
    }
    if (rec.ledgerBalanceOre === balance) counts.unchanged++;
    else {
      counts.update++;
      updates.push({ r: rec, balanceOre: balance });
    }
  }
  return { issues, format: table.format, counts, work: { kind, updates } as const };
}

export function planReconciliationLog(ctx: PlanContext) {
  const kind = 'reconciliationLog' as const;
  const { issues, table, rows, at, specs, locale, accountByNumber, recAt, counts, cellIssue, rowIssue } = ctx;
  const cellsOf = new Map(table.rows.map((t) => [t.row, t.cells]));
  const groups = new Map<string, { accountId: string; label: string; period: string; first: Row; rows: { row: Row; item: OpenItem | null }[] }>();
  for (const r of rows) {
    const v = r.values;
    if (typeof v.account !== 'string' || typeof v.period !== 'string') continue;
    const key = `${v.account}\u0000${v.period}`;
    const g = groups.get(key) ?? { accountId: accountByNumber.get(v.account)!.id, label: `${v.account} ${v.period}`, period: v.period, first: r, rows: [] };
    groups.set(key, g);
    const itemKeys = ['text', 'amount', 'originDate'] as const;
    const given = itemKeys.filter((k) => v[k] !== null && v[k] !== undefined);
    const cellsGiven = itemKeys.filter((k) => {
      const i = at.get(k);
      return i !== undefined && cellsOf.get(r.row)![i]?.kind !== 'empty';
    });
    if (cellsGiven.length && cellsGiven.length < itemKeys.length) {
      for (const k of itemKeys) if (!cellsGiven.includes(k)) rowIssue(r.row, at.has(k) ? k : 'category', 'item.incomplete');
      g.rows.push({ row: r, item: null });
      continue;
    }
    g.rows.push({
      row: r,
      item:
        given.length === 3
          ? {
              text: String(v.text),
              amountOre: v.amount as number,
              originDate: String(v.originDate),
              reference: typeof v.reference === 'string' ? v.reference : null,
              parts: null,
            }
          : null,
    });
  }
  const writes: {
    accountId: string;
    period: string;
    existing: ReconciliationRow | null;
    category: Category;
    subReason: string;
    items: OpenItem[];
    totals: ReturnType<typeof itemTotals>;
  }[] = [];
  for (const g of groups.values()) {
    const { category, subReason } = g.first.values;
    if (typeof category !== 'number' || typeof subReason !== 'string') continue;
    const inconsistent = g.rows.find((x) => x.row.values.category !== category || x.row.values.subReason !== subReason);
    if (inconsistent) {
      rowIssue(inconsistent.row.row, 'category', 'reconciliation.inconsistent', { value: g.label });
      continue;
    }
    if (!subReasonFits(category as Category, subReason)) {
      rowIssue(g.first.row, 'subReason', 'subReason.invalid', { value: subReason, category });
      continue;
    }
    const withItems = g.rows.filter((x) => x.item !== null);
    const items = withItems.map((x) => x.item!);
    const end = periodEnd(parsePeriod(g.period)!);
    const itemIssues = validateItems(category as Category, items, end);
    for (const issue of itemIssues) {
      const m = /^items\.(\d+)\.(\w+)/.exec(issue.field);
      const source = m ? withItems[Number(m[1])]!.row : g.first;
      const key = m ? (m[2] === 'amountOre' ? 'amount' : m[2] === 'originDate' ? 'originDate' : 'text') : 'category';
      cellIssue(
        source.row,
        specs.find((s) => s.key === (at.has(key) ? key : 'category'))!,
        issue.code,
        issue.message[locale],
      );
    }
    if (itemIssues.length) continue;
    const rec = recAt.get(`${g.accountId}\u0000${g.period}`) ?? null;
    if (rec && rec.category === category && rec.subReason === subReason && sameItems(rec.items, items)) {
      counts.unchanged++;
      continue;
    }
    if (rec && rec.status !== 'open') {
      rowIssue(g.first.row, 'period', 'reconciliation.locked', { value: g.label });
      continue;
    }
    if (rec) counts.update++;
    else counts.create++;
    writes.push({ accountId: g.accountId, period: g.period, existing: rec, category: category as Category, subReason, items, totals: itemTotals(items, end) });
  }
  return { issues, format: table.format, counts, work: { kind, writes } as const };
}

export async function planActivity(ctx: PlanContext) {
  const kind = 'activity' as const;
  const { ex, mid, issues, table, rows, accountByNumber, accountIds, counts, unique } = ctx;
  unique((r) => (r.values.account && r.values.month ? `${r.values.account}\u0000${r.values.month}` : null), 'month');
  const have = new Map((await repo.activityOf(ex, mid, accountIds)).map((a) => [`${a.accountId}\u0000${a.month}`, a]));
  const writes: {
    accountId: string;
    month: string;
    transactionCount: number;
    volumeOre: number;
    existing: (typeof have extends Map<string, infer V> ? V : never) | null;
  }[] = [];
  for (const r of rows) {
    const { account, month, transactions, volume } = r.values;
    if (typeof account !== 'string' || typeof month !== 'string' || typeof transactions !== 'number' || typeof volume !== 'number') continue;
    const accountId = accountByNumber.get(account)!.id;
    const e = have.get(`${accountId}\u0000${month}`) ?? null;
    if (e && e.transactionCount === transactions && e.volumeOre === volume) counts.unchanged++;
    else {
      if (e) counts.update++;
      else counts.create++;
      writes.push({ accountId, month, transactionCount: transactions, volumeOre: volume, existing: e });
    }
  }
  return { issues, format: table.format, counts, work: { kind, writes } as const };
}
