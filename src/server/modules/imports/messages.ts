import type { Locale, Localized } from '../../../domain/i18n.js';

/**
 * The import's error messages in Danish, Swedish and English. Each says what is wrong and, where
 * it can, what to do about it; the sheet, row and column travel beside the message.
 */

const quote: Record<Locale, (s: string) => string> = { da: (s) => `»${s}«`, sv: (s) => `”${s}”`, en: (s) => `“${s}”` };
const clip = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
};
const q = (l: Locale, s: string) => quote[l](clip(s));
const list = (items: string[]) => items.join(', ');

type P = Record<string, string | number | string[]>;
type Msg = (l: Locale, p: P) => string;

const s = (p: P, k: string) => String(p[k] ?? '');
const arr = (p: P, k: string) => (Array.isArray(p[k]) ? (p[k] as string[]) : []);

const L =
  (da: Msg, sv: Msg, en: Msg): Msg =>
  (l, p) =>
    ({ da, sv, en })[l](l, p);

export const importMessages = {
  // The file as a whole
  'import.fileMissing': L(
    () => 'Vælg en Excel-fil (.xlsx) og send den i feltet "file".',
    () => 'Välj en Excel-fil (.xlsx) och skicka den i fältet "file".',
    () => 'Choose an Excel file (.xlsx) and send it in the field "file".',
  ),
  'import.empty': L(
    () => 'Filen er tom.',
    () => 'Filen är tom.',
    () => 'The file is empty.',
  ),
  'import.tooLarge': L(
    (_l, p) => `Filen er for stor: højst ${s(p, 'limit')} MB kan indlæses. Del den op i flere filer.`,
    (_l, p) => `Filen är för stor: högst ${s(p, 'limit')} MB kan läsas in. Dela upp den i flera filer.`,
    (_l, p) => `The file is too large: at most ${s(p, 'limit')} MB can be imported. Split it into several files.`,
  ),
  'import.encrypted': L(
    () =>
      'Filen er beskyttet med adgangskode (krypteret) og kan ikke læses. Fjern adgangskoden i Excel (Filer › Oplysninger › Beskyt projektmappe › Krypter med adgangskode) og gem igen.',
    () =>
      'Filen är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort lösenordet i Excel (Arkiv › Information › Skydda arbetsbok › Kryptera med lösenord) och spara igen.',
    () =>
      'The file is password-protected (encrypted) and cannot be read. Remove the password in Excel (File › Info › Protect Workbook › Encrypt with Password) and save again.',
  ),
  'import.legacyOffice': L(
    () => 'Filen er i det gamle Excel 97-2003-format (.xls) eller en anden ældre Office-fil. Gem den som Excel-projektmappe (.xlsx).',
    () => 'Filen är i det gamla formatet Excel 97-2003 (.xls) eller en annan äldre Office-fil. Spara den som Excel-arbetsbok (.xlsx).',
    () => 'The file is in the old Excel 97-2003 format (.xls) or another legacy Office format. Save it as an Excel workbook (.xlsx).',
  ),
  'import.notXlsx': L(
    (_l, p) => `Filen er ikke en Excel-projektmappe (.xlsx)${p.seems ? `; den ligner ${s(p, 'seems')}` : ''}. Brug skabelonen og gem som .xlsx.`,
    (_l, p) => `Filen är inte en Excel-arbetsbok (.xlsx)${p.seems ? `; den ser ut som ${s(p, 'seems')}` : ''}. Använd mallen och spara som .xlsx.`,
    (_l, p) => `The file is not an Excel workbook (.xlsx)${p.seems ? `; it looks like ${s(p, 'seems')}` : ''}. Use the template and save as .xlsx.`,
  ),
  'import.damaged': L(
    () => 'Filen er beskadiget eller ufuldstændig (måske blev overførslen afbrudt). Gem den igen i Excel, og prøv på ny.',
    () => 'Filen är skadad eller ofullständig (överföringen kanske avbröts). Spara den igen i Excel och försök på nytt.',
    () => 'The file is damaged or incomplete (perhaps the transfer was cut off). Save it again in Excel and retry.',
  ),
  'import.notWorkbook': L(
    () => 'Filen er en ZIP-fil, men ikke en Excel-projektmappe (måske et Word-dokument). Brug skabelonen og gem som .xlsx.',
    () => 'Filen är en ZIP-fil men inte en Excel-arbetsbok (kanske ett Word-dokument). Använd mallen och spara som .xlsx.',
    () => 'The file is a ZIP archive but not an Excel workbook (a Word document, perhaps). Use the template and save as .xlsx.',
  ),
  'import.noSheets': L(
    (_l, p) => `Filen har ingen af skabelonens ark (${list(arr(p, 'expected'))}). Brug skabelonen.`,
    (_l, p) => `Filen har inget av mallens blad (${list(arr(p, 'expected'))}). Använd mallen.`,
    (_l, p) => `The file has none of the template's sheets (${list(arr(p, 'expected'))}). Use the template.`,
  ),
  'import.tooManyRows': L(
    (_l, p) => `Arket har ${s(p, 'rows')} rækker; højst ${s(p, 'limit')} kan indlæses ad gangen.`,
    (_l, p) => `Bladet har ${s(p, 'rows')} rader; högst ${s(p, 'limit')} kan läsas in åt gången.`,
    (_l, p) => `The sheet has ${s(p, 'rows')} rows; at most ${s(p, 'limit')} can be imported at a time.`,
  ),
  'import.columnMissing': L(
    (l, p) => `Kolonnen ${q(l, s(p, 'header'))} mangler i overskriftsrækken.`,
    (l, p) => `Kolumnen ${q(l, s(p, 'header'))} saknas i rubrikraden.`,
    (l, p) => `The column ${q(l, s(p, 'header'))} is missing from the header row.`,
  ),
  'import.columnDuplicate': L(
    (l, p) => `Kolonnen ${q(l, s(p, 'header'))} står to gange (også i kolonne ${s(p, 'other')}).`,
    (l, p) => `Kolumnen ${q(l, s(p, 'header'))} finns två gånger (även i kolumn ${s(p, 'other')}).`,
    (l, p) => `The column ${q(l, s(p, 'header'))} appears twice (also in column ${s(p, 'other')}).`,
  ),

  // One cell
  'cell.required': L(
    () => 'Skal udfyldes.',
    () => 'Ska fyllas i.',
    () => 'Required.',
  ),
  'cell.requiredNew': L(
    (_l, p) => `Skal udfyldes, fordi ${s(p, 'what')} er ny.`,
    (_l, p) => `Ska fyllas i eftersom ${s(p, 'what')} är ny.`,
    (_l, p) => `Required because the ${s(p, 'what')} is new.`,
  ),
  'cell.formula': L(
    (l, p) => `Cellen indeholder en formel (${q(l, `=${s(p, 'formula')}`)}); skriv selve værdien (kopier og indsæt som værdier).`,
    (l, p) => `Cellen innehåller en formel (${q(l, `=${s(p, 'formula')}`)}); skriv själva värdet (kopiera och klistra in som värden).`,
    (l, p) => `The cell holds a formula (${q(l, `=${s(p, 'formula')}`)}); enter the value itself (copy and paste as values).`,
  ),
  'cell.excelError': L(
    (_l, p) => `Cellen indeholder Excel-fejlen ${s(p, 'error')}.`,
    (_l, p) => `Cellen innehåller Excel-felet ${s(p, 'error')}.`,
    (_l, p) => `The cell holds the Excel error ${s(p, 'error')}.`,
  ),
  'cell.notText': L(
    (l, p) =>
      `Her skal stå tekst, men cellen indeholder ${p.kind === 'date' ? 'en dato' : p.kind === 'boolean' ? 'en sandhedsværdi' : 'et tal'} (${q(l, s(p, 'value'))}). Står værdien i den rigtige kolonne?`,
    (l, p) =>
      `Här ska det stå text, men cellen innehåller ${p.kind === 'date' ? 'ett datum' : p.kind === 'boolean' ? 'ett sanningsvärde' : 'ett tal'} (${q(l, s(p, 'value'))}). Står värdet i rätt kolumn?`,
    (l, p) =>
      `Text is expected here, but the cell holds ${p.kind === 'date' ? 'a date' : p.kind === 'boolean' ? 'a true/false value' : 'a number'} (${q(l, s(p, 'value'))}). Is the value in the right column?`,
  ),
  'cell.notInteger': L(
    (l, p) => `Her skal stå et helt tal, ikke ${q(l, s(p, 'value'))}.`,
    (l, p) => `Här ska det stå ett heltal, inte ${q(l, s(p, 'value'))}.`,
    (l, p) => `A whole number is expected here, not ${q(l, s(p, 'value'))}.`,
  ),
  'cell.outOfRange': L(
    (_l, p) => `Tallet skal ligge mellem ${s(p, 'min')} og ${s(p, 'max')}.`,
    (_l, p) => `Talet ska ligga mellan ${s(p, 'min')} och ${s(p, 'max')}.`,
    (_l, p) => `The number must be between ${s(p, 'min')} and ${s(p, 'max')}.`,
  ),
  'cell.notDate': L(
    (l, p) =>
      `Her skal stå en dato, men cellen indeholder ${p.kind === 'text' ? 'tekst' : 'et tal'} (${q(l, s(p, 'value'))}). Formatér cellen som dato, og skriv datoen igen, så Excel genkender den.`,
    (l, p) =>
      `Här ska det stå ett datum, men cellen innehåller ${p.kind === 'text' ? 'text' : 'ett tal'} (${q(l, s(p, 'value'))}). Formatera cellen som datum och skriv datumet igen så att Excel känner igen det.`,
    (l, p) =>
      `A date is expected here, but the cell holds ${p.kind === 'text' ? 'text' : 'a number'} (${q(l, s(p, 'value'))}). Format the cell as a date and type the date again so that Excel recognises it.`,
  ),
  'cell.nul': L(
    () => 'Cellen indeholder tegnet U+0000 (et nul-tegn), som ikke kan gemmes. Skriv teksten igen uden det.',
    () => 'Cellen innehåller tecknet U+0000 (ett nolltecken), som inte kan sparas. Skriv texten igen utan det.',
    () => 'The cell holds the character U+0000 (a null character), which cannot be stored. Type the text again without it.',
  ),
  'cell.tooLong': L(
    (_l, p) => `Teksten er for lang: højst ${s(p, 'max')} tegn (den har ${s(p, 'length')}).`,
    (_l, p) => `Texten är för lång: högst ${s(p, 'max')} tecken (den har ${s(p, 'length')}).`,
    (_l, p) => `The text is too long: at most ${s(p, 'max')} characters (it has ${s(p, 'length')}).`,
  ),
  'cell.choice': L(
    (l, p) => `${q(l, s(p, 'value'))} er ikke en af mulighederne: ${list(arr(p, 'options'))}.`,
    (l, p) => `${q(l, s(p, 'value'))} är inte ett av alternativen: ${list(arr(p, 'options'))}.`,
    (l, p) => `${q(l, s(p, 'value'))} is not one of the options: ${list(arr(p, 'options'))}.`,
  ),
  'cell.yesNo': L(
    (l, p) => `Skriv ja eller nej, ikke ${q(l, s(p, 'value'))}.`,
    (l, p) => `Skriv ja eller nej, inte ${q(l, s(p, 'value'))}.`,
    (l, p) => `Write yes or no, not ${q(l, s(p, 'value'))}.`,
  ),
  'cell.email': L(
    (l, p) => `${q(l, s(p, 'value'))} er ikke en e-mailadresse.`,
    (l, p) => `${q(l, s(p, 'value'))} är inte en e-postadress.`,
    (l, p) => `${q(l, s(p, 'value'))} is not an e-mail address.`,
  ),
  'deadline.notNumber': L(
    (l, p) => `Tallet ${q(l, s(p, 'value'))} er ikke en frist; skriv et årstal, en dato eller fx Q1-2026.`,
    (l, p) => `Talet ${q(l, s(p, 'value'))} är inte en tidpunkt; skriv ett årtal, ett datum eller t.ex. Q1 2026.`,
    (l, p) => `The number ${q(l, s(p, 'value'))} is not a deadline; write a year, a date or e.g. Q1 2026.`,
  ),

  // Rules of the data
  'department.unknown': L(
    (l, p) => `Ukendt forvaltningskode ${q(l, s(p, 'code'))}. Kommunens koder: ${list(arr(p, 'codes'))}.`,
    (l, p) => `Okänd förvaltningskod ${q(l, s(p, 'code'))}. Kommunens koder: ${list(arr(p, 'codes'))}.`,
    (l, p) => `Unknown department code ${q(l, s(p, 'code'))}. The municipality's codes: ${list(arr(p, 'codes'))}.`,
  ),
  'finding.duplicate': L(
    (_l, p) => `Bemærkning nr. ${s(p, 'number')} i denne beretning står også i række ${s(p, 'other')}.`,
    (_l, p) => `Iakttagelse nr ${s(p, 'number')} i denna rapport finns också på rad ${s(p, 'other')}.`,
    (_l, p) => `Finding no. ${s(p, 'number')} of this report is also in row ${s(p, 'other')}.`,
  ),
  'recommendation.duplicate': L(
    (_l, p) => `Anbefaling nr. ${s(p, 'number')} i denne bemærkning står også i række ${s(p, 'other')}.`,
    (_l, p) => `Rekommendation nr ${s(p, 'number')} i denna iakttagelse finns också på rad ${s(p, 'other')}.`,
    (_l, p) => `Recommendation no. ${s(p, 'number')} of this finding is also in row ${s(p, 'other')}.`,
  ),
  'measure.duplicate': L(
    (_l, p) => `Tiltag nr. ${s(p, 'number')} i denne handleplan står også i række ${s(p, 'other')}.`,
    (_l, p) => `Åtgärd nr ${s(p, 'number')} i detta yttrande finns också på rad ${s(p, 'other')}.`,
    (_l, p) => `Measure no. ${s(p, 'number')} of this plan is also in row ${s(p, 'other')}.`,
  ),
  'report.conflict': L(
    (l, p) => `Beretningen har ${q(l, s(p, 'first'))} i række ${s(p, 'other')}; alle rækker for samme beretning skal være ens her.`,
    (l, p) => `Rapporten har ${q(l, s(p, 'first'))} på rad ${s(p, 'other')}; alla rader för samma rapport ska vara lika här.`,
    (l, p) => `The report has ${q(l, s(p, 'first'))} in row ${s(p, 'other')}; every row of the same report must agree here.`,
  ),
  'plan.conflict': L(
    (l, p) => `Handleplanen har ${q(l, s(p, 'first'))} i række ${s(p, 'other')}; gentag samme værdi, eller lad cellen stå tom.`,
    (l, p) => `Yttrandet har ${q(l, s(p, 'first'))} på rad ${s(p, 'other')}; upprepa samma värde eller lämna cellen tom.`,
    (l, p) => `The plan has ${q(l, s(p, 'first'))} in row ${s(p, 'other')}; repeat the same value or leave the cell empty.`,
  ),
  'report.ambiguous': L(
    (_l, p) => `Tilsyn har ${s(p, 'count')} beretninger med denne titel og dette år; omdøb den ene i Tilsyn først.`,
    (_l, p) => `Tilsyn har ${s(p, 'count')} rapporter med denna rubrik och detta år; byt namn på en av dem i Tilsyn först.`,
    (_l, p) => `Tilsyn has ${s(p, 'count')} reports with this title and year; rename one of them in Tilsyn first.`,
  ),
  'report.missing': L(
    () => 'Angiv beretningens titel og år: filen har flere beretninger (eller ingen på arket Bemærkninger).',
    () => 'Ange rapportens rubrik och år: filen har flera rapporter (eller ingen på bladet Iakttagelser).',
    () => "Give the report's title and year: the file holds several reports (or none on the Findings sheet).",
  ),
  'finding.unknown': L(
    (_l, p) => `Bemærkning nr. ${s(p, 'number')} findes hverken på arket Bemærkninger eller i Tilsyn for beretningen ${s(p, 'report')}.`,
    (_l, p) => `Iakttagelse nr ${s(p, 'number')} finns varken på bladet Iakttagelser eller i Tilsyn för rapporten ${s(p, 'report')}.`,
    (_l, p) => `Finding no. ${s(p, 'number')} is neither on the Findings sheet nor in Tilsyn for the report ${s(p, 'report')}.`,
  ),
  'finding.confidentialBasisRequired': L(
    () => 'En fortrolig bemærkning skal have sin hjemmel (fx offentlighedsloven § 33).',
    () => 'En iakttagelse med sekretess ska ha sin sekretessgrund (t.ex. OSL 18:8).',
    () => 'A confidential finding needs its legal basis (e.g. offentlighedsloven § 33, OSL 18:8).',
  ),
  'finding.departmentHasPlan': L(
    (_l, p) => `${list(arr(p, 'codes'))} har allerede en handleplan for bemærkningen og kan ikke fjernes.`,
    (_l, p) => `${list(arr(p, 'codes'))} har redan ett yttrande för iakttagelsen och kan inte tas bort.`,
    (_l, p) => `${list(arr(p, 'codes'))} already has a plan for this finding and cannot be removed.`,
  ),
  'plan.departmentNotAffected': L(
    (l, p) =>
      `${q(l, s(p, 'code'))} er ikke blandt bemærkningens berørte forvaltninger (${list(arr(p, 'codes'))}); tilføj den på arket Bemærkninger, eller marker handleplanen som tværgående.`,
    (l, p) =>
      `${q(l, s(p, 'code'))} är inte bland iakttagelsens berörda förvaltningar (${list(arr(p, 'codes'))}); lägg till den på bladet Iakttagelser eller markera yttrandet som övergripande.`,
    (l, p) =>
      `${q(l, s(p, 'code'))} is not among the finding's affected departments (${list(arr(p, 'codes'))}); add it on the Findings sheet or mark the plan cross-cutting.`,
  ),
  'plan.crossCuttingFixed': L(
    () => 'En eksisterende handleplan kan ikke skifte mellem tværgående og ikke-tværgående.',
    () => 'Ett befintligt yttrande kan inte byta mellan övergripande och inte övergripande.',
    () => 'An existing plan cannot switch between cross-cutting and not.',
  ),
  'plan.locked': L(
    () => 'Handleplanen er indsendt til godkendelse og kan ikke ændres, før den er sendt tilbage.',
    () => 'Yttrandet är inskickat för godkännande och kan inte ändras förrän det har skickats tillbaka.',
    () => 'The plan is submitted for approval and cannot be changed until it is returned.',
  ),
  'recommendation.unknown': L(
    (_l, p) =>
      `Bemærkningen har ingen anbefaling nr. ${list(arr(p, 'numbers'))}${arr(p, 'known').length ? ` (den har ${list(arr(p, 'known'))})` : ' (den har ingen anbefalinger)'}.`,
    (_l, p) =>
      `Iakttagelsen har ingen rekommendation nr ${list(arr(p, 'numbers'))}${arr(p, 'known').length ? ` (den har ${list(arr(p, 'known'))})` : ' (den har inga rekommendationer)'}.`,
    (_l, p) =>
      `The finding has no recommendation no. ${list(arr(p, 'numbers'))}${arr(p, 'known').length ? ` (it has ${list(arr(p, 'known'))})` : ' (it has no recommendations)'}.`,
  ),
  'user.unknown': L(
    (l, p) => `Ingen bruger i kommunen har e-mailen ${q(l, s(p, 'email'))}.`,
    (l, p) => `Ingen användare i kommunen har e-postadressen ${q(l, s(p, 'email'))}.`,
    (l, p) => `No user of the municipality has the e-mail ${q(l, s(p, 'email'))}.`,
  ),
  'user.inactive': L(
    (l, p) => `Brugeren ${q(l, s(p, 'email'))} er deaktiveret.`,
    (l, p) => `Användaren ${q(l, s(p, 'email'))} är inaktiverad.`,
    (l, p) => `The user ${q(l, s(p, 'email'))} is deactivated.`,
  ),
} satisfies Record<string, Msg>;

export type ImportMessageCode = keyof typeof importMessages;

export function importMessage(code: ImportMessageCode, locale: Locale, params: P = {}): string {
  return importMessages[code](locale, params);
}

/** "new report / finding / measure" for cell.requiredNew. */
export const entityWords: Record<'report' | 'finding' | 'measure' | 'plan' | 'recommendation', Localized> = {
  report: { da: 'beretningen', sv: 'rapporten', en: 'report' },
  finding: { da: 'bemærkningen', sv: 'iakttagelsen', en: 'finding' },
  measure: { da: 'tiltaget', sv: 'åtgärden', en: 'measure' },
  plan: { da: 'handleplanen', sv: 'yttrandet', en: 'plan' },
  recommendation: { da: 'anbefalingen', sv: 'rekommendationen', en: 'recommendation' },
};

/** Summary of a refused apply (the problem's detail). */
export const refusedDetail = (count: number): Localized => ({
  da: `Filen har ${count} ${count === 1 ? 'fejl' : 'fejl'}; intet er indlæst.`,
  sv: `Filen har ${count} ${count === 1 ? 'fel' : 'fel'}; ingenting har lästs in.`,
  en: `The file has ${count} ${count === 1 ? 'error' : 'errors'}; nothing was imported.`,
});
