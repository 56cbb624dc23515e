import type { Locale } from '../../../domain/i18n.js';
import type { Entry, Params } from '../catalogue.js';
import { defineMessages } from '../catalogue.js';
import { deadlineInvalid } from './uploads.js';

/**
 * The import's messages in Danish, Swedish and English (codes 'imports.' + the issue's own code).
 * Each says what is wrong and, where it can, what to do about it; the sheet, row and column travel
 * beside the message. Lists arrive joined (`a, b, c`); words that differ by language (what is new,
 * what a file seems to be) arrive as keys.
 */

const quote: Record<Locale, (s: string) => string> = { da: (s) => `»${s}«`, sv: (s) => `”${s}”`, en: (s) => `“${s}”` };
const clip = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
};
const q = (l: Locale, s: string) => quote[l](clip(s));

type Msg = (l: Locale, p: Params) => string;

const s = (p: Params, k: string) => String(p[k] ?? '');

const L = (da: Msg, sv: Msg, en: Msg): Entry => ({ da: (p) => da('da', p), sv: (p) => sv('sv', p), en: (p) => en('en', p) });

/** "new report / finding / measure" for cell.requiredNew (`what` is the key). */
const entityWords: Record<string, Record<Locale, string>> = {
  report: { da: 'beretningen', sv: 'rapporten', en: 'report' },
  finding: { da: 'bemærkningen', sv: 'iakttagelsen', en: 'finding' },
  measure: { da: 'tiltaget', sv: 'åtgärden', en: 'measure' },
  plan: { da: 'handleplanen', sv: 'yttrandet', en: 'plan' },
  recommendation: { da: 'anbefalingen', sv: 'rekommendationen', en: 'recommendation' },
};
const what = (l: Locale, p: Params) => entityWords[s(p, 'what')]?.[l] ?? s(p, 'what');

/** What a file that is not an .xlsx looks like, for import.notXlsx (`seems` is the key). */
const seemsWords: Record<string, Record<Locale, string>> = {
  pdf: { da: 'en PDF', sv: 'en PDF', en: 'a PDF' },
  text: { da: 'en tekst- eller CSV-fil', sv: 'en text- eller CSV-fil', en: 'a text or CSV file' },
  image: { da: 'et billede', sv: 'en bild', en: 'an image' },
  opendocument: { da: 'et OpenDocument-regneark (.ods)', sv: 'ett OpenDocument-kalkylblad (.ods)', en: 'an OpenDocument spreadsheet (.ods)' },
};
const seems = (l: Locale, p: Params) => seemsWords[s(p, 'seems')]?.[l] ?? s(p, 'seems');

/** A size in MB in the reader's way of writing numbers. */
const mb = (l: Locale, p: Params) => new Intl.NumberFormat(l, { maximumFractionDigits: 1 }).format(Number(p.limit));

export const importsMessages = defineMessages({
  // The file as a whole
  'imports.import.fileMissing': L(
    () => 'Vælg en Excel-fil (.xlsx) og send den i feltet "file".',
    () => 'Välj en Excel-fil (.xlsx) och skicka den i fältet "file".',
    () => 'Choose an Excel file (.xlsx) and send it in the field "file".',
  ),
  'imports.import.empty': L(
    () => 'Filen er tom.',
    () => 'Filen är tom.',
    () => 'The file is empty.',
  ),
  'imports.import.tooLarge': L(
    (l, p) => `Filen er for stor: højst ${mb(l, p)} MB kan indlæses. Del den op i flere filer.`,
    (l, p) => `Filen är för stor: högst ${mb(l, p)} MB kan läsas in. Dela upp den i flera filer.`,
    (l, p) => `The file is too large: at most ${mb(l, p)} MB can be imported. Split it into several files.`,
  ),
  'imports.import.encrypted': L(
    () =>
      'Filen er beskyttet med adgangskode (krypteret) og kan ikke læses. Fjern adgangskoden i Excel (Filer › Oplysninger › Beskyt projektmappe › Krypter med adgangskode) og gem igen.',
    () =>
      'Filen är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort lösenordet i Excel (Arkiv › Information › Skydda arbetsbok › Kryptera med lösenord) och spara igen.',
    () =>
      'The file is password-protected (encrypted) and cannot be read. Remove the password in Excel (File › Info › Protect Workbook › Encrypt with Password) and save again.',
  ),
  'imports.import.legacyOffice': L(
    () => 'Filen er i det gamle Excel 97-2003-format (.xls) eller en anden ældre Office-fil. Gem den som Excel-projektmappe (.xlsx).',
    () => 'Filen är i det gamla formatet Excel 97-2003 (.xls) eller en annan äldre Office-fil. Spara den som Excel-arbetsbok (.xlsx).',
    () => 'The file is in the old Excel 97-2003 format (.xls) or another legacy Office format. Save it as an Excel workbook (.xlsx).',
  ),
  'imports.import.notXlsx': L(
    (l, p) => `Filen er ikke en Excel-projektmappe (.xlsx)${p.seems ? `; den ligner ${seems(l, p)}` : ''}. Brug skabelonen og gem som .xlsx.`,
    (l, p) => `Filen är inte en Excel-arbetsbok (.xlsx)${p.seems ? `; den ser ut som ${seems(l, p)}` : ''}. Använd mallen och spara som .xlsx.`,
    (l, p) => `The file is not an Excel workbook (.xlsx)${p.seems ? `; it looks like ${seems(l, p)}` : ''}. Use the template and save as .xlsx.`,
  ),
  'imports.import.damaged': L(
    () => 'Filen er beskadiget eller ufuldstændig (måske blev overførslen afbrudt). Gem den igen i Excel, og prøv på ny.',
    () => 'Filen är skadad eller ofullständig (överföringen kanske avbröts). Spara den igen i Excel och försök på nytt.',
    () => 'The file is damaged or incomplete (perhaps the transfer was cut off). Save it again in Excel and retry.',
  ),
  'imports.import.notWorkbook': L(
    () => 'Filen er en ZIP-fil, men ikke en Excel-projektmappe (måske et Word-dokument). Brug skabelonen og gem som .xlsx.',
    () => 'Filen är en ZIP-fil men inte en Excel-arbetsbok (kanske ett Word-dokument). Använd mallen och spara som .xlsx.',
    () => 'The file is a ZIP archive but not an Excel workbook (a Word document, perhaps). Use the template and save as .xlsx.',
  ),
  'imports.import.noSheets': L(
    (_l, p) => `Filen har ingen af skabelonens ark (${s(p, 'expected')}). Brug skabelonen.`,
    (_l, p) => `Filen har inget av mallens blad (${s(p, 'expected')}). Använd mallen.`,
    (_l, p) => `The file has none of the template's sheets (${s(p, 'expected')}). Use the template.`,
  ),
  'imports.import.tooManyRows': L(
    (_l, p) => `Arket har ${s(p, 'rows')} rækker; højst ${s(p, 'limit')} kan indlæses ad gangen.`,
    (_l, p) => `Bladet har ${s(p, 'rows')} rader; högst ${s(p, 'limit')} kan läsas in åt gången.`,
    (_l, p) => `The sheet has ${s(p, 'rows')} rows; at most ${s(p, 'limit')} can be imported at a time.`,
  ),
  'imports.import.columnMissing': L(
    (l, p) => `Kolonnen ${q(l, s(p, 'header'))} mangler i overskriftsrækken.`,
    (l, p) => `Kolumnen ${q(l, s(p, 'header'))} saknas i rubrikraden.`,
    (l, p) => `The column ${q(l, s(p, 'header'))} is missing from the header row.`,
  ),
  'imports.import.columnDuplicate': L(
    (l, p) => `Kolonnen ${q(l, s(p, 'header'))} står to gange (også i kolonne ${s(p, 'other')}).`,
    (l, p) => `Kolumnen ${q(l, s(p, 'header'))} finns två gånger (även i kolumn ${s(p, 'other')}).`,
    (l, p) => `The column ${q(l, s(p, 'header'))} appears twice (also in column ${s(p, 'other')}).`,
  ),

  // One cell
  'imports.cell.required': L(
    () => 'Skal udfyldes.',
    () => 'Ska fyllas i.',
    () => 'Required.',
  ),
  'imports.cell.requiredNew': L(
    (l, p) => `Skal udfyldes, fordi ${what(l, p)} er ny.`,
    (l, p) => `Ska fyllas i eftersom ${what(l, p)} är ny.`,
    (l, p) => `Required because the ${what(l, p)} is new.`,
  ),
  'imports.cell.formula': L(
    (l, p) => `Cellen indeholder en formel (${q(l, `=${s(p, 'formula')}`)}); skriv selve værdien (kopier og indsæt som værdier).`,
    (l, p) => `Cellen innehåller en formel (${q(l, `=${s(p, 'formula')}`)}); skriv själva värdet (kopiera och klistra in som värden).`,
    (l, p) => `The cell holds a formula (${q(l, `=${s(p, 'formula')}`)}); enter the value itself (copy and paste as values).`,
  ),
  'imports.cell.excelError': L(
    (_l, p) => `Cellen indeholder Excel-fejlen ${s(p, 'error')}.`,
    (_l, p) => `Cellen innehåller Excel-felet ${s(p, 'error')}.`,
    (_l, p) => `The cell holds the Excel error ${s(p, 'error')}.`,
  ),
  'imports.cell.notText': L(
    (l, p) =>
      `Her skal stå tekst, men cellen indeholder ${p.kind === 'date' ? 'en dato' : p.kind === 'boolean' ? 'en sandhedsværdi' : 'et tal'} (${q(l, s(p, 'value'))}). Står værdien i den rigtige kolonne?`,
    (l, p) =>
      `Här ska det stå text, men cellen innehåller ${p.kind === 'date' ? 'ett datum' : p.kind === 'boolean' ? 'ett sanningsvärde' : 'ett tal'} (${q(l, s(p, 'value'))}). Står värdet i rätt kolumn?`,
    (l, p) =>
      `Text is expected here, but the cell holds ${p.kind === 'date' ? 'a date' : p.kind === 'boolean' ? 'a true/false value' : 'a number'} (${q(l, s(p, 'value'))}). Is the value in the right column?`,
  ),
  'imports.cell.notInteger': L(
    (l, p) => `Her skal stå et helt tal, ikke ${q(l, s(p, 'value'))}.`,
    (l, p) => `Här ska det stå ett heltal, inte ${q(l, s(p, 'value'))}.`,
    (l, p) => `A whole number is expected here, not ${q(l, s(p, 'value'))}.`,
  ),
  'imports.cell.outOfRange': L(
    (_l, p) => `Tallet skal ligge mellem ${s(p, 'min')} og ${s(p, 'max')}.`,
    (_l, p) => `Talet ska ligga mellan ${s(p, 'min')} och ${s(p, 'max')}.`,
    (_l, p) => `The number must be between ${s(p, 'min')} and ${s(p, 'max')}.`,
  ),
  'imports.cell.notDate': L(
    (l, p) =>
      `Her skal stå en dato, men cellen indeholder ${p.kind === 'text' ? 'tekst' : 'et tal'} (${q(l, s(p, 'value'))}). Formatér cellen som dato, og skriv datoen igen, så Excel genkender den.`,
    (l, p) =>
      `Här ska det stå ett datum, men cellen innehåller ${p.kind === 'text' ? 'text' : 'ett tal'} (${q(l, s(p, 'value'))}). Formatera cellen som datum och skriv datumet igen så att Excel känner igen det.`,
    (l, p) =>
      `A date is expected here, but the cell holds ${p.kind === 'text' ? 'text' : 'a number'} (${q(l, s(p, 'value'))}). Format the cell as a date and type the date again so that Excel recognises it.`,
  ),
  'imports.cell.nul': L(
    () => 'Cellen indeholder tegnet U+0000 (et nul-tegn), som ikke kan gemmes. Skriv teksten igen uden det.',
    () => 'Cellen innehåller tecknet U+0000 (ett nolltecken), som inte kan sparas. Skriv texten igen utan det.',
    () => 'The cell holds the character U+0000 (a null character), which cannot be stored. Type the text again without it.',
  ),
  'imports.cell.tooLong': L(
    (_l, p) => `Teksten er for lang: højst ${s(p, 'max')} tegn (den har ${s(p, 'length')}).`,
    (_l, p) => `Texten är för lång: högst ${s(p, 'max')} tecken (den har ${s(p, 'length')}).`,
    (_l, p) => `The text is too long: at most ${s(p, 'max')} characters (it has ${s(p, 'length')}).`,
  ),
  'imports.cell.choice': L(
    (l, p) => `${q(l, s(p, 'value'))} er ikke en af mulighederne: ${s(p, 'options')}.`,
    (l, p) => `${q(l, s(p, 'value'))} är inte ett av alternativen: ${s(p, 'options')}.`,
    (l, p) => `${q(l, s(p, 'value'))} is not one of the options: ${s(p, 'options')}.`,
  ),
  'imports.cell.yesNo': L(
    (l, p) => `Skriv ja eller nej, ikke ${q(l, s(p, 'value'))}.`,
    (l, p) => `Skriv ja eller nej, inte ${q(l, s(p, 'value'))}.`,
    (l, p) => `Write yes or no, not ${q(l, s(p, 'value'))}.`,
  ),
  'imports.cell.email': L(
    (l, p) => `${q(l, s(p, 'value'))} er ikke en e-mailadresse.`,
    (l, p) => `${q(l, s(p, 'value'))} är inte en e-postadress.`,
    (l, p) => `${q(l, s(p, 'value'))} is not an e-mail address.`,
  ),
  'imports.deadline.notNumber': L(
    (l, p) => `Tallet ${q(l, s(p, 'value'))} er ikke en frist; skriv et årstal, en dato eller fx Q1-2026.`,
    (l, p) => `Talet ${q(l, s(p, 'value'))} är inte en tidpunkt; skriv ett årtal, ett datum eller t.ex. Q1 2026.`,
    (l, p) => `The number ${q(l, s(p, 'value'))} is not a deadline; write a year, a date or e.g. Q1 2026.`,
  ),

  // Rules of the data
  'imports.department.unknown': L(
    (l, p) => `Ukendt forvaltningskode ${q(l, s(p, 'code'))}. Kommunens koder: ${s(p, 'codes')}.`,
    (l, p) => `Okänd förvaltningskod ${q(l, s(p, 'code'))}. Kommunens koder: ${s(p, 'codes')}.`,
    (l, p) => `Unknown department code ${q(l, s(p, 'code'))}. The municipality's codes: ${s(p, 'codes')}.`,
  ),
  'imports.finding.duplicate': L(
    (_l, p) => `Bemærkning nr. ${s(p, 'number')} i denne beretning står også i række ${s(p, 'other')}.`,
    (_l, p) => `Iakttagelse nr ${s(p, 'number')} i denna rapport finns också på rad ${s(p, 'other')}.`,
    (_l, p) => `Finding no. ${s(p, 'number')} of this report is also in row ${s(p, 'other')}.`,
  ),
  'imports.recommendation.duplicate': L(
    (_l, p) => `Anbefaling nr. ${s(p, 'number')} i denne bemærkning står også i række ${s(p, 'other')}.`,
    (_l, p) => `Rekommendation nr ${s(p, 'number')} i denna iakttagelse finns också på rad ${s(p, 'other')}.`,
    (_l, p) => `Recommendation no. ${s(p, 'number')} of this finding is also in row ${s(p, 'other')}.`,
  ),
  'imports.measure.duplicate': L(
    (_l, p) => `Tiltag nr. ${s(p, 'number')} i denne handleplan står også i række ${s(p, 'other')}.`,
    (_l, p) => `Åtgärd nr ${s(p, 'number')} i detta yttrande finns också på rad ${s(p, 'other')}.`,
    (_l, p) => `Measure no. ${s(p, 'number')} of this plan is also in row ${s(p, 'other')}.`,
  ),
  'imports.report.conflict': L(
    (l, p) => `Beretningen har ${q(l, s(p, 'first'))} i række ${s(p, 'other')}; alle rækker for samme beretning skal være ens her.`,
    (l, p) => `Rapporten har ${q(l, s(p, 'first'))} på rad ${s(p, 'other')}; alla rader för samma rapport ska vara lika här.`,
    (l, p) => `The report has ${q(l, s(p, 'first'))} in row ${s(p, 'other')}; every row of the same report must agree here.`,
  ),
  'imports.plan.conflict': L(
    (l, p) => `Handleplanen har ${q(l, s(p, 'first'))} i række ${s(p, 'other')}; gentag samme værdi, eller lad cellen stå tom.`,
    (l, p) => `Yttrandet har ${q(l, s(p, 'first'))} på rad ${s(p, 'other')}; upprepa samma värde eller lämna cellen tom.`,
    (l, p) => `The plan has ${q(l, s(p, 'first'))} in row ${s(p, 'other')}; repeat the same value or leave the cell empty.`,
  ),
  'imports.report.ambiguous': L(
    (_l, p) => `Tilsyn har ${s(p, 'count')} beretninger med denne titel og dette år; omdøb den ene i Tilsyn først.`,
    (_l, p) => `Tilsyn har ${s(p, 'count')} rapporter med denna rubrik och detta år; byt namn på en av dem i Tilsyn först.`,
    (_l, p) => `Tilsyn has ${s(p, 'count')} reports with this title and year; rename one of them in Tilsyn first.`,
  ),
  'imports.report.missing': L(
    () => 'Angiv beretningens titel og år: filen har flere beretninger (eller ingen på arket Bemærkninger).',
    () => 'Ange rapportens rubrik och år: filen har flera rapporter (eller ingen på bladet Iakttagelser).',
    () => "Give the report's title and year: the file holds several reports (or none on the Findings sheet).",
  ),
  'imports.finding.unknown': L(
    (_l, p) => `Bemærkning nr. ${s(p, 'number')} findes hverken på arket Bemærkninger eller i Tilsyn for beretningen ${s(p, 'report')}.`,
    (_l, p) => `Iakttagelse nr ${s(p, 'number')} finns varken på bladet Iakttagelser eller i Tilsyn för rapporten ${s(p, 'report')}.`,
    (_l, p) => `Finding no. ${s(p, 'number')} is neither on the Findings sheet nor in Tilsyn for the report ${s(p, 'report')}.`,
  ),
  'imports.finding.confidentialBasisRequired': L(
    () => 'En fortrolig bemærkning skal have sin hjemmel (fx offentlighedsloven § 33).',
    () => 'En iakttagelse med sekretess ska ha sin sekretessgrund (t.ex. OSL 18:8).',
    () => 'A confidential finding needs its legal basis (e.g. offentlighedsloven § 33, OSL 18:8).',
  ),
  'imports.finding.departmentHasPlan': L(
    (_l, p) => `${s(p, 'codes')} har allerede en handleplan for bemærkningen og kan ikke fjernes.`,
    (_l, p) => `${s(p, 'codes')} har redan ett yttrande för iakttagelsen och kan inte tas bort.`,
    (_l, p) => `${s(p, 'codes')} already has a plan for this finding and cannot be removed.`,
  ),
  'imports.plan.departmentNotAffected': L(
    (l, p) =>
      `${q(l, s(p, 'code'))} er ikke blandt bemærkningens berørte forvaltninger (${s(p, 'codes')}); tilføj den på arket Bemærkninger, eller marker handleplanen som tværgående.`,
    (l, p) =>
      `${q(l, s(p, 'code'))} är inte bland iakttagelsens berörda förvaltningar (${s(p, 'codes')}); lägg till den på bladet Iakttagelser eller markera yttrandet som övergripande.`,
    (l, p) =>
      `${q(l, s(p, 'code'))} is not among the finding's affected departments (${s(p, 'codes')}); add it on the Findings sheet or mark the plan cross-cutting.`,
  ),
  'imports.plan.crossCuttingFixed': L(
    () => 'En eksisterende handleplan kan ikke skifte mellem tværgående og ikke-tværgående.',
    () => 'Ett befintligt yttrande kan inte byta mellan övergripande och inte övergripande.',
    () => 'An existing plan cannot switch between cross-cutting and not.',
  ),
  'imports.plan.locked': L(
    () => 'Handleplanen er indsendt til godkendelse og kan ikke ændres, før den er sendt tilbage.',
    () => 'Yttrandet är inskickat för godkännande och kan inte ändras förrän det har skickats tillbaka.',
    () => 'The plan is submitted for approval and cannot be changed until it is returned.',
  ),
  'imports.recommendation.unknown': L(
    (_l, p) => `Bemærkningen har ingen anbefaling nr. ${s(p, 'numbers')}${p.known ? ` (den har ${s(p, 'known')})` : ' (den har ingen anbefalinger)'}.`,
    (_l, p) => `Iakttagelsen har ingen rekommendation nr ${s(p, 'numbers')}${p.known ? ` (den har ${s(p, 'known')})` : ' (den har inga rekommendationer)'}.`,
    (_l, p) => `The finding has no recommendation no. ${s(p, 'numbers')}${p.known ? ` (it has ${s(p, 'known')})` : ' (it has no recommendations)'}.`,
  ),
  'imports.user.unknown': L(
    (l, p) => `Ingen bruger i kommunen har e-mailen ${q(l, s(p, 'email'))}.`,
    (l, p) => `Ingen användare i kommunen har e-postadressen ${q(l, s(p, 'email'))}.`,
    (l, p) => `No user of the municipality has the e-mail ${q(l, s(p, 'email'))}.`,
  ),
  'imports.user.inactive': L(
    (l, p) => `Brugeren ${q(l, s(p, 'email'))} er deaktiveret.`,
    (l, p) => `Användaren ${q(l, s(p, 'email'))} är inaktiverad.`,
    (l, p) => `The user ${q(l, s(p, 'email'))} is deactivated.`,
  ),
  'imports.deadline.invalid': deadlineInvalid,

  // Not about one cell
  'imports.refused': {
    da: 'Filen har {count} fejl; intet er indlæst.',
    sv: 'Filen har {count} fel; ingenting har lästs in.',
    en: (p) => `The file has ${p.count} ${p.count === 1 ? 'error' : 'errors'}; nothing was imported.`,
  },
  'imports.changedMeanwhile': {
    da: 'Data blev ændret af en anden under indlæsningen; intet er indlæst. Prøv igen.',
    sv: 'Uppgifterna ändrades av någon annan under inläsningen; ingenting har lästs in. Försök igen.',
    en: 'The data was changed by someone else during the import; nothing was imported. Try again.',
  },
  'imports.revisionReason': { da: 'Indlæst fra Excel', sv: 'Inläst från Excel', en: 'Imported from Excel' },
  'imports.templateFileName': { da: 'tilsyn-indlaesning', sv: 'tilsyn-inlasning', en: 'tilsyn-import' },
});
