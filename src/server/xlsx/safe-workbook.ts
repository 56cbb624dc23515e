/**
 * Uploaded workbooks for exceljs: checked by the zip guard first (zip-guard.ts), then exceljs
 * reads only the re-packed, checked entries. Also the answer to a refused workbook: 413 or 422
 * problem+json whose error names the limit, in the reader's language.
 */
import ExcelJS from 'exceljs';
import type { Locale, Localized } from '../../domain/i18n.js';
import { Problem } from '../http/problem.js';
import { checkWorkbookBuffer, WORKBOOK_LIMITS, WorkbookRefused, type WorkbookLimits, type WorkbookRefusalCode } from './zip-guard.js';

export { WorkbookRefused } from './zip-guard.js';

/**
 * A workbook read by exceljs from the checked entries of the upload. Throws WorkbookRefused: a
 * broken limit, or `xlsx.damaged` when the archive or exceljs cannot read it.
 */
export async function loadCheckedWorkbook(bytes: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS): Promise<ExcelJS.Workbook> {
  const checked = await checkWorkbookBuffer(bytes, limits);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs reads a Node Buffer; its type declares its own Buffer interface.
    await wb.xlsx.load(checked.bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new WorkbookRefused('xlsx.damaged', null, null, `exceljs could not read it (${(err as Error).message})`);
  }
  return wb;
}

type Params = { limit: string; entry: string };
const L = (da: (p: Params) => string, sv: (p: Params) => string, en: (p: Params) => string) => ({ da, sv, en });

const messages: Record<WorkbookRefusalCode, Record<Locale, (p: Params) => string>> = {
  'xlsx.tooManyEntries': L(
    (p) => `Filen består af for mange dele: en Excel-projektmappe må højst have ${p.limit}.`,
    (p) => `Filen består av för många delar: en Excel-arbetsbok får ha högst ${p.limit}.`,
    (p) => `The file consists of too many parts: an Excel workbook may have at most ${p.limit}.`,
  ),
  'xlsx.unpackedTooLarge': L(
    (p) => `Filen fylder for meget udpakket: højst ${p.limit} MB pr. projektmappe. Del den op i flere filer.`,
    (p) => `Filen är för stor uppackad: högst ${p.limit} MB per arbetsbok. Dela upp den i flera filer.`,
    (p) => `The file is too large when unpacked: at most ${p.limit} MB per workbook. Split it into several files.`,
  ),
  'xlsx.tooManyCells': L(
    (p) => `Projektmappen har for mange celler: højst ${p.limit} pr. fil. Del den op i flere filer.`,
    (p) => `Arbetsboken har för många celler: högst ${p.limit} per fil. Dela upp den i flera filer.`,
    (p) => `The workbook has too many cells: at most ${p.limit} per file. Split it into several files.`,
  ),
  'xlsx.tooManyRows': L(
    (p) => `Projektmappen har for mange rækker: højst ${p.limit} pr. fil. Del den op i flere filer.`,
    (p) => `Arbetsboken har för många rader: högst ${p.limit} per fil. Dela upp den i flera filer.`,
    (p) => `The workbook has too many rows: at most ${p.limit} per file. Split it into several files.`,
  ),
  'xlsx.tooManyStrings': L(
    (p) => `Projektmappen har for mange tekster: højst ${p.limit} pr. fil. Del den op i flere filer.`,
    (p) => `Arbetsboken har för många texter: högst ${p.limit} per fil. Dela upp den i flera filer.`,
    (p) => `The workbook has too many texts: at most ${p.limit} per file. Split it into several files.`,
  ),
  'xlsx.tooManyElements': L(
    (p) => `Projektmappen er for stor: højst ${p.limit} XML-elementer pr. fil. Del den op i flere filer.`,
    (p) => `Arbetsboken är för stor: högst ${p.limit} XML-element per fil. Dela upp den i flera filer.`,
    (p) => `The workbook is too large: at most ${p.limit} XML elements per file. Split it into several files.`,
  ),
  'xlsx.tooDeep': L(
    (p) => `Filen er ikke en almindelig Excel-projektmappe: ${p.entry} er indlejret mere end ${p.limit} niveauer dybt. Gem den igen i Excel som .xlsx.`,
    (p) => `Filen är inte en vanlig Excel-arbetsbok: ${p.entry} är nästlad mer än ${p.limit} nivåer djupt. Spara den igen i Excel som .xlsx.`,
    (p) => `The file is not an ordinary Excel workbook: ${p.entry} is nested more than ${p.limit} levels deep. Save it again in Excel as .xlsx.`,
  ),
  'xlsx.entityDeclaration': L(
    (p) =>
      `Filen indeholder en DTD- eller entitetserklæring (<!DOCTYPE, <!ENTITY) i ${p.entry}. Excel skriver aldrig sådanne, og de afvises af sikkerhedshensyn. Gem filen igen i Excel som .xlsx.`,
    (p) =>
      `Filen innehåller en DTD- eller entitetsdeklaration (<!DOCTYPE, <!ENTITY) i ${p.entry}. Excel skriver aldrig sådana, och de avvisas av säkerhetsskäl. Spara filen igen i Excel som .xlsx.`,
    (p) =>
      `The file contains a DTD or entity declaration (<!DOCTYPE, <!ENTITY) in ${p.entry}. Excel never writes them, and they are refused for security. Save the file again in Excel as .xlsx.`,
  ),
  'xlsx.notUtf8': L(
    (p) => `Filen er ikke en almindelig Excel-projektmappe: ${p.entry} er ikke tekst i UTF-8. Gem den igen i Excel som .xlsx.`,
    (p) => `Filen är inte en vanlig Excel-arbetsbok: ${p.entry} är inte text i UTF-8. Spara den igen i Excel som .xlsx.`,
    (p) => `The file is not an ordinary Excel workbook: ${p.entry} is not UTF-8 text. Save it again in Excel as .xlsx.`,
  ),
  'xlsx.sizeMismatch': L(
    (p) => `Filen er beskadiget: ${p.entry} fylder udpakket ikke det, filen selv angiver. Gem den igen i Excel, og prøv på ny.`,
    (p) => `Filen är skadad: ${p.entry} är uppackad inte så stor som filen själv anger. Spara den igen i Excel och försök på nytt.`,
    (p) => `The file is damaged: ${p.entry} does not unpack to the size the file itself declares. Save it again in Excel and retry.`,
  ),
  'xlsx.damaged': L(
    () => 'Filen er beskadiget eller ikke en Excel-projektmappe (.xlsx). Gem den igen i Excel, og prøv på ny.',
    () => 'Filen är skadad eller inte en Excel-arbetsbok (.xlsx). Spara den igen i Excel och försök på nytt.',
    () => 'The file is damaged or not an Excel workbook (.xlsx). Save it again in Excel and retry.',
  ),
};

/** The refusal in words, naming the limit (numbers in the reader's format; bytes as MB). */
export function refusalMessage(err: WorkbookRefused, locale: Locale): string {
  const value = err.code === 'xlsx.unpackedTooLarge' && err.limit !== null ? err.limit / (1024 * 1024) : err.limit;
  const limit = value === null ? '' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return messages[err.code][locale]({ limit, entry: err.entry ?? { da: 'filen', sv: 'filen', en: 'the file' }[locale] });
}

export function refusalTexts(err: WorkbookRefused): Localized {
  return { da: refusalMessage(err, 'da'), sv: refusalMessage(err, 'sv'), en: refusalMessage(err, 'en') };
}

/**
 * The problem for a refused workbook: 413 (over a size limit) or 422 (malformed, declarations),
 * with one error naming the limit's code and `limit`; `where` says where, in the shape of the
 * route's other errors (e.g. `{ field: 'file' }` or `{ field: 'body.left' }`).
 */
export function refusalProblem(err: WorkbookRefused, locale: Locale, where: Record<string, unknown> & { field: string }): Problem {
  const message = refusalMessage(err, locale);
  const error = { ...where, code: err.code, message, ...(err.limit !== null ? { limit: err.limit } : {}) };
  return new Problem(err.status, err.status === 413 ? 'payloadTooLarge' : 'validation', refusalTexts(err), [error]);
}
