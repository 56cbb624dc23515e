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

  // The template's instructions and checks (imports/template.ts)
  'imports.templateIntro1': {
    da: 'Udfyld arkene Bemærkninger, Anbefalinger og Handleplaner, én række pr. bemærkning, anbefaling og tiltag. Lad overskriftsrækken stå; kolonnerne må gerne flyttes, og tomme rækker springes over.',
    sv: 'Fyll i bladen Iakttagelser, Rekommendationer och Yttranden och åtgärder, en rad per iakttagelse, rekommendation och åtgärd. Låt rubrikraden stå kvar; kolumnerna får flyttas och tomma rader hoppas över.',
    en: 'Fill in the sheets Findings, Recommendations and Plans and measures, one row per finding, recommendation and measure. Keep the header row; columns may be moved, and empty rows are skipped.',
  },
  'imports.templateIntro2': {
    da: 'Indlæs filen under Indlæsning i Tilsyn (eller med "tilsyn import-xlsx"). Tilsyn viser først, hvad der vil blive oprettet og opdateret, og alle fejl med ark, række og kolonne; intet gemmes, før du vælger Indlæs, og da gemmes alt eller intet.',
    sv: 'Läs in filen under Inläsning i Tilsyn (eller med "tilsyn import-xlsx"). Tilsyn visar först vad som skapas och uppdateras och alla fel med blad, rad och kolumn; ingenting sparas förrän du väljer Läs in, och då sparas allt eller inget.',
    en: 'Upload the file under Import in Tilsyn (or with "tilsyn import-xlsx"). Tilsyn first shows what will be created and updated, and every error with sheet, row and column; nothing is saved until you choose Import, and then everything or nothing is saved.',
  },
  'imports.templateIntro3': {
    da: 'Sådan findes det, en række opdaterer: en beretning er dens titel og år (store/små bogstaver og mellemrum er ligegyldige); en bemærkning er beretning + bemærkningsnummer; en anbefaling er bemærkning + anbefalingsnummer; en handleplan er bemærkning + forvaltning; et tiltag er handleplan + tiltagsnummer. Findes det allerede i Tilsyn, opdateres det; ellers oprettes det. Indlæses samme fil igen, ændres intet.',
    sv: 'Så hittas det som en rad uppdaterar: en rapport är dess rubrik och år (versaler och mellanslag spelar ingen roll); en iakttagelse är rapport + iakttagelsenummer; en rekommendation är iakttagelse + rekommendationsnummer; ett yttrande är iakttagelse + förvaltning; en åtgärd är yttrande + åtgärdsnummer. Finns det redan i Tilsyn uppdateras det, annars skapas det. Läses samma fil in igen ändras ingenting.',
    en: 'How a row finds what it updates: a report is its title and year (letter case and spacing ignored); a finding is report + finding number; a recommendation is finding + recommendation number; a plan is finding + department; a measure is plan + measure number. What already exists in Tilsyn is updated, the rest is created. Importing the same file again changes nothing.',
  },
  'imports.templateIntro4': {
    da: 'En tom celle bevarer det, Tilsyn har. Indlæsningen sletter aldrig noget; slet i Tilsyn. Celler skal indeholde værdier, ikke formler. Højst {rows} rækker pr. ark og {mb} MB pr. fil.',
    sv: 'En tom cell behåller det som Tilsyn har. Inläsningen tar aldrig bort något; ta bort i Tilsyn. Cellerna ska innehålla värden, inte formler. Högst {rows} rader per blad och {mb} MB per fil.',
    en: 'An empty cell keeps what Tilsyn has. The import never deletes anything; delete in Tilsyn. Cells must hold values, not formulas. At most {rows} rows per sheet and {mb} MB per file.',
  },
  'imports.templateHeaderColumn': { da: 'Kolonne', sv: 'Kolumn', en: 'Column' },
  'imports.templateHeaderMeaning': { da: 'Betydning', sv: 'Betydelse', en: 'Meaning' },
  'imports.templateHeaderRequired': { da: 'Skal udfyldes', sv: 'Obligatorisk', en: 'Required' },
  'imports.templateHeaderExample': { da: 'Eksempel', sv: 'Exempel', en: 'Example' },
  'imports.templateHeaderFormat': { da: 'Format', sv: 'Format', en: 'Format' },
  'imports.templateTitle': {
    da: 'Tilsyn: indlæsning af revisionsbemærkninger, handleplaner og tiltag',
    sv: 'Tilsyn: inläsning av iakttagelser, yttranden och åtgärder',
    en: 'Tilsyn: importing findings, action plans and measures',
  },
  'imports.templateSheet': { da: 'Ark', sv: 'Blad', en: 'Sheet' },
  'imports.templateRowIs': { da: 'én række er', sv: 'en rad är', en: 'one row is' },
  'imports.templateDepartments': { da: 'Forvaltningernes koder', sv: 'Förvaltningarnas koder', en: 'Department codes' },
  'imports.templateCode': { da: 'Kode', sv: 'Kod', en: 'Code' },
  'imports.templateName': { da: 'Navn', sv: 'Namn', en: 'Name' },
  'imports.templateNoDepartments': {
    da: 'Kommunen har endnu ingen forvaltninger.',
    sv: 'Kommunen har ännu inga förvaltningar.',
    en: 'The municipality has no departments yet.',
  },
  'imports.templateListError': { da: 'Vælg en værdi fra listen.', sv: 'Välj ett värde i listan.', en: 'Choose a value from the list.' },
  'imports.templateNumberError': {
    da: 'Skriv et helt tal mellem {min} og {max}.',
    sv: 'Skriv ett heltal mellan {min} och {max}.',
    en: 'Enter a whole number between {min} and {max}.',
  },
  'imports.templateDateError': { da: 'Skriv en dato.', sv: 'Skriv ett datum.', en: 'Enter a date.' },
  'imports.templateInvalidTitle': { da: 'Ugyldig værdi', sv: 'Ogiltigt värde', en: 'Invalid value' },
  'imports.templateRequiredAlways': { da: 'Ja', sv: 'Ja', en: 'Yes' },
  'imports.templateRequiredOptional': { da: 'Nej', sv: 'Nej', en: 'No' },
  'imports.templateRequiredNewReport': { da: 'For en ny beretning', sv: 'För en ny rapport', en: 'For a new report' },
  'imports.templateRequiredNewFinding': { da: 'For en ny bemærkning', sv: 'För en ny iakttagelse', en: 'For a new finding' },
  'imports.templateRequiredNewMeasure': { da: 'For et nyt tiltag', sv: 'För en ny åtgärd', en: 'For a new measure' },
  'imports.formatText': { da: 'Tekst', sv: 'Text', en: 'Text' },
  'imports.formatCode': { da: 'Tekst eller tal', sv: 'Text eller tal', en: 'Text or number' },
  'imports.formatInt': { da: 'Helt tal ({min}–{max})', sv: 'Heltal ({min}–{max})', en: 'Whole number ({min}–{max})' },
  'imports.formatDate': {
    da: 'Dato som datocelle (fx 15.03.2025); tekst afvises',
    sv: 'Datum som datumcell (t.ex. 2025-03-15); text avvisas',
    en: 'A date cell (e.g. 2025-03-15); text is refused',
  },
  'imports.formatDeadline': {
    da: 'Som I skriver en frist: 31.03.2026, marts 2026, Q1-2026, 1. kvartal 2026, 1. tertial 2026, 1. halvår 2026, 2026, eller en datocelle',
    sv: 'Som ni skriver en tidpunkt: 2026-03-31, mars 2026, Q1 2026, 1:a kvartalet 2026, T1 2026, första halvåret 2026, 2026, eller en datumcell',
    en: 'As you write a deadline: 2026-03-31 or 31.03.2026, March 2026, Q1 2026, T1 2026, H1 2026, 2026, or a date cell',
  },
  'imports.formatChoice': { da: 'Én af: {options}', sv: 'Ett av: {options}', en: 'One of: {options}' },
  'imports.formatBool': { da: 'ja eller nej', sv: 'ja eller nej', en: 'yes or no' },
  'imports.formatCodes': {
    da: 'Forvaltningskoder adskilt med komma, eller "alle"',
    sv: 'Förvaltningskoder åtskilda med komma, eller "alla"',
    en: 'Department codes separated by commas, or "all"',
  },
  'imports.formatNumbers': { da: 'Tal adskilt med komma', sv: 'Tal åtskilda med komma', en: 'Numbers separated by commas' },
  'imports.formatEmail': { da: 'E-mailadresse på en bruger i Tilsyn', sv: 'E-postadress till en användare i Tilsyn', en: 'E-mail address of a Tilsyn user' },
  'imports.templateFileName': { da: 'tilsyn-indlaesning', sv: 'tilsyn-inlasning', en: 'tilsyn-import' },
});
