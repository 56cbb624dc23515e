import type { Locale } from '../../../domain/i18n.js';
import { parseDeadline } from '../../../domain/deadline.js';
import type { WorkbookRefusalCode } from '../../xlsx/zip-guard.js';
import { defineMessages, type Entry, type Params } from '../catalogue.js';

/** A number in the reader's way of writing it (1.000.000 / 1 000 000 / 1,000,000). */
const num = (locale: Locale, value: string | number | undefined) =>
  value === undefined || value === '' ? '' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Number(value));

/** The archive entry a refusal names, or "the file" when it names none. */
const entryIn = (locale: Locale, p: Params) => (p.entry === undefined ? { da: 'filen', sv: 'filen', en: 'the file' }[locale] : String(p.entry));

/** A refusal of an uploaded workbook: `limit` (a number, shown in the reader's format) and `entry` (the archive entry). */
const refusal = (texts: Record<Locale, (limit: string, entry: string) => string>): Entry => ({
  da: (p) => texts.da(num('da', p.limit), entryIn('da', p)),
  sv: (p) => texts.sv(num('sv', p.limit), entryIn('sv', p)),
  en: (p) => texts.en(num('en', p.limit), entryIn('en', p)),
});

/** A deadline that does not parse (`input`): the domain words it (the reason, the input quoted, the accepted forms). */
const deadlineText = (locale: Locale) => (p: Params) => {
  const parsed = parseDeadline(String(p.input ?? ''));
  return parsed.ok ? '' : parsed.error.message[locale];
};
export const deadlineInvalid: Entry = { da: deadlineText('da'), sv: deadlineText('sv'), en: deadlineText('en') };

/** The refused workbooks (codes are the zip guard's, `uploads.` + its code). */
const workbookRefusals = defineMessages({
  'uploads.xlsx.tooManyEntries': refusal({
    da: (limit) => `Filen består af for mange dele: en Excel-projektmappe må højst have ${limit}.`,
    sv: (limit) => `Filen består av för många delar: en Excel-arbetsbok får ha högst ${limit}.`,
    en: (limit) => `The file consists of too many parts: an Excel workbook may have at most ${limit}.`,
  }),
  'uploads.xlsx.unpackedTooLarge': refusal({
    da: (limit) => `Filen fylder for meget udpakket: højst ${limit} MB pr. projektmappe. Del den op i flere filer.`,
    sv: (limit) => `Filen är för stor uppackad: högst ${limit} MB per arbetsbok. Dela upp den i flera filer.`,
    en: (limit) => `The file is too large when unpacked: at most ${limit} MB per workbook. Split it into several files.`,
  }),
  'uploads.xlsx.tooManyCells': refusal({
    da: (limit) => `Projektmappen har for mange celler: højst ${limit} pr. fil. Del den op i flere filer.`,
    sv: (limit) => `Arbetsboken har för många celler: högst ${limit} per fil. Dela upp den i flera filer.`,
    en: (limit) => `The workbook has too many cells: at most ${limit} per file. Split it into several files.`,
  }),
  'uploads.xlsx.tooManyRows': refusal({
    da: (limit) => `Projektmappen har for mange rækker: højst ${limit} pr. fil. Del den op i flere filer.`,
    sv: (limit) => `Arbetsboken har för många rader: högst ${limit} per fil. Dela upp den i flera filer.`,
    en: (limit) => `The workbook has too many rows: at most ${limit} per file. Split it into several files.`,
  }),
  'uploads.xlsx.tooManyStrings': refusal({
    da: (limit) => `Projektmappen har for mange tekster: højst ${limit} pr. fil. Del den op i flere filer.`,
    sv: (limit) => `Arbetsboken har för många texter: högst ${limit} per fil. Dela upp den i flera filer.`,
    en: (limit) => `The workbook has too many texts: at most ${limit} per file. Split it into several files.`,
  }),
  'uploads.xlsx.tooManyElements': refusal({
    da: (limit) => `Projektmappen er for stor: højst ${limit} XML-elementer pr. fil. Del den op i flere filer.`,
    sv: (limit) => `Arbetsboken är för stor: högst ${limit} XML-element per fil. Dela upp den i flera filer.`,
    en: (limit) => `The workbook is too large: at most ${limit} XML elements per file. Split it into several files.`,
  }),
  'uploads.xlsx.tooDeep': refusal({
    da: (limit, entry) =>
      `Filen er ikke en almindelig Excel-projektmappe: ${entry} er indlejret mere end ${limit} niveauer dybt. Gem den igen i Excel som .xlsx.`,
    sv: (limit, entry) => `Filen är inte en vanlig Excel-arbetsbok: ${entry} är nästlad mer än ${limit} nivåer djupt. Spara den igen i Excel som .xlsx.`,
    en: (limit, entry) => `The file is not an ordinary Excel workbook: ${entry} is nested more than ${limit} levels deep. Save it again in Excel as .xlsx.`,
  }),
  'uploads.xlsx.entityDeclaration': refusal({
    da: (_limit, entry) =>
      `Filen indeholder en DTD- eller entitetserklæring (<!DOCTYPE, <!ENTITY) i ${entry}. Excel skriver aldrig sådanne, og de afvises af sikkerhedshensyn. Gem filen igen i Excel som .xlsx.`,
    sv: (_limit, entry) =>
      `Filen innehåller en DTD- eller entitetsdeklaration (<!DOCTYPE, <!ENTITY) i ${entry}. Excel skriver aldrig sådana, och de avvisas av säkerhetsskäl. Spara filen igen i Excel som .xlsx.`,
    en: (_limit, entry) =>
      `The file contains a DTD or entity declaration (<!DOCTYPE, <!ENTITY) in ${entry}. Excel never writes them, and they are refused for security. Save the file again in Excel as .xlsx.`,
  }),
  'uploads.xlsx.notUtf8': refusal({
    da: (_limit, entry) => `Filen er ikke en almindelig Excel-projektmappe: ${entry} er ikke tekst i UTF-8. Gem den igen i Excel som .xlsx.`,
    sv: (_limit, entry) => `Filen är inte en vanlig Excel-arbetsbok: ${entry} är inte text i UTF-8. Spara den igen i Excel som .xlsx.`,
    en: (_limit, entry) => `The file is not an ordinary Excel workbook: ${entry} is not UTF-8 text. Save it again in Excel as .xlsx.`,
  }),
  'uploads.xlsx.sizeMismatch': refusal({
    da: (_limit, entry) => `Filen er beskadiget: ${entry} fylder udpakket ikke det, filen selv angiver. Gem den igen i Excel, og prøv på ny.`,
    sv: (_limit, entry) => `Filen är skadad: ${entry} är uppackad inte så stor som filen själv anger. Spara den igen i Excel och försök på nytt.`,
    en: (_limit, entry) => `The file is damaged: ${entry} does not unpack to the size the file itself declares. Save it again in Excel and retry.`,
  }),
  'uploads.xlsx.damaged': {
    da: 'Filen er beskadiget eller ikke en Excel-projektmappe (.xlsx). Gem den igen i Excel, og prøv på ny.',
    sv: 'Filen är skadad eller inte en Excel-arbetsbok (.xlsx). Spara den igen i Excel och försök på nytt.',
    en: 'The file is damaged or not an Excel workbook (.xlsx). Save it again in Excel and retry.',
  },
} satisfies Record<`uploads.${WorkbookRefusalCode}`, Entry>);

/** The messages of the shared upload code: multipart, import slots, refused workbooks, typed deadlines (codes 'uploads.…'). */
export const uploadsMessages = defineMessages({
  'uploads.multipartBoundary': {
    da: 'En multipart-forespørgsel skal have en grænse (boundary) på 1 til 70 tegn',
    sv: 'En multipart-begäran ska ha en gräns (boundary) på 1 till 70 tecken',
    en: 'A multipart request needs a boundary of 1 to 70 characters',
  },
  'uploads.multipartTruncated': {
    da: 'Multipart-indholdet slutter før sin afsluttende grænse',
    sv: 'Multipart-innehållet slutar före sin avslutande gräns',
    en: 'The multipart body ends before its closing boundary',
  },
  'uploads.importBusy': {
    da: 'Serveren indlæser allerede {max} filer. Prøv igen om {seconds} sekunder.',
    sv: 'Servern läser redan in {max} filer. Försök igen om {seconds} sekunder.',
    en: 'The server is already importing {max} files. Try again in {seconds} seconds.',
  },
  'uploads.deadlineInvalid': deadlineInvalid,
  ...workbookRefusals,
});
