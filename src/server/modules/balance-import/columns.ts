import type { Locale, Localized } from '../../../domain/i18n.js';

/** The balance imports: the chart of accounts (IM functions, accounts) and the register's figures. */
export const IMPORT_KINDS = ['ledgerBalances', 'reconciliationLog', 'activity', 'adjustments', 'imFunctions', 'accounts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnType =
  | 'account'
  | 'period'
  | 'month'
  | 'amount'
  | 'count'
  | 'year'
  | 'text'
  | 'date'
  | 'category'
  | 'subReason'
  | 'im'
  | 'department'
  | 'section'
  | 'writeOffKind'
  | 'imCode'
  | 'side'
  | 'accountNumber'
  | 'imFunction'
  | 'reconciler';

export interface ColumnSpec {
  key: string;
  type: ColumnType;
  required: boolean;
  /** The header in each language; any of them (any case) is accepted. */
  header: Localized;
}

const col = (key: string, type: ColumnType, required: boolean, da: string, sv: string, en: string): ColumnSpec => ({
  key,
  type,
  required,
  header: { da, sv, en },
});

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  ledgerBalances: [
    col('account', 'account', true, 'Konto', 'Konto', 'Account'),
    col('period', 'period', true, 'Periode', 'Period', 'Period'),
    col('balance', 'amount', true, 'Saldo', 'Saldo', 'Balance'),
  ],
  reconciliationLog: [
    col('account', 'account', true, 'Konto', 'Konto', 'Account'),
    col('period', 'period', true, 'Periode', 'Period', 'Period'),
    col('category', 'category', true, 'Kategori', 'Kategori', 'Category'),
    col('subReason', 'subReason', true, 'Underårsag', 'Underorsak', 'Sub-reason'),
    col('text', 'text', false, 'Tekst', 'Text', 'Text'),
    col('amount', 'amount', false, 'Beløb', 'Belopp', 'Amount'),
    col('originDate', 'date', false, 'Opstået', 'Uppstod', 'Origin date'),
    col('reference', 'text', false, 'Reference', 'Referens', 'Reference'),
  ],
  activity: [
    col('account', 'account', true, 'Konto', 'Konto', 'Account'),
    col('month', 'month', true, 'Måned', 'Månad', 'Month'),
    col('transactions', 'count', true, 'Antal posteringer', 'Antal transaktioner', 'Transactions'),
    col('volume', 'amount', true, 'Volumen', 'Volym', 'Volume'),
  ],
  adjustments: [
    col('year', 'year', true, 'År', 'År', 'Year'),
    col('section', 'section', true, 'Afsnit', 'Avsnitt', 'Section'),
    col('writeOffKind', 'writeOffKind', false, 'Afskrivningstype', 'Avskrivningstyp', 'Write-off kind'),
    col('department', 'department', true, 'Forvaltning', 'Förvaltning', 'Department'),
    col('im', 'im', true, 'IM-funktion', 'IM-funktion', 'IM function'),
    col('imName', 'text', false, 'Funktionsnavn', 'Funktionsnamn', 'Function name'),
    col('appropriation', 'text', false, 'Bevilling', 'Anslag', 'Appropriation'),
    col('text', 'text', false, 'Tekst', 'Text', 'Text'),
    col('amount', 'amount', true, 'Beløb', 'Belopp', 'Amount'),
  ],
  imFunctions: [
    col('code', 'imCode', true, 'Kode', 'Kod', 'Code'),
    col('name', 'text', true, 'Navn', 'Namn', 'Name'),
    col('side', 'side', true, 'Balanceside', 'Balanssida', 'Balance side'),
  ],
  accounts: [
    col('number', 'accountNumber', true, 'Kontonummer', 'Kontonummer', 'Account number'),
    col('name', 'text', true, 'Kontonavn', 'Kontonamn', 'Account name'),
    col('imFunction', 'imFunction', true, 'IM-funktion', 'IM-funktion', 'IM function'),
    col('department', 'department', true, 'Forvaltning', 'Förvaltning', 'Department'),
    col('reconciler', 'reconciler', true, 'Afstemmes af', 'Stäms av av', 'Reconciled by'),
  ],
};

/** Headers that name a computed total: refused, since totals are computed from the items, never imported. */
export const TOTAL_HEADERS = [
  'total',
  'i alt',
  'sum',
  'totalt',
  'summa',
  'opfølgning',
  'opfølgningsbeløb',
  'follow-up',
  'follow-up amount',
  'uppföljning',
  'ældre end et år',
  'older than one year',
];

/** Accepted words for the section and write-off kind columns (any language, any case). */
export const SECTION_WORDS: Record<string, 'writeOff' | 'undocumentedAccrual' | 'equityMovement'> = {
  '3': 'writeOff',
  writeoff: 'writeOff',
  afskrivning: 'writeOff',
  avskrivning: 'writeOff',
  'write-off': 'writeOff',
  '4': 'undocumentedAccrual',
  undocumentedaccrual: 'undocumentedAccrual',
  'periodisering uden dokumentation': 'undocumentedAccrual',
  'periodisering utan dokumentation': 'undocumentedAccrual',
  'undocumented accrual': 'undocumentedAccrual',
  '5': 'equityMovement',
  equitymovement: 'equityMovement',
  'bevægelse på egenkapitalen': 'equityMovement',
  'rörelse i eget kapital': 'equityMovement',
  'equity movement': 'equityMovement',
};
export const WRITE_OFF_WORDS: Record<string, 'operations' | 'balanceOnly' | 'other'> = {
  operations: 'operations',
  drift: 'operations',
  'over driften': 'operations',
  'via driften': 'operations',
  balanceonly: 'balanceOnly',
  balance: 'balanceOnly',
  'direkte på balancen': 'balanceOnly',
  'direkt i balansräkningen': 'balanceOnly',
  'directly on the balance': 'balanceOnly',
  balancen: 'balanceOnly',
  other: 'other',
  øvrige: 'other',
  andre: 'other',
  övriga: 'other',
};

/** Accepted words for the balance side and the reconciler (any language, any case). */
export const SIDE_WORDS: Record<string, 'asset' | 'liability'> = {
  asset: 'asset',
  assets: 'asset',
  aktiv: 'asset',
  aktiver: 'asset',
  aktiva: 'asset',
  tillgång: 'asset',
  tillgångar: 'asset',
  liability: 'liability',
  liabilities: 'liability',
  passiv: 'liability',
  passiver: 'liability',
  passiva: 'liability',
  skuld: 'liability',
  skulder: 'liability',
};
export const RECONCILER_WORDS: Record<string, 'centralService' | 'department'> = {
  centralservice: 'centralService',
  central: 'centralService',
  'central service': 'centralService',
  centralt: 'centralService',
  'central funktion': 'centralService',
  'central enhet': 'centralService',
  department: 'department',
  forvaltning: 'department',
  forvaltningen: 'department',
  förvaltning: 'department',
  förvaltningen: 'department',
};

export const headerMatches = (spec: ColumnSpec, header: string) => {
  const h = header.trim().toLowerCase();
  return (['da', 'sv', 'en'] as const).some((l) => spec.header[l].toLowerCase() === h) || spec.key.toLowerCase() === h;
};

type P = Record<string, string | number>;
const fill = (s: string, p: P) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

export const MESSAGES = {
  'file.nul': {
    da: 'Filen indeholder tegnet U+0000 (et nul-tegn), som ikke kan gemmes.',
    sv: 'Filen innehåller tecknet U+0000 (ett nolltecken), som inte kan sparas.',
    en: 'The file holds the character U+0000 (a null character), which cannot be stored.',
  },
  'file.empty': { da: 'Filen er tom.', sv: 'Filen är tom.', en: 'The file is empty.' },
  'file.missing': { da: 'Vedhæft filen i feltet "file".', sv: 'Bifoga filen i fältet "file".', en: 'Attach the file in the field "file".' },
  'file.tooLarge': { da: 'Filen er større end {mb} MB.', sv: 'Filen är större än {mb} MB.', en: 'The file is larger than {mb} MB.' },
  'file.notUtf8': { da: 'CSV-filen skal være gemt som UTF-8.', sv: 'CSV-filen ska vara sparad som UTF-8.', en: 'The CSV file must be saved as UTF-8.' },
  'file.unclosedQuote': {
    da: 'CSV-filen har et anførselstegn, der ikke lukkes.',
    sv: 'CSV-filen har ett citattecken som inte stängs.',
    en: 'The CSV file has a quote that is never closed.',
  },
  'file.notSpreadsheet': {
    da: 'Filen er hverken en CSV-fil eller et .xlsx-regneark.',
    sv: 'Filen är varken en CSV-fil eller ett .xlsx-kalkylblad.',
    en: 'The file is neither a CSV file nor an .xlsx workbook.',
  },
  'file.noHeader': { da: 'Filen har ingen overskriftsrække.', sv: 'Filen har ingen rubrikrad.', en: 'The file has no header row.' },
  'file.tooManyRows': { da: 'Filen har flere end 20.000 rækker.', sv: 'Filen har fler än 20 000 rader.', en: 'The file has more than 20,000 rows.' },
  'file.noRows': {
    da: 'Filen har ingen rækker under overskrifterne.',
    sv: 'Filen har inga rader under rubrikerna.',
    en: 'The file has no rows below the headers.',
  },
  'column.missing': { da: 'Kolonnen "{header}" mangler.', sv: 'Kolumnen "{header}" saknas.', en: 'The column "{header}" is missing.' },
  'column.unknown': {
    da: 'Kolonnen "{header}" kendes ikke i denne indlæsning.',
    sv: 'Kolumnen "{header}" är okänd i denna inläsning.',
    en: 'The column "{header}" is not known in this import.',
  },
  'column.duplicate': { da: 'Kolonnen "{header}" står der to gange.', sv: 'Kolumnen "{header}" finns två gånger.', en: 'The column "{header}" appears twice.' },
  'column.total': {
    da: 'Kolonnen "{header}" er en total; totaler beregnes altid af de åbne poster og indlæses ikke. Fjern kolonnen.',
    sv: 'Kolumnen "{header}" är en summa; summor beräknas alltid från de öppna posterna och läses inte in. Ta bort kolumnen.',
    en: 'The column "{header}" is a total; totals are always computed from the open items, never imported. Remove the column.',
  },
  'cell.required': { da: 'Feltet skal udfyldes.', sv: 'Fältet ska fyllas i.', en: 'The cell must be filled in.' },
  'cell.dateInText': {
    da: 'Cellen er en dato, men her forventes {expected}.',
    sv: 'Cellen är ett datum, men här förväntas {expected}.',
    en: 'The cell is a date, but {expected} is expected here.',
  },
  'account.format': {
    da: 'Kontonummeret "{value}" skal være 8 cifre.',
    sv: 'Kontonumret "{value}" ska vara 8 siffror.',
    en: 'The account number "{value}" must be 8 digits.',
  },
  'account.unknown': {
    da: 'Kontoen {value} findes ikke i balanceregistret.',
    sv: 'Kontot {value} finns inte i balansregistret.',
    en: 'The account {value} is not in the balance register.',
  },
  'period.invalid': {
    da: 'Perioden "{value}" skal skrives ÅÅÅÅ-MM (01–13).',
    sv: 'Perioden "{value}" ska skrivas ÅÅÅÅ-MM (01–13).',
    en: 'The period "{value}" must be written YYYY-MM (01–13).',
  },
  'month.invalid': {
    da: 'Måneden "{value}" skal skrives ÅÅÅÅ-MM (01–12).',
    sv: 'Månaden "{value}" ska skrivas ÅÅÅÅ-MM (01–12).',
    en: 'The month "{value}" must be written YYYY-MM (01–12).',
  },
  'period.future': {
    da: 'Perioden {value} er ikke begyndt endnu.',
    sv: 'Perioden {value} har inte börjat ännu.',
    en: 'The period {value} has not started yet.',
  },
  'year.invalid': {
    da: 'Året "{value}" skal være et årstal, f.eks. 2024.',
    sv: 'Året "{value}" ska vara ett årtal, t.ex. 2024.',
    en: 'The year "{value}" must be a year, e.g. 2024.',
  },
  'year.future': { da: 'Året {value} er ikke begyndt endnu.', sv: 'Året {value} har inte börjat ännu.', en: 'The year {value} has not started yet.' },
  'count.invalid': {
    da: 'Antallet "{value}" skal være et helt tal på 0 eller derover.',
    sv: 'Antalet "{value}" ska vara ett heltal, 0 eller mer.',
    en: 'The count "{value}" must be a whole number of 0 or more.',
  },
  'amount.numberFraction': {
    da: 'Beløbet {value} har mere end 2 decimaler.',
    sv: 'Beloppet {value} har fler än 2 decimaler.',
    en: 'The amount {value} has more than 2 decimals.',
  },
  'date.invalid': {
    da: 'Datoen "{value}" skal skrives ÅÅÅÅ-MM-DD.',
    sv: 'Datumet "{value}" ska skrivas ÅÅÅÅ-MM-DD.',
    en: 'The date "{value}" must be written YYYY-MM-DD.',
  },
  'category.invalid': {
    da: 'Kategorien "{value}" skal være 1, 2 eller 3.',
    sv: 'Kategorin "{value}" ska vara 1, 2 eller 3.',
    en: 'The category "{value}" must be 1, 2 or 3.',
  },
  'subReason.invalid': {
    da: 'Underårsagen "{value}" hører ikke til kategori {category}.',
    sv: 'Underorsaken "{value}" hör inte till kategori {category}.',
    en: 'The sub-reason "{value}" does not belong to category {category}.',
  },
  'im.unknown': {
    da: 'Ukendt IM-funktion "{value}"; skriv den som 5.57.73.',
    sv: 'Okänd IM-funktion "{value}"; skriv den som 5.57.73.',
    en: 'Unknown IM function "{value}"; write it like 5.57.73.',
  },
  'department.unknown': { da: 'Ukendt forvaltning "{value}".', sv: 'Okänd förvaltning "{value}".', en: 'Unknown department "{value}".' },
  'section.invalid': {
    da: 'Afsnittet "{value}" skal være 3 (afskrivning), 4 (periodisering uden dokumentation) eller 5 (bevægelse på egenkapitalen).',
    sv: 'Avsnittet "{value}" ska vara 3 (avskrivning), 4 (periodisering utan dokumentation) eller 5 (rörelse i eget kapital).',
    en: 'The section "{value}" must be 3 (write-off), 4 (undocumented accrual) or 5 (equity movement).',
  },
  'writeOffKind.invalid': {
    da: 'Afskrivningstypen "{value}" skal være drift, balancen eller øvrige.',
    sv: 'Avskrivningstypen "{value}" ska vara drift, balansräkningen eller övriga.',
    en: 'The write-off kind "{value}" must be operations, balance or other.',
  },
  'writeOffKind.missing': {
    da: 'En afskrivning skal have en afskrivningstype.',
    sv: 'En avskrivning ska ha en avskrivningstyp.',
    en: 'A write-off needs a write-off kind.',
  },
  'writeOffKind.notWriteOff': {
    da: 'Kun afskrivninger har en afskrivningstype.',
    sv: 'Endast avskrivningar har en avskrivningstyp.',
    en: 'Only write-offs have a write-off kind.',
  },
  'item.incomplete': {
    da: 'En åben post skal have tekst, beløb og dato.',
    sv: 'En öppen post ska ha text, belopp och datum.',
    en: 'An open item needs a text, an amount and a date.',
  },
  'reconciliation.inconsistent': {
    da: 'Kategori og underårsag skal være de samme i alle rækker for {value}.',
    sv: 'Kategori och underorsak ska vara desamma på alla rader för {value}.',
    en: 'Category and sub-reason must be the same on every row of {value}.',
  },
  'reconciliation.missing': {
    da: 'Konto {value} har ingen afstemning for perioden; indlæs afstemningsloggen først.',
    sv: 'Konto {value} har ingen avstämning för perioden; läs in avstämningsloggen först.',
    en: 'Account {value} has no reconciliation for the period; import the reconciliation log first.',
  },
  'reconciliation.locked': {
    da: 'Afstemningen af {value} er afgivet; genåbn den, før den ændres.',
    sv: 'Avstämningen av {value} är attesterad; öppna den igen innan den ändras.',
    en: 'The reconciliation of {value} is signed off; reopen it before changing it.',
  },
  'row.duplicate': {
    da: 'Rækken gentager {value} fra række {first}.',
    sv: 'Raden upprepar {value} från rad {first}.',
    en: 'The row repeats {value} from row {first}.',
  },
  'imCode.invalid': {
    da: 'IM-koden "{value}" skal skrives som 9, 9.28 eller 9.28.14 (hovedkonto 9, balancen).',
    sv: 'IM-koden "{value}" ska skrivas som 9, 9.28 eller 9.28.14 (huvudkonto 9, balansen).',
    en: 'The IM code "{value}" must be written 9, 9.28 or 9.28.14 (main account 9, the balance).',
  },
  'imCode.parentMissing': {
    da: '{value} mangler sin overordnede {parent}; tilføj {parent} i filen eller indlæs den først.',
    sv: '{value} saknar sin överordnade {parent}; lägg till {parent} i filen eller läs in den först.',
    en: '{value} has no parent {parent}; add {parent} to the file or import it first.',
  },
  'side.invalid': {
    da: 'Balancesiden "{value}" skal være aktiv eller passiv.',
    sv: 'Balanssidan "{value}" ska vara tillgång eller skuld.',
    en: 'The balance side "{value}" must be asset or liability.',
  },
  'side.mismatch': {
    da: '{value} står på en anden balanceside end {other}; en funktion står på sin gruppes side.',
    sv: '{value} står på en annan balanssida än {other}; en funktion står på sin grupps sida.',
    en: "{value} is on another balance side than {other}; a function is on its group's side.",
  },
  'imFunction.unknown': {
    da: 'IM-funktionen "{value}" findes ikke i kontoplanen (skriv den som 9.28.14; indlæs kontoplanen først).',
    sv: 'IM-funktionen "{value}" finns inte i kontoplanen (skriv den som 9.28.14; läs in kontoplanen först).',
    en: 'The IM function "{value}" is not in the chart of accounts (write it like 9.28.14; import the chart first).',
  },
  'reconciler.invalid': {
    da: '"{value}" skal være central eller forvaltning.',
    sv: '"{value}" ska vara central eller förvaltning.',
    en: '"{value}" must be central service or department.',
  },
  'format.wrongForFile': {
    da: 'Indlæsningen forventer talformatet {format}.',
    sv: 'Inläsningen förväntar talformatet {format}.',
    en: 'The import expects the number format {format}.',
  },
} satisfies Record<string, Localized>;

export type MessageCode = keyof typeof MESSAGES;

export const message = (code: MessageCode, locale: Locale, params: P = {}) => fill(MESSAGES[code][locale], params);

export const expectedWords: Record<ColumnType, Localized> = {
  account: { da: 'et kontonummer', sv: 'ett kontonummer', en: 'an account number' },
  period: { da: 'en periode', sv: 'en period', en: 'a period' },
  month: { da: 'en måned', sv: 'en månad', en: 'a month' },
  amount: { da: 'et beløb', sv: 'ett belopp', en: 'an amount' },
  count: { da: 'et antal', sv: 'ett antal', en: 'a count' },
  year: { da: 'et årstal', sv: 'ett årtal', en: 'a year' },
  text: { da: 'en tekst', sv: 'en text', en: 'a text' },
  date: { da: 'en dato', sv: 'ett datum', en: 'a date' },
  category: { da: 'en kategori', sv: 'en kategori', en: 'a category' },
  subReason: { da: 'en underårsag', sv: 'en underorsak', en: 'a sub-reason' },
  im: { da: 'en IM-funktion', sv: 'en IM-funktion', en: 'an IM function' },
  department: { da: 'en forvaltning', sv: 'en förvaltning', en: 'a department' },
  section: { da: 'et afsnit', sv: 'ett avsnitt', en: 'a section' },
  writeOffKind: { da: 'en afskrivningstype', sv: 'en avskrivningstyp', en: 'a write-off kind' },
  imCode: { da: 'en IM-kode', sv: 'en IM-kod', en: 'an IM code' },
  side: { da: 'en balanceside', sv: 'en balanssida', en: 'a balance side' },
  accountNumber: { da: 'et kontonummer', sv: 'ett kontonummer', en: 'an account number' },
  imFunction: { da: 'en IM-funktion', sv: 'en IM-funktion', en: 'an IM function' },
  reconciler: { da: 'hvem der afstemmer', sv: 'vem som stämmer av', en: 'who reconciles' },
};
