import ExcelJS from 'exceljs';
import type { Locale, Localized } from '../../../domain/i18n.js';
import { formatAmount, type AmountFormat } from '../../../domain/money.js';
import { addGuideIntro, addGuideTable, styleDataHeader } from '../shared/workbook.js';
import { COLUMNS, type ColumnSpec, type ImportKind } from './columns.js';
import { MAX_ROWS } from './table.js';

/**
 * The balance import templates, one per kind, as .xlsx (a data sheet with example rows and an
 * instructions sheet explaining every column and the amount formats) or as CSV (the header row
 * and the example rows, `;`-separated as Danish Excel writes it). Headers follow the chosen
 * language; the import accepts the headers of every language.
 */

const L = (da: string, sv: string, en: string): Localized => ({ da, sv, en });

export const KIND_NAMES: Record<ImportKind, Localized> = {
  ledgerBalances: L('Saldi', 'Saldon', 'Ledger balances'),
  reconciliationLog: L('Afstemningslog', 'Avstämningslogg', 'Reconciliation log'),
  activity: L('Aktivitet', 'Aktivitet', 'Activity'),
  adjustments: L('Reguleringer', 'Justeringar', 'Adjustments'),
  imFunctions: L('Kontoplan (IM-funktioner)', 'Kontoplan (IM-funktioner)', 'Chart of accounts (IM functions)'),
  accounts: L('Balancekonti', 'Balanskonton', 'Balance accounts'),
};

/** Meaning and format of each column, by key (a key means the same in every kind). */
const HELP: Record<string, [Localized, Localized]> = {
  account: [L('Balancekontoens nummer', 'Balanskontots nummer', 'The balance account number'), L('8 cifre', '8 siffror', '8 digits')],
  number: [
    L(
      'Balancekontoens nummer; findes det, opdateres kontoen',
      'Balanskontots nummer; finns det uppdateras kontot',
      'The balance account number; an existing account is updated',
    ),
    L('8 cifre', '8 siffror', '8 digits'),
  ],
  period: [
    L(
      'Afstemningsperioden; 13 er supplementsperioden',
      'Avstämningsperioden; 13 är tilläggsperioden',
      'The reconciliation period; 13 is the supplementary period',
    ),
    L('ÅÅÅÅ-MM (01–13)', 'ÅÅÅÅ-MM (01–13)', 'YYYY-MM (01–13)'),
  ],
  month: [L('Måneden', 'Månaden', 'The month'), L('ÅÅÅÅ-MM (01–12)', 'ÅÅÅÅ-MM (01–12)', 'YYYY-MM (01–12)')],
  balance: [L('Saldo i finansbogholderiet', 'Saldo i huvudboken', 'Balance in the ledger'), L('Beløb', 'Belopp', 'Amount')],
  category: [L('Afstemningskategori', 'Avstämningskategori', 'Reconciliation category'), L('1, 2 eller 3', '1, 2 eller 3', '1, 2 or 3')],
  subReason: [
    L('Underårsag til kategorien', 'Underorsak till kategorin', 'Sub-reason of the category'),
    L('Kode, f.eks. notBookedInNewPeriod', 'Kod, t.ex. notBookedInNewPeriod', 'Code, e.g. notBookedInNewPeriod'),
  ],
  text: [L('Tekst', 'Text', 'Text'), L('Tekst', 'Text', 'Text')],
  amount: [
    L(
      'Beløb i kroner og øre (totaler beregnes, de indlæses aldrig)',
      'Belopp i kronor och öre (summor beräknas, de läses aldrig in)',
      'Amount in kroner and øre (totals are computed, never imported)',
    ),
    L('Beløb', 'Belopp', 'Amount'),
  ],
  originDate: [
    L('Datoen posten opstod', 'Datum då posten uppstod', 'The date the item arose'),
    L('ÅÅÅÅ-MM-DD eller en datocelle', 'ÅÅÅÅ-MM-DD eller en datumcell', 'YYYY-MM-DD or a date cell'),
  ],
  reference: [L('Bilag eller anden henvisning', 'Verifikation eller annan referens', 'Voucher or other reference'), L('Tekst', 'Text', 'Text')],
  transactions: [L('Antal posteringer i måneden', 'Antal transaktioner under månaden', 'Transactions in the month'), L('Helt tal', 'Heltal', 'Whole number')],
  volume: [L('Bruttobevægelse i måneden', 'Bruttorörelse under månaden', 'Gross movement in the month'), L('Beløb', 'Belopp', 'Amount')],
  year: [L('Regnskabsår', 'Räkenskapsår', 'Financial year'), L('ÅÅÅÅ', 'ÅÅÅÅ', 'YYYY')],
  section: [
    L('Afsnit i balancerapporten', 'Avsnitt i balansrapporten', 'Section of the balance report'),
    L(
      '3 (afskrivning), 4 (periodisering uden dokumentation), 5 (bevægelse på egenkapitalen)',
      '3 (avskrivning), 4 (periodisering utan dokumentation), 5 (rörelse i eget kapital)',
      '3 (write-off), 4 (undocumented accrual), 5 (equity movement)',
    ),
  ],
  writeOffKind: [
    L('Kun afsnit 3', 'Endast avsnitt 3', 'Section 3 only'),
    L('drift, balancen eller øvrige', 'drift, balansräkningen eller övriga', 'operations, balance or other'),
  ],
  department: [L('Forvaltningens kode', 'Förvaltningens kod', 'The department code'), L('Kode', 'Kod', 'Code')],
  im: [
    L('IM-funktion beløbet er bogført på', 'IM-funktion beloppet är bokfört på', 'IM function the amount is booked on'),
    L('Kode som 9.28.14', 'Kod som 9.28.14', 'Code like 9.28.14'),
  ],
  imName: [
    L('Funktionens navn (ellers kontoplanens)', 'Funktionens namn (annars kontoplanens)', "The function's name (else the chart's)"),
    L('Tekst', 'Text', 'Text'),
  ],
  appropriation: [L('Bevillingsområde', 'Anslag', 'Appropriation'), L('Tekst', 'Text', 'Text')],
  code: [
    L(
      'IM-kode: hovedkonto, gruppe eller funktion; den overordnede udledes af koden og skal findes eller stå i filen',
      'IM-kod: huvudkonto, grupp eller funktion; den överordnade härleds ur koden och ska finnas eller stå i filen',
      'IM code: main account, group or function; the parent follows from the code and must exist or be in the file',
    ),
    L('9, 9.28 eller 9.28.14', '9, 9.28 eller 9.28.14', '9, 9.28 or 9.28.14'),
  ],
  name: [L('Navn', 'Namn', 'Name'), L('Tekst', 'Text', 'Text')],
  side: [
    L(
      'Balanceside; en funktion står på sin gruppes side',
      'Balanssida; en funktion står på sin grupps sida',
      "Balance side; a function is on its group's side",
    ),
    L('aktiv eller passiv', 'tillgång eller skuld', 'asset or liability'),
  ],
  imFunction: [
    L('IM-funktion i kontoplanen', 'IM-funktion i kontoplanen', 'IM function in the chart of accounts'),
    L('Kode som 9.28.14', 'Kod som 9.28.14', 'Code like 9.28.14'),
  ],
  reconciler: [
    L('Hvem afstemmer kontoen', 'Vem stämmer av kontot', 'Who reconciles the account'),
    L('central eller forvaltning', 'central eller förvaltning', 'central or department'),
  ],
};

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

const texts = {
  title: L('Tilsyn: indlæsning til balanceregistret', 'Tilsyn: inläsning till balansregistret', 'Tilsyn: importing into the balance register'),
  intro: [
    L(
      'Udfyld arket {sheet}, én række pr. linje; lad overskriftsrækken stå. Kolonnerne må flyttes, og overskrifter på dansk, svensk og engelsk accepteres. Højst {rows} rækker.',
      'Fyll i bladet {sheet}, en rad per post; låt rubrikraden stå kvar. Kolumnerna får flyttas, och rubriker på danska, svenska och engelska godtas. Högst {rows} rader.',
      'Fill in the sheet {sheet}, one row per line; keep the header row. Columns may be moved; headers in Danish, Swedish and English are accepted. At most {rows} rows.',
    ),
    L(
      'Beløb: vælg talformatet ved indlæsningen. Dansk: 1.234,56 (punktum mellem tusinder, komma før øre). Engelsk: 1,234.56. Det andet format afvises, så et beløb aldrig bliver gættet. Talceller i Excel læses direkte.',
      'Belopp: välj talformatet vid inläsningen. Danskt: 1.234,56 (punkt mellan tusental, komma före ören). Engelskt: 1,234.56. Det andra formatet avvisas, så att ett belopp aldrig gissas. Talceller i Excel läses direkt.',
      'Amounts: choose the number format when importing. Danish: 1.234,56 (dot between thousands, comma before øre). English: 1,234.56. The other format is refused, so an amount is never guessed. Number cells in Excel are read as they are.',
    ),
    L(
      'Kontrollér viser hvad hver række vil gøre og alle fejl med celle; intet gemmes før Indlæs, og da gemmes alt eller intet.',
      'Kontrollera visar vad varje rad gör och alla fel med cell; ingenting sparas förrän Läs in, och då sparas allt eller inget.',
      'Check shows what each row would do and every error by cell; nothing is saved until Import, and then everything or nothing is saved.',
    ),
  ],
  columnHeaders: [
    L('Kolonne', 'Kolumn', 'Column'),
    L('Betydning', 'Betydelse', 'Meaning'),
    L('Skal udfyldes', 'Obligatorisk', 'Required'),
    L('Eksempel', 'Exempel', 'Example'),
    L('Format', 'Format', 'Format'),
  ],
  columns: L('Kolonner', 'Kolumner', 'Columns'),
  yes: L('Ja', 'Ja', 'Yes'),
  no: L('Nej', 'Nej', 'No'),
  guide: L('Vejledning', 'Instruktioner', 'Instructions'),
};

/** The amount format of the examples: Danish for Danish and Swedish, English for English. */
const exampleFormat = (locale: Locale): AmountFormat => (locale === 'en' ? 'en' : 'da');
const written = (v: Example, locale: Locale): string =>
  v === null ? '' : typeof v === 'object' ? formatAmount(v.amountOre, exampleFormat(locale), 'kr', { decimals: 2 }) : String(v);

const helpOf = (c: ColumnSpec): [Localized, Localized] => HELP[c.key] ?? [L(c.header.da, c.header.sv, c.header.en), L('', '', '')];

export async function buildBalanceTemplate(kind: ImportKind, locale: Locale): Promise<Buffer> {
  const specs = COLUMNS[kind];
  const examples = EXAMPLES[kind](locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tilsyn';
  wb.created = new Date(Date.UTC(2025, 0, 1));
  const sheetName = KIND_NAMES[kind][locale].slice(0, 31);
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet(texts.guide[locale]);

  styleDataHeader(
    ws,
    specs.map((c) => {
      const [meaning, format] = helpOf(c);
      return {
        header: c.header[locale],
        key: c.key,
        width: Math.max(14, c.header[locale].length + 4),
        required: c.required,
        note: `${meaning[locale]}\n\n${format[locale]}`,
      };
    }),
  );
  // amounts as number cells in kroner, which the import reads whatever the chosen format
  for (const ex of examples) ws.addRow(ex.map((v) => (v !== null && typeof v === 'object' ? v.amountOre / 100 : v)));

  guide.columns = [{ width: 24 }, { width: 60 }, { width: 14 }, { width: 26 }, { width: 40 }];
  addGuideIntro(
    guide,
    `${texts.title[locale]}: ${KIND_NAMES[kind][locale]}`,
    texts.intro.map((p) => p[locale].replace('{sheet}', sheetName).replace('{rows}', String(MAX_ROWS))),
    5,
  );
  addGuideTable(
    guide,
    texts.columns[locale],
    texts.columnHeaders.map((h) => h[locale]),
    specs.map((c, j) => {
      const [meaning, format] = helpOf(c);
      return [c.header[locale], meaning[locale], (c.required ? texts.yes : texts.no)[locale], written(examples[0]![j] ?? null, locale), format[locale]];
    }),
    5,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CSV template: UTF-8 with a byte order mark (Excel), `;` between fields, CRLF. */
export function buildBalanceCsvTemplate(kind: ImportKind, locale: Locale): Buffer {
  const field = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [COLUMNS[kind].map((c) => field(c.header[locale])), ...EXAMPLES[kind](locale).map((r) => r.map((v) => field(written(v, locale))))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(';')).join('\r\n')}\r\n`, 'utf8');
}
