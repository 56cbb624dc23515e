import ExcelJS from 'exceljs';
import type { Locale } from '../../../domain/i18n.js';
import { formatAmount, type AmountFormat } from '../../../domain/money.js';
import { addGuideIntro, addGuideTable, styleDataHeader } from '../shared/workbook.js';
import { type MessageCode, messages, renderMessage } from '../../i18n/messages.js';
import { COLUMNS, headerText, type ColumnSpec, type ImportKind } from './columns.js';
import { MAX_ROWS } from './table.js';

/**
 * The balance import templates, one per kind, as .xlsx (a data sheet with example rows and an
 * instructions sheet explaining every column and the amount formats) or as CSV (the header row
 * and the example rows, `;`-separated as Danish Excel writes it). Headers follow the chosen
 * language; the import accepts the headers of every language.
 */

/** A column key with a meaning and format in the catalogue ('balanceImport.help.<key>', 'balanceImport.helpFormat.<key>'). */
type HelpKey = MessageCode extends infer M ? (M extends `balanceImport.help.${infer K}` ? K : never) : never;
const hasHelp = (key: string): key is HelpKey => `balanceImport.help.${key}` in messages;

type Example = string | number | { amountOre: number } | null;

/** Example rows per kind, in the columns' order; amounts in øre, written in the file's format. */
const EXAMPLES: Record<ImportKind, (locale: Locale) => Example[][]> = {
  ledgerBalances: () => [['91403000', '2024-12', { amountOre: -59_812_400 }]],
  reconciliationLog: () => [['91403000', '2024-12', 2, 'notBookedInNewPeriod', 'Ikke bogført faktura', { amountOre: 1_234_56 }, '2024-11-30', 'REF-1']],
  activity: () => [['91403000', '2024-11', 412, { amountOre: 123_456_789 }]],
  adjustments: (l) => [[2024, '3', l === 'en' ? 'operations' : 'drift', 'BIF', '5.57.73', null, null, null, { amountOre: 16_800_000 }]],
  imFunctions: (l) => {
    const [a, p] = l === 'sv' ? ['tillgång', 'skuld'] : l === 'en' ? ['asset', 'liability'] : ['aktiv', 'passiv'];
    return [
      ['9.28', 'Kortfristede tilgodehavender i øvrigt', a],
      ['9.28.14', 'Tilgodehavender i betalingskontrol', a],
      ['9.52.59', 'Mellemregningskonto', p],
    ];
  },
  accounts: (l) => [['91403000', 'Debitorer, betalingskontrol', '9.28.14', 'BIF', l === 'en' ? 'department' : l === 'sv' ? 'förvaltning' : 'forvaltning']],
};

/** The amount format of the examples: Danish for Danish and Swedish, English for English. */
const exampleFormat = (locale: Locale): AmountFormat => (locale === 'en' ? 'en' : 'da');
const written = (v: Example, locale: Locale): string =>
  v === null ? '' : typeof v === 'object' ? formatAmount(v.amountOre, exampleFormat(locale), 'kr', { decimals: 2 }) : String(v);

/** A column's meaning and format in a language; a column without help is explained by its header. */
const helpOf = (c: ColumnSpec, locale: Locale): [string, string] =>
  hasHelp(c.key)
    ? [renderMessage(locale, `balanceImport.help.${c.key}`), renderMessage(locale, `balanceImport.helpFormat.${c.key}`)]
    : [headerText(c, locale), ''];

export async function buildBalanceTemplate(kind: ImportKind, locale: Locale): Promise<Buffer> {
  const t = (code: MessageCode) => renderMessage(locale, code);
  const kindName = t(`balanceImport.kind.${kind}`);
  const specs = COLUMNS[kind];
  const examples = EXAMPLES[kind](locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tilsyn';
  wb.created = new Date(Date.UTC(2025, 0, 1));
  const sheetName = kindName.slice(0, 31);
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet(t('balanceImport.template.guide'));

  styleDataHeader(
    ws,
    specs.map((c) => {
      const [meaning, format] = helpOf(c, locale);
      const header = headerText(c, locale);
      return {
        header,
        key: c.key,
        width: Math.max(14, header.length + 4),
        required: c.required,
        note: `${meaning}\n\n${format}`,
      };
    }),
  );
  // amounts as number cells in kroner, which the import reads whatever the chosen format
  for (const ex of examples) ws.addRow(ex.map((v) => (v !== null && typeof v === 'object' ? v.amountOre / 100 : v)));

  guide.columns = [{ width: 24 }, { width: 60 }, { width: 14 }, { width: 26 }, { width: 40 }];
  addGuideIntro(
    guide,
    `${t('balanceImport.template.title')}: ${kindName}`,
    (['balanceImport.template.intro1', 'balanceImport.template.intro2', 'balanceImport.template.intro3'] as const).map((code) =>
      renderMessage(locale, code, { sheet: sheetName, rows: MAX_ROWS }),
    ),
    5,
  );
  addGuideTable(
    guide,
    t('balanceImport.template.columns'),
    (['column', 'meaning', 'required', 'example', 'format'] as const).map((h) => t(`balanceImport.template.header.${h}`)),
    specs.map((c, j) => {
      const [meaning, format] = helpOf(c, locale);
      const required = t(c.required ? 'balanceImport.template.yes' : 'balanceImport.template.no');
      return [headerText(c, locale), meaning, required, written(examples[0]![j] ?? null, locale), format];
    }),
    5,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CSV template: UTF-8 with a byte order mark (Excel), `;` between fields, CRLF. */
export function buildBalanceCsvTemplate(kind: ImportKind, locale: Locale): Buffer {
  const field = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [COLUMNS[kind].map((c) => field(headerText(c, locale))), ...EXAMPLES[kind](locale).map((r) => r.map((v) => field(written(v, locale))))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(';')).join('\r\n')}\r\n`, 'utf8');
}
