import type { Locale, Localized } from '../../../domain/i18n.js';
import { limits } from '../../http/schemas.js';

/**
 * The spreadsheet layout of the findings import: its sheets and columns, with their headers,
 * explanations and the words a cell may hold, in Danish, Swedish and English. The template is
 * written from these definitions and an uploaded file is read by them, so the two cannot drift.
 *
 * A file is recognised by its sheet names and header texts in any of the three languages (and
 * columns may come in any order), so a Swedish template filled in and uploaded by a Danish user
 * imports the same.
 */

export type SheetKey = 'findings' | 'recommendations' | 'plans';

/**
 * How a cell is read:
 * - `text`: a text cell (a number or date there is refused: a shifted column, most likely);
 * - `code`: text or a whole number taken as text (case numbers, measure numbers "2A" or 2);
 * - `int`: a whole number (a number cell, or text of digits);
 * - `date`: a real Excel date cell (text such as "31.03.2025" is refused: its meaning depends on
 *   the computer's regional settings);
 * - `deadline`: as users write deadlines ("Q1-2026", "1. halvår 2025", "31.03.2026"), a date
 *   cell, or a year as a number;
 * - `choice`: one of the listed words; `bool`: yes or no;
 * - `codes`: department codes separated by commas, semicolons or spaces, or "all";
 * - `numbers`: whole numbers separated by commas or semicolons (or one number cell);
 * - `email`: an e-mail address (text or a mailto link).
 */
export type CellKind = 'text' | 'code' | 'int' | 'date' | 'deadline' | 'choice' | 'bool' | 'codes' | 'numbers' | 'email';

/** `always`: every row; `new`: when the row creates its report/finding/measure; `optional`: never. */
export type Requirement = 'always' | 'new' | 'optional';

export type ChoiceSet = 'reportKind' | 'grade';

export interface ColumnSpec {
  key: string;
  kind: CellKind;
  required: Requirement;
  /** Longest text accepted (characters). */
  maxLength?: number;
  /** Range of an `int`. */
  min?: number;
  max?: number;
  choices?: ChoiceSet;
  /** Column width in the template (characters). */
  width: number;
  header: Localized;
  /** What the column means, for the instructions sheet. */
  help: Localized;
  example: Localized;
}

export interface SheetSpec {
  key: SheetKey;
  name: Localized;
  /** One line for the instructions sheet: what one row of the sheet is. */
  rowIs: Localized;
  columns: ColumnSpec[];
}

const L = (da: string, sv: string, en: string): Localized => ({ da, sv, en });

// Columns that several sheets share -----------------------------------------------------------

const reportTitle = (required: Requirement, help: Localized): ColumnSpec => ({
  key: 'reportTitle',
  kind: 'text',
  required,
  maxLength: limits.title,
  width: 32,
  header: L('Beretning', 'Granskningsrapport', 'Audit report'),
  help,
  example: L('Revisionsberetning 2024', 'Granskning av IT-säkerhet', 'Audit report 2024'),
});

const reportYear = (required: Requirement): ColumnSpec => ({
  key: 'reportYear',
  kind: 'int',
  required,
  min: 2000,
  max: 2100,
  width: 8,
  header: L('År', 'År', 'Year'),
  help: L(
    'Beretningens regnskabsår. Titel og år identificerer beretningen.',
    'Rapportens år. Rubrik och år identifierar rapporten.',
    'The year of the report. Title and year identify the report.',
  ),
  example: L('2024', '2024', '2024'),
});

const findingNumber = (header: Localized): ColumnSpec => ({
  key: 'findingNumber',
  kind: 'int',
  required: 'always',
  min: 1,
  max: 10_000,
  width: 12,
  header,
  help: L(
    'Bemærkningens nummer i beretningen. Beretning, år og nummer identificerer bemærkningen.',
    'Iakttagelsens nummer i rapporten. Rapport, år och nummer identifierar iakttagelsen.',
    'The number of the finding in the report. Report, year and number identify the finding.',
  ),
  example: L('3', '3', '3'),
});

const referToReport = L(
  'Beretningen som bemærkningen hører til (titel som på arket Bemærkninger). Kan stå tom, når filen kun har én beretning.',
  'Rapporten som iakttagelsen hör till (rubrik som på bladet Iakttagelser). Kan lämnas tom när filen bara har en rapport.',
  'The report the finding belongs to (title as on the Findings sheet). May be left empty when the file holds one report only.',
);

// The sheets ----------------------------------------------------------------------------------

export const findingsSheet: SheetSpec = {
  key: 'findings',
  name: L('Bemærkninger', 'Iakttagelser', 'Findings'),
  rowIs: L('én revisionsbemærkning', 'en iakttagelse', 'one finding'),
  columns: [
    reportTitle(
      'always',
      L(
        'Beretningens titel. Findes en beretning med samme titel og år i Tilsyn, bruges den; ellers oprettes den.',
        'Rapportens rubrik. Finns en rapport med samma rubrik och år i Tilsyn används den, annars skapas den.',
        'The title of the report. A report in Tilsyn with the same title and year is used; otherwise it is created.',
      ),
    ),
    reportYear('always'),
    {
      key: 'reportKind',
      kind: 'choice',
      choices: 'reportKind',
      required: 'new',
      width: 18,
      header: L('Beretningstype', 'Rapporttyp', 'Report kind'),
      help: L(
        'Hvilken slags beretning. Skal udfyldes for en ny beretning.',
        'Vilken sorts rapport. Ska fyllas i för en ny rapport.',
        'What kind of report. Required for a new report.',
      ),
      example: L('årsberetning', 'granskning', 'annual accounts'),
    },
    {
      key: 'auditor',
      kind: 'text',
      required: 'new',
      maxLength: limits.name,
      width: 22,
      header: L('Revisor', 'Revisor', 'Auditor'),
      help: L(
        'Hvem der har afgivet beretningen. Skal udfyldes for en ny beretning.',
        'Vem som har lämnat rapporten. Ska fyllas i för en ny rapport.',
        'Who wrote the report. Required for a new report.',
      ),
      example: L('Revisionsfirma A/S', 'De förtroendevalda revisorerna', 'Audit firm Ltd'),
    },
    {
      key: 'receivedOn',
      kind: 'date',
      required: 'optional',
      width: 12,
      header: L('Modtaget', 'Mottagen', 'Received on'),
      help: L('Dato for modtagelse af beretningen.', 'Datum då rapporten togs emot.', 'The date the report was received.'),
      example: L('15.03.2025', '2025-03-15', '2025-03-15'),
    },
    findingNumber(L('Bemærkning nr.', 'Iakttagelse nr', 'Finding no.')),
    {
      key: 'title',
      kind: 'text',
      required: 'always',
      maxLength: limits.title,
      width: 40,
      header: L('Titel', 'Rubrik', 'Title'),
      help: L('Bemærkningens overskrift.', 'Iakttagelsens rubrik.', 'The heading of the finding.'),
      example: L('Manglende ibrugtagningstilladelser', 'Brister i behörighetsstyrning', 'Missing commissioning permits'),
    },
    {
      key: 'observations',
      kind: 'text',
      required: 'optional',
      maxLength: limits.longText,
      width: 50,
      header: L('Observationer', 'Beskrivning', 'Observations'),
      help: L('Hvad revisor har konstateret.', 'Vad revisorerna har iakttagit.', 'What the auditor observed.'),
      example: L('12 systemer er taget i brug uden tilladelse.', '12 system saknar behörighetsgranskning.', '12 systems went live without a permit.'),
    },
    {
      key: 'risks',
      kind: 'text',
      required: 'optional',
      maxLength: limits.longText,
      width: 40,
      header: L('Risici', 'Risker', 'Risks'),
      help: L('Hvilke risici revisor peger på.', 'Vilka risker revisorerna pekar på.', 'The risks the auditor points out.'),
      example: L('Data kan blive tilgængelige for uvedkommende.', 'Obehöriga kan få tillgång till uppgifter.', 'Data may be exposed to unauthorised persons.'),
    },
    {
      key: 'grade',
      kind: 'choice',
      choices: 'grade',
      required: 'optional',
      width: 12,
      header: L('Vurdering', 'Bedömning', 'Grade'),
      help: L(
        'Rød (kritisk), gul (væsentlig) eller grøn (mindre væsentlig); tom uden vurdering.',
        'Röd (kritisk), gul (väsentlig) eller grön (mindre väsentlig); tom utan bedömning.',
        'Red (critical), yellow (significant) or green (less significant); empty without a grade.',
      ),
      example: L('gul', 'gul', 'yellow'),
    },
    {
      key: 'confidential',
      kind: 'bool',
      required: 'optional',
      width: 11,
      header: L('Fortrolig', 'Sekretess', 'Confidential'),
      help: L(
        'Ja, hvis bemærkningen er undtaget fra aktindsigt; den vises så ikke for læsere. Tom betyder nej.',
        'Ja om iakttagelsen omfattas av sekretess; den visas då inte för läsare. Tom betyder nej.',
        'Yes when the finding is exempt from public access; readers then do not see it. Empty means no.',
      ),
      example: L('nej', 'nej', 'no'),
    },
    {
      key: 'confidentialBasis',
      kind: 'text',
      required: 'optional',
      maxLength: limits.shortText,
      width: 24,
      header: L('Hjemmel for fortrolighed', 'Sekretessgrund', 'Legal basis for confidentiality'),
      help: L(
        'Skal udfyldes, når bemærkningen er fortrolig.',
        'Ska fyllas i när iakttagelsen omfattas av sekretess.',
        'Required when the finding is confidential.',
      ),
      example: L('offentlighedsloven § 33', 'OSL 18:8', 'Danish Access to Public Administration Files Act § 33'),
    },
    {
      key: 'departments',
      kind: 'codes',
      required: 'new',
      width: 20,
      header: L('Forvaltninger', 'Förvaltningar', 'Departments'),
      help: L(
        'Berørte forvaltningers koder, adskilt med komma, eller "alle". Skal udfyldes for en ny bemærkning. Koderne står nederst på dette ark.',
        'Berörda förvaltningars koder, åtskilda med komma, eller "alla". Ska fyllas i för en ny iakttagelse. Koderna står längst ned på detta blad.',
        'Codes of the affected departments, separated by commas, or "all". Required for a new finding. The codes are listed at the bottom of this sheet.',
      ),
      example: L('BUF, SOF', 'SK, TF', 'BUF, SOF'),
    },
    {
      key: 'repeat',
      kind: 'bool',
      required: 'optional',
      width: 12,
      header: L('Gentaget fra tidligere år', 'Upprepad från tidigare år', 'Repeats earlier years'),
      help: L(
        'Ja, hvis bemærkningen også blev givet tidligere år. Tom betyder nej.',
        'Ja om iakttagelsen också lämnades tidigare år. Tom betyder nej.',
        'Yes when the finding was also made in earlier years. Empty means no.',
      ),
      example: L('ja', 'ja', 'yes'),
    },
    {
      key: 'caseNumber',
      kind: 'code',
      required: 'optional',
      maxLength: 100,
      width: 16,
      header: L('Sagsnummer', 'Diarienummer', 'Case number'),
      help: L('Sagsnummer i kommunens ESDH-system.', 'Diarienummer i kommunens ärendehanteringssystem.', "Case number in the municipality's records system."),
      example: L('2025-0012345', 'KS 2025/123', '2025-0012345'),
    },
  ],
};

export const recommendationsSheet: SheetSpec = {
  key: 'recommendations',
  name: L('Anbefalinger', 'Rekommendationer', 'Recommendations'),
  rowIs: L('én anbefaling i en bemærkning', 'en rekommendation i en iakttagelse', 'one recommendation of a finding'),
  columns: [
    reportTitle('optional', referToReport),
    reportYear('optional'),
    findingNumber(L('Bemærkning nr.', 'Iakttagelse nr', 'Finding no.')),
    {
      key: 'number',
      kind: 'int',
      required: 'always',
      min: 1,
      max: 100,
      width: 14,
      header: L('Anbefaling nr.', 'Rekommendation nr', 'Recommendation no.'),
      help: L(
        'Anbefalingens nummer i bemærkningen (1, 2, 3 …). Bemærkning og nummer identificerer anbefalingen.',
        'Rekommendationens nummer i iakttagelsen (1, 2, 3 …). Iakttagelse och nummer identifierar rekommendationen.',
        'The number of the recommendation within the finding (1, 2, 3 …). Finding and number identify it.',
      ),
      example: L('1', '1', '1'),
    },
    {
      key: 'text',
      kind: 'text',
      required: 'always',
      maxLength: limits.shortText,
      width: 60,
      header: L('Anbefaling', 'Rekommendation', 'Recommendation'),
      help: L('Anbefalingens tekst.', 'Rekommendationens text.', 'The text of the recommendation.'),
      example: L('Vurder alle systemer og indhent tilladelser.', 'Inför en årlig behörighetsgranskning.', 'Assess every system and obtain permits.'),
    },
  ],
};

export const plansSheet: SheetSpec = {
  key: 'plans',
  name: L('Handleplaner', 'Yttranden och åtgärder', 'Plans and measures'),
  rowIs: L(
    'ét tiltag i en forvaltnings handleplan; handleplanens egne felter (problem, omfang, samlet frist) gentages eller står kun i første række',
    'en åtgärd i en förvaltnings yttrande; yttrandets egna fält (problem, omfattning, slutlig tidpunkt) upprepas eller står bara på första raden',
    "one measure of a department's action plan; the plan's own fields (problem, extent, overall deadline) are repeated or given in its first row only",
  ),
  columns: [
    reportTitle('optional', referToReport),
    reportYear('optional'),
    findingNumber(L('Bemærkning nr.', 'Iakttagelse nr', 'Finding no.')),
    {
      key: 'department',
      kind: 'code',
      required: 'always',
      maxLength: 50,
      width: 14,
      header: L('Forvaltning', 'Förvaltning', 'Department'),
      help: L(
        'Koden på forvaltningen, der skriver handleplanen. Bemærkning og forvaltning identificerer handleplanen.',
        'Koden för förvaltningen som skriver yttrandet. Iakttagelse och förvaltning identifierar yttrandet.',
        'Code of the department that writes the plan. Finding and department identify the plan.',
      ),
      example: L('BUF', 'SK', 'BUF'),
    },
    {
      key: 'crossCutting',
      kind: 'bool',
      required: 'optional',
      width: 12,
      header: L('Tværgående', 'Övergripande', 'Cross-cutting'),
      help: L(
        'Ja, hvis handleplanen dækker alle berørte forvaltninger (forvaltningen koordinerer). Tom betyder nej.',
        'Ja om yttrandet gäller alla berörda förvaltningar (förvaltningen samordnar). Tom betyder nej.',
        'Yes when the plan answers for every affected department (the department coordinates). Empty means no.',
      ),
      example: L('nej', 'ja', 'no'),
    },
    {
      key: 'problem',
      kind: 'text',
      required: 'optional',
      maxLength: limits.longText,
      width: 40,
      header: L('Problem', 'Problem', 'Problem'),
      help: L('Problemet, som handleplanen løser.', 'Problemet som yttrandet tar sig an.', 'The problem the plan solves.'),
      example: L('Systemerne mangler tilladelser.', 'Behörigheter följs inte upp.', 'The systems lack permits.'),
    },
    {
      key: 'extent',
      kind: 'text',
      required: 'optional',
      maxLength: limits.longText,
      width: 30,
      header: L('Omfang', 'Omfattning', 'Extent'),
      help: L('Problemets omfang.', 'Problemets omfattning.', 'How big the problem is.'),
      example: L('12 systemer', '4 verksamhetssystem', '12 systems'),
    },
    {
      key: 'overallDeadline',
      kind: 'deadline',
      required: 'optional',
      width: 16,
      header: L('Samlet frist', 'Slutlig tidpunkt', 'Overall deadline'),
      help: L('Fristen for hele handleplanen.', 'Tidpunkt då hela yttrandet ska vara genomfört.', 'The deadline of the whole plan.'),
      example: L('2. halvår 2026', 'andra halvåret 2026', 'H2 2026'),
    },
    {
      key: 'measureNumber',
      kind: 'code',
      required: 'optional',
      maxLength: 10,
      width: 10,
      header: L('Tiltag nr.', 'Åtgärd nr', 'Measure no.'),
      help: L(
        'Tiltagets nummer i handleplanen (1, 2, 2A …). Handleplan og nummer identificerer tiltaget. Tom: rækken har kun handleplanens felter.',
        'Åtgärdens nummer i yttrandet (1, 2, 2A …). Yttrande och nummer identifierar åtgärden. Tom: raden har bara yttrandets fält.',
        'The number of the measure in the plan (1, 2, 2A …). Plan and number identify the measure. Empty: the row only holds the plan’s fields.',
      ),
      example: L('1', '1', '1'),
    },
    {
      key: 'measureTitle',
      kind: 'text',
      required: 'new',
      maxLength: limits.title,
      width: 36,
      header: L('Tiltag', 'Åtgärd', 'Measure'),
      help: L(
        'Tiltagets overskrift. Skal udfyldes for et nyt tiltag.',
        'Åtgärdens rubrik. Ska fyllas i för en ny åtgärd.',
        'The heading of the measure. Required for a new measure.',
      ),
      example: L('Kortlæg alle systemer', 'Inför årlig behörighetsgranskning', 'Map every system'),
    },
    {
      key: 'measureText',
      kind: 'text',
      required: 'optional',
      maxLength: limits.longText,
      width: 40,
      header: L('Beskrivelse', 'Beskrivning', 'Description'),
      help: L('Hvad tiltaget går ud på.', 'Vad åtgärden innebär.', 'What the measure is.'),
      example: L('Alle systemer registreres med ejer og status.', 'Varje system granskas en gång per år.', 'Every system is registered with owner and status.'),
    },
    {
      key: 'deadline',
      kind: 'deadline',
      required: 'optional',
      width: 16,
      header: L('Frist', 'Tidpunkt', 'Deadline'),
      help: L('Tiltagets frist, som I skriver den.', 'Åtgärdens tidpunkt, som ni skriver den.', 'The deadline of the measure, as you write it.'),
      example: L('Q1-2026', 'Q1 2026', 'Q1 2026'),
    },
    {
      key: 'followUpPoint',
      kind: 'text',
      required: 'optional',
      maxLength: limits.shortText,
      width: 36,
      header: L('Opfølgningspunkt', 'Uppföljning', 'Follow-up point'),
      help: L(
        'Hvordan forvaltningen følger op på, om tiltaget virker.',
        'Hur förvaltningen följer upp att åtgärden har effekt.',
        'How the department will check that the measure worked.',
      ),
      example: L('Stikprøve på ti systemer i 2. kvartal', 'Stickprov på tio system', 'Sample of ten systems in Q2'),
    },
    {
      key: 'expectedEffect',
      kind: 'text',
      required: 'optional',
      maxLength: limits.shortText,
      width: 36,
      header: L('Forventet effekt', 'Förväntad effekt', 'Expected effect'),
      help: L('Den effekt, tiltaget forventes at have.', 'Den effekt åtgärden förväntas ge.', 'The effect the measure is expected to have.'),
      example: L('Alle systemer har tilladelse', 'Inga inaktuella behörigheter', 'Every system has a permit'),
    },
    {
      key: 'responsibleUnit',
      kind: 'text',
      required: 'optional',
      maxLength: limits.name,
      width: 22,
      header: L('Ansvarlig enhed', 'Ansvarig enhet', 'Responsible unit'),
      help: L('Enheden, der gennemfører tiltaget.', 'Enheten som genomför åtgärden.', 'The unit that carries out the measure.'),
      example: L('Digitalisering', 'IT-avdelningen', 'Digital services'),
    },
    {
      key: 'responsiblePerson',
      kind: 'text',
      required: 'optional',
      maxLength: limits.name,
      width: 22,
      header: L('Ansvarlig person', 'Ansvarig person', 'Responsible person'),
      help: L('Navnet på den ansvarlige.', 'Namnet på den ansvariga.', 'The name of the person responsible.'),
      example: L('Sofie Kragh', 'Johan Nyström', 'Sofie Kragh'),
    },
    {
      key: 'ownerEmail',
      kind: 'email',
      required: 'optional',
      maxLength: 320,
      width: 26,
      header: L('Tiltagsejer (e-mail)', 'Åtgärdsägare (e-post)', 'Measure owner (e-mail)'),
      help: L(
        'E-mail på brugeren i Tilsyn, der giver status på tiltaget.',
        'E-post till användaren i Tilsyn som lämnar status för åtgärden.',
        'E-mail of the Tilsyn user who reports the status of the measure.',
      ),
      example: L('sofie.kragh@kommune.dk', 'johan.nystrom@kommun.se', 'sofie.kragh@example.org'),
    },
    {
      key: 'recommendations',
      kind: 'numbers',
      required: 'optional',
      width: 14,
      header: L('Adresserer anbefaling nr.', 'Avser rekommendation nr', 'Addresses recommendation no.'),
      help: L(
        'Numrene på de anbefalinger, tiltaget adresserer, adskilt med komma.',
        'Numren på de rekommendationer som åtgärden avser, åtskilda med komma.',
        'Numbers of the recommendations the measure addresses, separated by commas.',
      ),
      example: L('1, 2', '1', '1, 2'),
    },
  ],
};

export const sheets: SheetSpec[] = [findingsSheet, recommendationsSheet, plansSheet];

export const instructionsSheetName = L('Vejledning', 'Instruktioner', 'Instructions');

/** The words a `choice` cell may hold, per value; the first word of the locale is the template's. */
export const choiceWords: Record<ChoiceSet, Record<string, Record<Locale, string[]>>> = {
  reportKind: {
    annualAccounts: {
      da: ['årsberetning', 'årsregnskab', 'revisionsberetning'],
      sv: ['årsredovisning', 'revisionsberättelse'],
      en: ['annual accounts', 'annual report'],
    },
    ongoingAudit: { da: ['løbende revision', 'delberetning'], sv: ['löpande granskning', 'delårsgranskning'], en: ['ongoing audit', 'interim audit'] },
    review: { da: ['gennemgang', 'forvaltningsrevision'], sv: ['granskning', 'fördjupad granskning'], en: ['review'] },
  },
  grade: {
    red: { da: ['rød', 'kritisk'], sv: ['röd', 'kritisk'], en: ['red', 'critical'] },
    yellow: { da: ['gul', 'væsentlig'], sv: ['gul', 'väsentlig'], en: ['yellow', 'significant'] },
    green: { da: ['grøn', 'mindre væsentlig'], sv: ['grön', 'mindre väsentlig'], en: ['green', 'less significant'] },
  },
};

export const yesWords: Record<Locale, string[]> = { da: ['ja', 'j', 'x', 'sand'], sv: ['ja', 'j', 'x', 'sant'], en: ['yes', 'y', 'x', 'true'] };
export const noWords: Record<Locale, string[]> = { da: ['nej', 'n', 'falsk'], sv: ['nej', 'n', 'falskt'], en: ['no', 'n', 'false'] };
/** "All departments" in a departments cell. */
export const allWords: Record<Locale, string[]> = { da: ['alle', 'alle forvaltninger'], sv: ['alla', 'alla förvaltningar'], en: ['all', 'all departments'] };

const LOCALES: Locale[] = ['da', 'sv', 'en'];

/** Lower case, single spaces, NFC; a header's required marker and trailing colon removed. */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim()
    .replace(/\s*[*:]+$/, '')
    .toLowerCase();
}

/** The value a choice word stands for, in any language (or the code itself), or null. */
export function choiceValue(set: ChoiceSet, word: string): string | null {
  const w = normalizeWord(word);
  for (const [value, words] of Object.entries(choiceWords[set])) {
    if (w === value.toLowerCase()) return value;
    for (const l of LOCALES) if (words[l].some((x) => x === w || `${words[l][0]} (${x})` === w)) return value;
  }
  return null;
}

/** The word the template shows for a choice value. */
export const choiceLabel = (set: ChoiceSet, value: string, locale: Locale): string => choiceWords[set][value]![locale][0]!;

export const yesNoLabel = (yes: boolean, locale: Locale) => (yes ? yesWords[locale][0]! : noWords[locale][0]!);

export function boolValue(word: string): boolean | null {
  const w = normalizeWord(word);
  if (['1', ...LOCALES.flatMap((l) => yesWords[l])].includes(w)) return true;
  if (['0', ...LOCALES.flatMap((l) => noWords[l])].includes(w)) return false;
  return null;
}

export const isAllWord = (word: string) => LOCALES.some((l) => allWords[l].includes(normalizeWord(word)));

/** The sheet a tab name belongs to, in any language. */
export function sheetOfName(name: string): SheetSpec | null {
  const n = normalizeWord(name);
  return sheets.find((s) => LOCALES.some((l) => normalizeWord(s.name[l]) === n)) ?? null;
}

/** The column a header text belongs to in a sheet, and the language it is written in. */
export function columnOfHeader(sheet: SheetSpec, header: string): { column: ColumnSpec; locale: Locale } | null {
  const n = normalizeWord(header);
  for (const l of LOCALES) {
    const column = sheet.columns.find((c) => normalizeWord(c.header[l]) === n);
    if (column) return { column, locale: l };
  }
  return null;
}

/** The header as the template writes it: required columns marked with an asterisk. */
export const headerText = (c: ColumnSpec, locale: Locale) => (c.required === 'always' ? `${c.header[locale]} *` : c.header[locale]);
