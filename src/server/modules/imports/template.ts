import ExcelJS from 'exceljs';
import type { Locale, Localized } from '../../../domain/i18n.js';
import { choiceLabel, choiceWords, headerText, instructionsSheetName, sheets, yesNoLabel, type ColumnSpec, type SheetSpec } from './columns.js';
import { MAX_IMPORT_BYTES } from './file.js';
import { columnLetter, MAX_ROWS_PER_SHEET } from './parse.js';
import { addGuideIntro, addGuideTable, cellFill, HEADER_FILL, styleDataHeader } from '../shared/workbook.js';

/**
 * The import template: one sheet per kind of row (findings, recommendations, plans and
 * measures) with headers in the chosen language, a frozen header row, an autofilter, drop-down
 * lists and number checks where they help, and an instructions sheet that explains every column
 * (meaning, whether required, an example, the accepted formats), how a row finds what it
 * updates, and the municipality's department codes.
 */

const L = (da: string, sv: string, en: string): Localized => ({ da, sv, en });

const texts = {
  title: L(
    'Tilsyn: indlæsning af revisionsbemærkninger, handleplaner og tiltag',
    'Tilsyn: inläsning av iakttagelser, yttranden och åtgärder',
    'Tilsyn: importing findings, action plans and measures',
  ),
  intro: [
    L(
      'Udfyld arkene Bemærkninger, Anbefalinger og Handleplaner, én række pr. bemærkning, anbefaling og tiltag. Lad overskriftsrækken stå; kolonnerne må gerne flyttes, og tomme rækker springes over.',
      'Fyll i bladen Iakttagelser, Rekommendationer och Yttranden och åtgärder, en rad per iakttagelse, rekommendation och åtgärd. Låt rubrikraden stå kvar; kolumnerna får flyttas och tomma rader hoppas över.',
      'Fill in the sheets Findings, Recommendations and Plans and measures, one row per finding, recommendation and measure. Keep the header row; columns may be moved, and empty rows are skipped.',
    ),
    L(
      'Indlæs filen under Indlæsning i Tilsyn (eller med "tilsyn import-xlsx"). Tilsyn viser først, hvad der vil blive oprettet og opdateret, og alle fejl med ark, række og kolonne; intet gemmes, før du vælger Indlæs, og da gemmes alt eller intet.',
      'Läs in filen under Inläsning i Tilsyn (eller med "tilsyn import-xlsx"). Tilsyn visar först vad som skapas och uppdateras och alla fel med blad, rad och kolumn; ingenting sparas förrän du väljer Läs in, och då sparas allt eller inget.',
      'Upload the file under Import in Tilsyn (or with "tilsyn import-xlsx"). Tilsyn first shows what will be created and updated, and every error with sheet, row and column; nothing is saved until you choose Import, and then everything or nothing is saved.',
    ),
    L(
      'Sådan findes det, en række opdaterer: en beretning er dens titel og år (store/små bogstaver og mellemrum er ligegyldige); en bemærkning er beretning + bemærkningsnummer; en anbefaling er bemærkning + anbefalingsnummer; en handleplan er bemærkning + forvaltning; et tiltag er handleplan + tiltagsnummer. Findes det allerede i Tilsyn, opdateres det; ellers oprettes det. Indlæses samme fil igen, ændres intet.',
      'Så hittas det som en rad uppdaterar: en rapport är dess rubrik och år (versaler och mellanslag spelar ingen roll); en iakttagelse är rapport + iakttagelsenummer; en rekommendation är iakttagelse + rekommendationsnummer; ett yttrande är iakttagelse + förvaltning; en åtgärd är yttrande + åtgärdsnummer. Finns det redan i Tilsyn uppdateras det, annars skapas det. Läses samma fil in igen ändras ingenting.',
      'How a row finds what it updates: a report is its title and year (letter case and spacing ignored); a finding is report + finding number; a recommendation is finding + recommendation number; a plan is finding + department; a measure is plan + measure number. What already exists in Tilsyn is updated, the rest is created. Importing the same file again changes nothing.',
    ),
    L(
      'En tom celle bevarer det, Tilsyn har. Indlæsningen sletter aldrig noget; slet i Tilsyn. Celler skal indeholde værdier, ikke formler. Højst {rows} rækker pr. ark og {mb} MB pr. fil.',
      'En tom cell behåller det som Tilsyn har. Inläsningen tar aldrig bort något; ta bort i Tilsyn. Cellerna ska innehålla värden, inte formler. Högst {rows} rader per blad och {mb} MB per fil.',
      'An empty cell keeps what Tilsyn has. The import never deletes anything; delete in Tilsyn. Cells must hold values, not formulas. At most {rows} rows per sheet and {mb} MB per file.',
    ),
  ],
  sheet: L('Ark', 'Blad', 'Sheet'),
  rowIs: L('én række er', 'en rad är', 'one row is'),
  columnHeaders: [
    L('Kolonne', 'Kolumn', 'Column'),
    L('Betydning', 'Betydelse', 'Meaning'),
    L('Skal udfyldes', 'Obligatorisk', 'Required'),
    L('Eksempel', 'Exempel', 'Example'),
    L('Format', 'Format', 'Format'),
  ],
  required: { always: L('Ja', 'Ja', 'Yes'), optional: L('Nej', 'Nej', 'No') },
  requiredNew: {
    report: L('For en ny beretning', 'För en ny rapport', 'For a new report'),
    finding: L('For en ny bemærkning', 'För en ny iakttagelse', 'For a new finding'),
    measure: L('For et nyt tiltag', 'För en ny åtgärd', 'For a new measure'),
  },
  departments: L('Forvaltningernes koder', 'Förvaltningarnas koder', 'Department codes'),
  code: L('Kode', 'Kod', 'Code'),
  name: L('Navn', 'Namn', 'Name'),
  noDepartments: L('Kommunen har endnu ingen forvaltninger.', 'Kommunen har ännu inga förvaltningar.', 'The municipality has no departments yet.'),
  listError: L('Vælg en værdi fra listen.', 'Välj ett värde i listan.', 'Choose a value from the list.'),
  numberError: L('Skriv et helt tal mellem {min} og {max}.', 'Skriv ett heltal mellan {min} och {max}.', 'Enter a whole number between {min} and {max}.'),
  dateError: L('Skriv en dato.', 'Skriv ett datum.', 'Enter a date.'),
  invalidTitle: L('Ugyldig værdi', 'Ogiltigt värde', 'Invalid value'),
};

const formats: Record<ColumnSpec['kind'], Localized> = {
  text: L('Tekst', 'Text', 'Text'),
  code: L('Tekst eller tal', 'Text eller tal', 'Text or number'),
  int: L('Helt tal ({min}–{max})', 'Heltal ({min}–{max})', 'Whole number ({min}–{max})'),
  date: L(
    'Dato som datocelle (fx 15.03.2025); tekst afvises',
    'Datum som datumcell (t.ex. 2025-03-15); text avvisas',
    'A date cell (e.g. 2025-03-15); text is refused',
  ),
  deadline: L(
    'Som I skriver en frist: 31.03.2026, marts 2026, Q1-2026, 1. kvartal 2026, 1. tertial 2026, 1. halvår 2026, 2026, eller en datocelle',
    'Som ni skriver en tidpunkt: 2026-03-31, mars 2026, Q1 2026, 1:a kvartalet 2026, T1 2026, första halvåret 2026, 2026, eller en datumcell',
    'As you write a deadline: 2026-03-31 or 31.03.2026, March 2026, Q1 2026, T1 2026, H1 2026, 2026, or a date cell',
  ),
  choice: L('Én af: {options}', 'Ett av: {options}', 'One of: {options}'),
  bool: L('ja eller nej', 'ja eller nej', 'yes or no'),
  codes: L(
    'Forvaltningskoder adskilt med komma, eller "alle"',
    'Förvaltningskoder åtskilda med komma, eller "alla"',
    'Department codes separated by commas, or "all"',
  ),
  numbers: L('Tal adskilt med komma', 'Tal åtskilda med komma', 'Numbers separated by commas'),
  email: L('E-mailadresse på en bruger i Tilsyn', 'E-postadress till en användare i Tilsyn', 'E-mail address of a Tilsyn user'),
};

const formatOf = (c: ColumnSpec, locale: Locale) =>
  formats[c.kind][locale]
    .replace('{min}', String(c.min ?? ''))
    .replace('{max}', String(c.max ?? ''))
    .replace(
      '{options}',
      c.choices
        ? Object.keys(choiceWords[c.choices])
            .map((v) => choiceLabel(c.choices!, v, locale))
            .join(', ')
        : '',
    );

function requiredOf(sheet: SheetSpec, c: ColumnSpec, locale: Locale): string {
  if (c.required !== 'new') return texts.required[c.required][locale];
  const what = sheet.key === 'plans' ? 'measure' : ['reportKind', 'auditor'].includes(c.key) ? 'report' : 'finding';
  return texts.requiredNew[what][locale];
}

export interface TemplateInput {
  locale: Locale;
  departments: { code: string; name: string }[];
}

export async function buildTemplate({ locale, departments }: TemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tilsyn';
  wb.created = new Date(Date.UTC(2025, 0, 1));
  const guideName = instructionsSheetName[locale];

  // The instructions first in the code, last in the tab order: the data sheets come first.
  const dataSheets = sheets.map((s) => wb.addWorksheet(s.name[locale], { views: [{ state: 'frozen', ySplit: 1 }] }));
  const guide = wb.addWorksheet(guideName);

  // The instructions sheet, with the department codes at the bottom (the list the plans sheet offers).
  guide.columns = [{ width: 30 }, { width: 70 }, { width: 22 }, { width: 28 }, { width: 48 }];
  addGuideIntro(
    guide,
    texts.title[locale],
    texts.intro.map((p) => p[locale].replace('{rows}', String(MAX_ROWS_PER_SHEET)).replace('{mb}', String(MAX_IMPORT_BYTES / (1024 * 1024)))),
    5,
  );
  for (const sheet of sheets) {
    addGuideTable(
      guide,
      `${texts.sheet[locale]}: ${sheet.name[locale]} (${texts.rowIs[locale]} ${sheet.rowIs[locale]})`,
      texts.columnHeaders.map((h) => h[locale]),
      sheet.columns.map((c) => [c.header[locale], c.help[locale], requiredOf(sheet, c, locale), c.example[locale], formatOf(c, locale)]),
      5,
    );
  }
  guide.addRow([]);
  const depHeading = guide.addRow([texts.departments[locale]]);
  depHeading.font = { bold: true, size: 12 };
  const depHead = guide.addRow([texts.code[locale], texts.name[locale]]);
  depHead.font = { bold: true };
  depHead.eachCell((cell) => (cell.fill = cellFill(HEADER_FILL)));
  const firstDepartmentRow = guide.rowCount + 1;
  for (const d of departments) guide.addRow([d.code, d.name]);
  if (!departments.length) guide.addRow([texts.noDepartments[locale]]);
  const lastDepartmentRow = guide.rowCount;

  const lastRow = MAX_ROWS_PER_SHEET + 1;
  const yesNo = [yesNoLabel(true, locale), yesNoLabel(false, locale)];
  sheets.forEach((sheet, i) => {
    const ws = dataSheets[i]!;
    // exceljs writes validations per address or range; its type declarations leave the collection out.
    const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    styleDataHeader(
      ws,
      sheet.columns.map((c) => ({
        header: headerText(c, locale),
        key: c.key,
        width: c.width,
        required: c.required === 'always',
        note: `${c.help[locale]}\n\n${formatOf(c, locale)}`,
      })),
    );
    sheet.columns.forEach((c, j) => {
      const letter = columnLetter(j + 1);
      const range = `${letter}2:${letter}${lastRow}`;
      const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'warning' as const, errorTitle: texts.invalidTitle[locale] };
      if (c.kind === 'choice') {
        const words = Object.keys(choiceWords[c.choices!]).map((v) => choiceLabel(c.choices!, v, locale));
        validations.add(range, { type: 'list', formulae: [`"${words.join(',')}"`], error: texts.listError[locale], ...common });
      } else if (c.kind === 'bool') {
        validations.add(range, { type: 'list', formulae: [`"${yesNo.join(',')}"`], error: texts.listError[locale], ...common });
      } else if (c.kind === 'int') {
        validations.add(range, {
          type: 'whole',
          operator: 'between',
          formulae: [c.min ?? 0, c.max ?? 1_000_000],
          error: texts.numberError[locale].replace('{min}', String(c.min)).replace('{max}', String(c.max)),
          ...common,
        });
      } else if (c.kind === 'date') {
        ws.getColumn(j + 1).numFmt = locale === 'da' ? 'dd.mm.yyyy' : 'yyyy-mm-dd';
        validations.add(range, {
          type: 'date',
          operator: 'greaterThan',
          formulae: [new Date(Date.UTC(1999, 11, 31))],
          error: texts.dateError[locale],
          ...common,
        });
      } else if (sheet.key === 'plans' && c.key === 'department' && departments.length) {
        const sheetRef = `'${guideName.replace(/'/g, "''")}'`;
        validations.add(range, {
          type: 'list',
          formulae: [`${sheetRef}!$A$${firstDepartmentRow}:$A$${lastDepartmentRow}`],
          error: texts.listError[locale],
          ...common,
        });
      }
    });
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
