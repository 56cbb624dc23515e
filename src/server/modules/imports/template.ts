import ExcelJS from 'exceljs';
import type { Locale } from '../../../domain/i18n.js';
import type { Params } from '../../i18n/catalogue.js';
import { type MessageCode, renderMessage } from '../../i18n/messages.js';
import {
  choiceOptions,
  columnText,
  headerText,
  instructionsSheetName,
  sheetName,
  sheetRowIs,
  sheets,
  yesNoLabel,
  type ColumnSpec,
  type SheetSpec,
} from './columns.js';
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

const formatCodes = {
  text: 'imports.formatText',
  code: 'imports.formatCode',
  int: 'imports.formatInt',
  date: 'imports.formatDate',
  deadline: 'imports.formatDeadline',
  choice: 'imports.formatChoice',
  bool: 'imports.formatBool',
  codes: 'imports.formatCodes',
  numbers: 'imports.formatNumbers',
  email: 'imports.formatEmail',
} as const satisfies Record<ColumnSpec['kind'], MessageCode>;

const formatOf = (c: ColumnSpec, locale: Locale) =>
  renderMessage(locale, formatCodes[c.kind], {
    min: c.min ?? '',
    max: c.max ?? '',
    options: c.choices ? choiceOptions(c.choices, locale).join(', ') : '',
  });

const requiredNewCodes = {
  report: 'imports.templateRequiredNewReport',
  finding: 'imports.templateRequiredNewFinding',
  measure: 'imports.templateRequiredNewMeasure',
} as const;

function requiredOf(sheet: SheetSpec, c: ColumnSpec, locale: Locale): string {
  const t = (code: MessageCode) => renderMessage(locale, code);
  if (c.required !== 'new') return t(c.required === 'always' ? 'imports.templateRequiredAlways' : 'imports.templateRequiredOptional');
  const what = sheet.key === 'plans' ? 'measure' : ['reportKind', 'auditor'].includes(c.key) ? 'report' : 'finding';
  return t(requiredNewCodes[what]);
}

export interface TemplateInput {
  locale: Locale;
  departments: { code: string; name: string }[];
}

export async function buildTemplate({ locale, departments }: TemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tilsyn';
  wb.created = new Date(Date.UTC(2025, 0, 1));
  const t = (code: MessageCode, params?: Params) => renderMessage(locale, code, params);
  const guideName = instructionsSheetName(locale);

  // The instructions first in the code, last in the tab order: the data sheets come first.
  const dataSheets = sheets.map((s) => wb.addWorksheet(sheetName(s, locale), { views: [{ state: 'frozen', ySplit: 1 }] }));
  const guide = wb.addWorksheet(guideName);

  // The instructions sheet, with the department codes at the bottom (the list the plans sheet offers).
  guide.columns = [{ width: 30 }, { width: 70 }, { width: 22 }, { width: 28 }, { width: 48 }];
  addGuideIntro(
    guide,
    t('imports.templateTitle'),
    (['imports.templateIntro1', 'imports.templateIntro2', 'imports.templateIntro3', 'imports.templateIntro4'] as const).map((code) =>
      t(code, { rows: MAX_ROWS_PER_SHEET, mb: MAX_IMPORT_BYTES / (1024 * 1024) }),
    ),
    5,
  );
  for (const sheet of sheets) {
    addGuideTable(
      guide,
      `${t('imports.templateSheet')}: ${sheetName(sheet, locale)} (${t('imports.templateRowIs')} ${sheetRowIs(sheet, locale)})`,
      (
        [
          'imports.templateHeaderColumn',
          'imports.templateHeaderMeaning',
          'imports.templateHeaderRequired',
          'imports.templateHeaderExample',
          'imports.templateHeaderFormat',
        ] as const
      ).map((code) => t(code)),
      sheet.columns.map((c) => [
        columnText(sheet, c, 'header', locale),
        columnText(sheet, c, 'help', locale),
        requiredOf(sheet, c, locale),
        columnText(sheet, c, 'example', locale),
        formatOf(c, locale),
      ]),
      5,
    );
  }
  guide.addRow([]);
  const depHeading = guide.addRow([t('imports.templateDepartments')]);
  depHeading.font = { bold: true, size: 12 };
  const depHead = guide.addRow([t('imports.templateCode'), t('imports.templateName')]);
  depHead.font = { bold: true };
  depHead.eachCell((cell) => (cell.fill = cellFill(HEADER_FILL)));
  const firstDepartmentRow = guide.rowCount + 1;
  for (const d of departments) guide.addRow([d.code, d.name]);
  if (!departments.length) guide.addRow([t('imports.templateNoDepartments')]);
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
        header: headerText(sheet, c, locale),
        key: c.key,
        width: c.width,
        required: c.required === 'always',
        note: `${columnText(sheet, c, 'help', locale)}\n\n${formatOf(c, locale)}`,
      })),
    );
    sheet.columns.forEach((c, j) => {
      const letter = columnLetter(j + 1);
      const range = `${letter}2:${letter}${lastRow}`;
      const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'warning' as const, errorTitle: t('imports.templateInvalidTitle') };
      if (c.kind === 'choice') {
        const words = choiceOptions(c.choices!, locale);
        validations.add(range, { type: 'list', formulae: [`"${words.join(',')}"`], error: t('imports.templateListError'), ...common });
      } else if (c.kind === 'bool') {
        validations.add(range, { type: 'list', formulae: [`"${yesNo.join(',')}"`], error: t('imports.templateListError'), ...common });
      } else if (c.kind === 'int') {
        validations.add(range, {
          type: 'whole',
          operator: 'between',
          formulae: [c.min ?? 0, c.max ?? 1_000_000],
          error: t('imports.templateNumberError', { min: String(c.min), max: String(c.max) }),
          ...common,
        });
      } else if (c.kind === 'date') {
        ws.getColumn(j + 1).numFmt = locale === 'da' ? 'dd.mm.yyyy' : 'yyyy-mm-dd';
        validations.add(range, {
          type: 'date',
          operator: 'greaterThan',
          formulae: [new Date(Date.UTC(1999, 11, 31))],
          error: t('imports.templateDateError'),
          ...common,
        });
      } else if (sheet.key === 'plans' && c.key === 'department' && departments.length) {
        const sheetRef = `'${guideName.replace(/'/g, "''")}'`;
        validations.add(range, {
          type: 'list',
          formulae: [`${sheetRef}!$A$${firstDepartmentRow}:$A$${lastDepartmentRow}`],
          error: t('imports.templateListError'),
          ...common,
        });
      }
    });
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
