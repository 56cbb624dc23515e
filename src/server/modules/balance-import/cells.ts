import type { Locale } from '../../../domain/i18n.js';
import { parseAmount, type AmountFormat } from '../../../domain/money.js';
import { isCategory, isFuturePeriod, isIsoDate, parsePeriod } from '../../../domain/reconciliation.js';
import type { ImFunctionRow } from '../balance/reads.js';
import type { RegisterAccount } from '../balance-report/reads.js';
import {
  expectedWord,
  issueMessage,
  RECONCILER_WORDS,
  SECTION_WORDS,
  SIDE_WORDS,
  WRITE_OFF_WORDS,
  type ColumnSpec,
  type ColumnType,
  type IssueCode,
} from './columns.js';
import type { Value } from './context.js';
import type { Cell } from './table.js';

const IM_CODE = /^[0-9]\.[0-9]{2}\.[0-9]{2}$/;
/** A code of the balance part of the chart at any level: main account, group or function. */
const CHART_CODE = /^9(\.[0-9]{2}){0,2}$/;

/** Reads a whole number from a text or number cell; null when it is not one. */
function wholeNumber(c: Cell): number | null {
  if (c.kind === 'number') return Number.isSafeInteger(c.value) ? c.value : null;
  if (c.kind === 'text' && /^[0-9]+$/.test(c.value)) return Number(c.value);
  return null;
}

/** What a cell is checked against: the caller's language and today, the amount format, and the register. */
export interface CellEnv {
  locale: Locale;
  today: string;
  amountFormat: AmountFormat;
  accountByNumber: Map<string, RegisterAccount>;
  departmentByCode: Map<string, { id: string }>;
  chartByCode: Map<string, ImFunctionRow>;
  cellIssue: (row: number, spec: ColumnSpec, code: string, text: string) => void;
}

/** The reader of one cell by its column's type, for a file checked in `env`. */
export function cellReader(env: CellEnv) {
  const { locale, today, accountByNumber, departmentByCode, chartByCode, cellIssue } = env;
  const options = { amountFormat: env.amountFormat };

  /** One cell by its column's type; null (and an issue) when it cannot be read. */
  function read(row: number, spec: ColumnSpec, cell: Cell): Value {
    const bad = (code: IssueCode, p: Record<string, string | number> = {}) => {
      cellIssue(row, spec, code, issueMessage(code, locale, p));
      return null;
    };
    if (cell.kind === 'empty') return spec.required ? bad('cell.required') : null;
    const type: ColumnType = spec.type;
    if (cell.kind === 'date' && type !== 'date') return bad('cell.dateInText', { expected: expectedWord(type, locale) });
    const raw = cell.kind === 'number' ? String(cell.value) : cell.value;
    switch (type) {
      case 'text':
        return raw.slice(0, 2000);
      case 'account': {
        const n = cell.kind === 'number' && Number.isSafeInteger(cell.value) ? String(cell.value) : raw;
        if (!/^[0-9]{8}$/.test(n)) return bad('account.format', { value: raw });
        if (!accountByNumber.has(n)) return bad('account.unknown', { value: n });
        return n;
      }
      case 'period':
      case 'month': {
        const p = cell.kind === 'text' ? parsePeriod(raw) : null;
        if (!p || (type === 'month' && p.month === 13)) return bad(type === 'month' ? 'month.invalid' : 'period.invalid', { value: raw });
        if (isFuturePeriod(p, today)) return bad('period.future', { value: raw });
        return raw;
      }
      case 'amount': {
        if (cell.kind === 'number') {
          const ore = Math.round(cell.value * 100);
          if (Math.abs(cell.value * 100 - ore) > 1e-6) return bad('amount.numberFraction', { value: raw });
          if (!Number.isSafeInteger(ore)) return bad('amount.numberFraction', { value: raw });
          return ore;
        }
        const r = parseAmount(raw, options.amountFormat);
        if (!r.ok) {
          cellIssue(row, spec, r.error.code, r.error.message[locale]);
          return null;
        }
        return r.value;
      }
      case 'count': {
        const n = wholeNumber(cell);
        if (n === null || n > 2_147_483_647) return bad('count.invalid', { value: raw });
        return n;
      }
      case 'year': {
        const n = wholeNumber(cell);
        if (n === null || n < 1000 || n > 9999) return bad('year.invalid', { value: raw });
        if (n > Number(today.slice(0, 4))) return bad('year.future', { value: raw });
        return n;
      }
      case 'date': {
        if (cell.kind === 'date') return cell.value;
        if (!isIsoDate(raw)) return bad('date.invalid', { value: raw });
        return raw;
      }
      case 'category': {
        const n = wholeNumber(cell);
        if (n === null || !isCategory(n)) return bad('category.invalid', { value: raw });
        return n;
      }
      case 'subReason':
        return raw;
      case 'im': {
        const fn = chartByCode.get(raw);
        const balancePart = raw.startsWith('9.');
        if (!IM_CODE.test(raw) || (balancePart && fn?.level !== 'function')) return bad('im.unknown', { value: raw });
        return raw;
      }
      case 'department': {
        const d = departmentByCode.get(raw.toLowerCase());
        if (!d) return bad('department.unknown', { value: raw });
        return d.id;
      }
      case 'section': {
        const s = SECTION_WORDS[raw.toLowerCase()];
        return s ?? bad('section.invalid', { value: raw });
      }
      case 'writeOffKind': {
        const k = WRITE_OFF_WORDS[raw.toLowerCase()];
        return k ?? bad('writeOffKind.invalid', { value: raw });
      }
      case 'imCode': {
        // Excel turns a typed group code 9.50 into the number 9.5
        const twoDecimals = cell.kind === 'number' && !Number.isInteger(cell.value) && Math.abs(cell.value * 100 - Math.round(cell.value * 100)) < 1e-9;
        const code = twoDecimals ? cell.value.toFixed(2) : raw;
        return CHART_CODE.test(code) ? code : bad('imCode.invalid', { value: raw });
      }
      case 'side':
        return SIDE_WORDS[raw.toLowerCase()] ?? bad('side.invalid', { value: raw });
      case 'accountNumber': {
        const n = cell.kind === 'number' && Number.isSafeInteger(cell.value) ? String(cell.value) : raw;
        return /^[0-9]{8}$/.test(n) ? n : bad('account.format', { value: raw });
      }
      case 'imFunction':
        return chartByCode.get(raw)?.level === 'function' ? raw : bad('imFunction.unknown', { value: raw });
      case 'reconciler':
        return RECONCILER_WORDS[raw.toLowerCase()] ?? bad('reconciler.invalid', { value: raw });
    }
  }

  return read;
}
