import { defineMessages, type Entry } from '../catalogue.js';

/**
 * The findings import's spreadsheet in words: sheet names, what one row of a sheet is, each
 * column's header, explanation and example, and the words a cell may hold, in Danish, Swedish and
 * English. Its structure (keys, kinds, limits, widths) is modules/imports/columns.ts, which finds
 * these texts by its sheet and column keys:
 * - 'importsColumns.<sheet>.name' and '.rowIs';
 * - 'importsColumns.<sheet>.<column>.header', '.help' and '.example';
 * - 'importsColumns.choice.<set>.<value>' and 'importsColumns.words.yes' / '.no' / '.all': the words
 *   a cell may hold, separated by " | ", the first being the one the template writes.
 * A file is recognised by these names and headers in any of the three languages, so a header must
 * not mean two columns of one sheet in any language (a test checks).
 */

// A column several sheets share has the same header (and mostly the same help and example) on each.
const reportTitleHeader: Entry = { da: 'Beretning', sv: 'Granskningsrapport', en: 'Audit report' };
const reportTitleExample: Entry = { da: 'Revisionsberetning 2024', sv: 'Granskning av IT-säkerhet', en: 'Audit report 2024' };
const reportYearHeader: Entry = { da: 'År', sv: 'År', en: 'Year' };
const reportYearHelp: Entry = {
  da: 'Beretningens regnskabsår. Titel og år identificerer beretningen.',
  sv: 'Rapportens år. Rubrik och år identifierar rapporten.',
  en: 'The year of the report. Title and year identify the report.',
};
const reportYearExample: Entry = { da: '2024', sv: '2024', en: '2024' };
const findingNumberHeader: Entry = { da: 'Bemærkning nr.', sv: 'Iakttagelse nr', en: 'Finding no.' };
const findingNumberHelp: Entry = {
  da: 'Bemærkningens nummer i beretningen. Beretning, år og nummer identificerer bemærkningen.',
  sv: 'Iakttagelsens nummer i rapporten. Rapport, år och nummer identifierar iakttagelsen.',
  en: 'The number of the finding in the report. Report, year and number identify the finding.',
};
const findingNumberExample: Entry = { da: '3', sv: '3', en: '3' };
const referToReport: Entry = {
  da: 'Beretningen som bemærkningen hører til (titel som på arket Bemærkninger). Kan stå tom, når filen kun har én beretning.',
  sv: 'Rapporten som iakttagelsen hör till (rubrik som på bladet Iakttagelser). Kan lämnas tom när filen bara har en rapport.',
  en: 'The report the finding belongs to (title as on the Findings sheet). May be left empty when the file holds one report only.',
};

export const importsColumnsMessages = defineMessages({
  // Findings
  'importsColumns.findings.name': { da: 'Bemærkninger', sv: 'Iakttagelser', en: 'Findings' },
  'importsColumns.findings.rowIs': { da: 'én revisionsbemærkning', sv: 'en iakttagelse', en: 'one finding' },
  'importsColumns.findings.reportTitle.header': reportTitleHeader,
  'importsColumns.findings.reportTitle.help': {
    da: 'Beretningens titel. Findes en beretning med samme titel og år i Tilsyn, bruges den; ellers oprettes den.',
    sv: 'Rapportens rubrik. Finns en rapport med samma rubrik och år i Tilsyn används den, annars skapas den.',
    en: 'The title of the report. A report in Tilsyn with the same title and year is used; otherwise it is created.',
  },
  'importsColumns.findings.reportTitle.example': reportTitleExample,
  'importsColumns.findings.reportYear.header': reportYearHeader,
  'importsColumns.findings.reportYear.help': reportYearHelp,
  'importsColumns.findings.reportYear.example': reportYearExample,
  'importsColumns.findings.reportKind.header': { da: 'Beretningstype', sv: 'Rapporttyp', en: 'Report kind' },
  'importsColumns.findings.reportKind.help': {
    da: 'Hvilken slags beretning. Skal udfyldes for en ny beretning.',
    sv: 'Vilken sorts rapport. Ska fyllas i för en ny rapport.',
    en: 'What kind of report. Required for a new report.',
  },
  'importsColumns.findings.reportKind.example': { da: 'årsberetning', sv: 'granskning', en: 'annual accounts' },
  'importsColumns.findings.auditor.header': { da: 'Revisor', sv: 'Revisor', en: 'Auditor' },
  'importsColumns.findings.auditor.help': {
    da: 'Hvem der har afgivet beretningen. Skal udfyldes for en ny beretning.',
    sv: 'Vem som har lämnat rapporten. Ska fyllas i för en ny rapport.',
    en: 'Who wrote the report. Required for a new report.',
  },
  'importsColumns.findings.auditor.example': { da: 'Revisionsfirma A/S', sv: 'De förtroendevalda revisorerna', en: 'Audit firm Ltd' },
  'importsColumns.findings.receivedOn.header': { da: 'Modtaget', sv: 'Mottagen', en: 'Received on' },
  'importsColumns.findings.receivedOn.help': {
    da: 'Dato for modtagelse af beretningen.',
    sv: 'Datum då rapporten togs emot.',
    en: 'The date the report was received.',
  },
  'importsColumns.findings.receivedOn.example': { da: '15.03.2025', sv: '2025-03-15', en: '2025-03-15' },
  'importsColumns.findings.findingNumber.header': findingNumberHeader,
  'importsColumns.findings.findingNumber.help': findingNumberHelp,
  'importsColumns.findings.findingNumber.example': findingNumberExample,
  'importsColumns.findings.title.header': { da: 'Titel', sv: 'Rubrik', en: 'Title' },
  'importsColumns.findings.title.help': { da: 'Bemærkningens overskrift.', sv: 'Iakttagelsens rubrik.', en: 'The heading of the finding.' },
  'importsColumns.findings.title.example': {
    da: 'Manglende ibrugtagningstilladelser',
    sv: 'Brister i behörighetsstyrning',
    en: 'Missing commissioning permits',
  },
  'importsColumns.findings.observations.header': { da: 'Observationer', sv: 'Beskrivning', en: 'Observations' },
  'importsColumns.findings.observations.help': { da: 'Hvad revisor har konstateret.', sv: 'Vad revisorerna har iakttagit.', en: 'What the auditor observed.' },
  'importsColumns.findings.observations.example': {
    da: '12 systemer er taget i brug uden tilladelse.',
    sv: '12 system saknar behörighetsgranskning.',
    en: '12 systems went live without a permit.',
  },
  'importsColumns.findings.risks.header': { da: 'Risici', sv: 'Risker', en: 'Risks' },
  'importsColumns.findings.risks.help': {
    da: 'Hvilke risici revisor peger på.',
    sv: 'Vilka risker revisorerna pekar på.',
    en: 'The risks the auditor points out.',
  },
  'importsColumns.findings.risks.example': {
    da: 'Data kan blive tilgængelige for uvedkommende.',
    sv: 'Obehöriga kan få tillgång till uppgifter.',
    en: 'Data may be exposed to unauthorised persons.',
  },
  'importsColumns.findings.grade.header': { da: 'Vurdering', sv: 'Bedömning', en: 'Grade' },
  'importsColumns.findings.grade.help': {
    da: 'Rød (kritisk), gul (væsentlig) eller grøn (mindre væsentlig); tom uden vurdering.',
    sv: 'Röd (kritisk), gul (väsentlig) eller grön (mindre väsentlig); tom utan bedömning.',
    en: 'Red (critical), yellow (significant) or green (less significant); empty without a grade.',
  },
  'importsColumns.findings.grade.example': { da: 'gul', sv: 'gul', en: 'yellow' },
  'importsColumns.findings.confidential.header': { da: 'Fortrolig', sv: 'Sekretess', en: 'Confidential' },
  'importsColumns.findings.confidential.help': {
    da: 'Ja, hvis bemærkningen er undtaget fra aktindsigt; den vises så ikke for læsere. Tom betyder nej.',
    sv: 'Ja om iakttagelsen omfattas av sekretess; den visas då inte för läsare. Tom betyder nej.',
    en: 'Yes when the finding is exempt from public access; readers then do not see it. Empty means no.',
  },
  'importsColumns.findings.confidential.example': { da: 'nej', sv: 'nej', en: 'no' },
  'importsColumns.findings.confidentialBasis.header': { da: 'Hjemmel for fortrolighed', sv: 'Sekretessgrund', en: 'Legal basis for confidentiality' },
  'importsColumns.findings.confidentialBasis.help': {
    da: 'Skal udfyldes, når bemærkningen er fortrolig.',
    sv: 'Ska fyllas i när iakttagelsen omfattas av sekretess.',
    en: 'Required when the finding is confidential.',
  },
  'importsColumns.findings.confidentialBasis.example': {
    da: 'offentlighedsloven § 33',
    sv: 'OSL 18:8',
    en: 'Danish Access to Public Administration Files Act § 33',
  },
  'importsColumns.findings.departments.header': { da: 'Forvaltninger', sv: 'Förvaltningar', en: 'Departments' },
  'importsColumns.findings.departments.help': {
    da: 'Berørte forvaltningers koder, adskilt med komma, eller "alle". Skal udfyldes for en ny bemærkning. Koderne står nederst på dette ark.',
    sv: 'Berörda förvaltningars koder, åtskilda med komma, eller "alla". Ska fyllas i för en ny iakttagelse. Koderna står längst ned på detta blad.',
    en: 'Codes of the affected departments, separated by commas, or "all". Required for a new finding. The codes are listed at the bottom of this sheet.',
  },
  'importsColumns.findings.departments.example': { da: 'BUF, SOF', sv: 'SK, TF', en: 'BUF, SOF' },
  'importsColumns.findings.repeat.header': { da: 'Gentaget fra tidligere år', sv: 'Upprepad från tidigare år', en: 'Repeats earlier years' },
  'importsColumns.findings.repeat.help': {
    da: 'Ja, hvis bemærkningen også blev givet tidligere år. Tom betyder nej.',
    sv: 'Ja om iakttagelsen också lämnades tidigare år. Tom betyder nej.',
    en: 'Yes when the finding was also made in earlier years. Empty means no.',
  },
  'importsColumns.findings.repeat.example': { da: 'ja', sv: 'ja', en: 'yes' },
  'importsColumns.findings.caseNumber.header': { da: 'Sagsnummer', sv: 'Diarienummer', en: 'Case number' },
  'importsColumns.findings.caseNumber.help': {
    da: 'Sagsnummer i kommunens ESDH-system.',
    sv: 'Diarienummer i kommunens ärendehanteringssystem.',
    en: "Case number in the municipality's records system.",
  },
  'importsColumns.findings.caseNumber.example': { da: '2025-0012345', sv: 'KS 2025/123', en: '2025-0012345' },
  // Recommendations
  'importsColumns.recommendations.name': { da: 'Anbefalinger', sv: 'Rekommendationer', en: 'Recommendations' },
  'importsColumns.recommendations.rowIs': {
    da: 'én anbefaling i en bemærkning',
    sv: 'en rekommendation i en iakttagelse',
    en: 'one recommendation of a finding',
  },
  'importsColumns.recommendations.reportTitle.header': reportTitleHeader,
  'importsColumns.recommendations.reportTitle.help': referToReport,
  'importsColumns.recommendations.reportTitle.example': reportTitleExample,
  'importsColumns.recommendations.reportYear.header': reportYearHeader,
  'importsColumns.recommendations.reportYear.help': reportYearHelp,
  'importsColumns.recommendations.reportYear.example': reportYearExample,
  'importsColumns.recommendations.findingNumber.header': findingNumberHeader,
  'importsColumns.recommendations.findingNumber.help': findingNumberHelp,
  'importsColumns.recommendations.findingNumber.example': findingNumberExample,
  'importsColumns.recommendations.number.header': { da: 'Anbefaling nr.', sv: 'Rekommendation nr', en: 'Recommendation no.' },
  'importsColumns.recommendations.number.help': {
    da: 'Anbefalingens nummer i bemærkningen (1, 2, 3 …). Bemærkning og nummer identificerer anbefalingen.',
    sv: 'Rekommendationens nummer i iakttagelsen (1, 2, 3 …). Iakttagelse och nummer identifierar rekommendationen.',
    en: 'The number of the recommendation within the finding (1, 2, 3 …). Finding and number identify it.',
  },
  'importsColumns.recommendations.number.example': { da: '1', sv: '1', en: '1' },
  'importsColumns.recommendations.text.header': { da: 'Anbefaling', sv: 'Rekommendation', en: 'Recommendation' },
  'importsColumns.recommendations.text.help': { da: 'Anbefalingens tekst.', sv: 'Rekommendationens text.', en: 'The text of the recommendation.' },
  'importsColumns.recommendations.text.example': {
    da: 'Vurder alle systemer og indhent tilladelser.',
    sv: 'Inför en årlig behörighetsgranskning.',
    en: 'Assess every system and obtain permits.',
  },
  // Plans and measures
  'importsColumns.plans.name': { da: 'Handleplaner', sv: 'Yttranden och åtgärder', en: 'Plans and measures' },
  'importsColumns.plans.rowIs': {
    da: 'ét tiltag i en forvaltnings handleplan; handleplanens egne felter (problem, omfang, samlet frist) gentages eller står kun i første række',
    sv: 'en åtgärd i en förvaltnings yttrande; yttrandets egna fält (problem, omfattning, slutlig tidpunkt) upprepas eller står bara på första raden',
    en: "one measure of a department's action plan; the plan's own fields (problem, extent, overall deadline) are repeated or given in its first row only",
  },
  'importsColumns.plans.reportTitle.header': reportTitleHeader,
  'importsColumns.plans.reportTitle.help': referToReport,
  'importsColumns.plans.reportTitle.example': reportTitleExample,
  'importsColumns.plans.reportYear.header': reportYearHeader,
  'importsColumns.plans.reportYear.help': reportYearHelp,
  'importsColumns.plans.reportYear.example': reportYearExample,
  'importsColumns.plans.findingNumber.header': findingNumberHeader,
  'importsColumns.plans.findingNumber.help': findingNumberHelp,
  'importsColumns.plans.findingNumber.example': findingNumberExample,
  'importsColumns.plans.department.header': { da: 'Forvaltning', sv: 'Förvaltning', en: 'Department' },
  'importsColumns.plans.department.help': {
    da: 'Koden på forvaltningen, der skriver handleplanen. Bemærkning og forvaltning identificerer handleplanen.',
    sv: 'Koden för förvaltningen som skriver yttrandet. Iakttagelse och förvaltning identifierar yttrandet.',
    en: 'Code of the department that writes the plan. Finding and department identify the plan.',
  },
  'importsColumns.plans.department.example': { da: 'BUF', sv: 'SK', en: 'BUF' },
  'importsColumns.plans.crossCutting.header': { da: 'Tværgående', sv: 'Övergripande', en: 'Cross-cutting' },
  'importsColumns.plans.crossCutting.help': {
    da: 'Ja, hvis handleplanen dækker alle berørte forvaltninger (forvaltningen koordinerer). Tom betyder nej.',
    sv: 'Ja om yttrandet gäller alla berörda förvaltningar (förvaltningen samordnar). Tom betyder nej.',
    en: 'Yes when the plan answers for every affected department (the department coordinates). Empty means no.',
  },
  'importsColumns.plans.crossCutting.example': { da: 'nej', sv: 'ja', en: 'no' },
  'importsColumns.plans.problem.header': { da: 'Problem', sv: 'Problem', en: 'Problem' },
  'importsColumns.plans.problem.help': {
    da: 'Problemet, som handleplanen løser.',
    sv: 'Problemet som yttrandet tar sig an.',
    en: 'The problem the plan solves.',
  },
  'importsColumns.plans.problem.example': { da: 'Systemerne mangler tilladelser.', sv: 'Behörigheter följs inte upp.', en: 'The systems lack permits.' },
  'importsColumns.plans.extent.header': { da: 'Omfang', sv: 'Omfattning', en: 'Extent' },
  'importsColumns.plans.extent.help': { da: 'Problemets omfang.', sv: 'Problemets omfattning.', en: 'How big the problem is.' },
  'importsColumns.plans.extent.example': { da: '12 systemer', sv: '4 verksamhetssystem', en: '12 systems' },
  'importsColumns.plans.overallDeadline.header': { da: 'Samlet frist', sv: 'Slutlig tidpunkt', en: 'Overall deadline' },
  'importsColumns.plans.overallDeadline.help': {
    da: 'Fristen for hele handleplanen.',
    sv: 'Tidpunkt då hela yttrandet ska vara genomfört.',
    en: 'The deadline of the whole plan.',
  },
  'importsColumns.plans.overallDeadline.example': { da: '2. halvår 2026', sv: 'andra halvåret 2026', en: 'H2 2026' },
  'importsColumns.plans.measureNumber.header': { da: 'Tiltag nr.', sv: 'Åtgärd nr', en: 'Measure no.' },
  'importsColumns.plans.measureNumber.help': {
    da: 'Tiltagets nummer i handleplanen (1, 2, 2A …). Handleplan og nummer identificerer tiltaget. Tom: rækken har kun handleplanens felter.',
    sv: 'Åtgärdens nummer i yttrandet (1, 2, 2A …). Yttrande och nummer identifierar åtgärden. Tom: raden har bara yttrandets fält.',
    en: 'The number of the measure in the plan (1, 2, 2A …). Plan and number identify the measure. Empty: the row only holds the plan’s fields.',
  },
  'importsColumns.plans.measureNumber.example': { da: '1', sv: '1', en: '1' },
  'importsColumns.plans.measureTitle.header': { da: 'Tiltag', sv: 'Åtgärd', en: 'Measure' },
  'importsColumns.plans.measureTitle.help': {
    da: 'Tiltagets overskrift. Skal udfyldes for et nyt tiltag.',
    sv: 'Åtgärdens rubrik. Ska fyllas i för en ny åtgärd.',
    en: 'The heading of the measure. Required for a new measure.',
  },
  'importsColumns.plans.measureTitle.example': { da: 'Kortlæg alle systemer', sv: 'Inför årlig behörighetsgranskning', en: 'Map every system' },
  'importsColumns.plans.measureText.header': { da: 'Beskrivelse', sv: 'Beskrivning', en: 'Description' },
  'importsColumns.plans.measureText.help': { da: 'Hvad tiltaget går ud på.', sv: 'Vad åtgärden innebär.', en: 'What the measure is.' },
  'importsColumns.plans.measureText.example': {
    da: 'Alle systemer registreres med ejer og status.',
    sv: 'Varje system granskas en gång per år.',
    en: 'Every system is registered with owner and status.',
  },
  'importsColumns.plans.deadline.header': { da: 'Frist', sv: 'Tidpunkt', en: 'Deadline' },
  'importsColumns.plans.deadline.help': {
    da: 'Tiltagets frist, som I skriver den.',
    sv: 'Åtgärdens tidpunkt, som ni skriver den.',
    en: 'The deadline of the measure, as you write it.',
  },
  'importsColumns.plans.deadline.example': { da: 'Q1-2026', sv: 'Q1 2026', en: 'Q1 2026' },
  'importsColumns.plans.followUpPoint.header': { da: 'Opfølgningspunkt', sv: 'Uppföljning', en: 'Follow-up point' },
  'importsColumns.plans.followUpPoint.help': {
    da: 'Hvordan forvaltningen følger op på, om tiltaget virker.',
    sv: 'Hur förvaltningen följer upp att åtgärden har effekt.',
    en: 'How the department will check that the measure worked.',
  },
  'importsColumns.plans.followUpPoint.example': {
    da: 'Stikprøve på ti systemer i 2. kvartal',
    sv: 'Stickprov på tio system',
    en: 'Sample of ten systems in Q2',
  },
  'importsColumns.plans.expectedEffect.header': { da: 'Forventet effekt', sv: 'Förväntad effekt', en: 'Expected effect' },
  'importsColumns.plans.expectedEffect.help': {
    da: 'Den effekt, tiltaget forventes at have.',
    sv: 'Den effekt åtgärden förväntas ge.',
    en: 'The effect the measure is expected to have.',
  },
  'importsColumns.plans.expectedEffect.example': { da: 'Alle systemer har tilladelse', sv: 'Inga inaktuella behörigheter', en: 'Every system has a permit' },
  'importsColumns.plans.responsibleUnit.header': { da: 'Ansvarlig enhed', sv: 'Ansvarig enhet', en: 'Responsible unit' },
  'importsColumns.plans.responsibleUnit.help': {
    da: 'Enheden, der gennemfører tiltaget.',
    sv: 'Enheten som genomför åtgärden.',
    en: 'The unit that carries out the measure.',
  },
  'importsColumns.plans.responsibleUnit.example': { da: 'Digitalisering', sv: 'IT-avdelningen', en: 'Digital services' },
  'importsColumns.plans.responsiblePerson.header': { da: 'Ansvarlig person', sv: 'Ansvarig person', en: 'Responsible person' },
  'importsColumns.plans.responsiblePerson.help': { da: 'Navnet på den ansvarlige.', sv: 'Namnet på den ansvariga.', en: 'The name of the person responsible.' },
  'importsColumns.plans.responsiblePerson.example': { da: 'Sofie Kragh', sv: 'Johan Nyström', en: 'Sofie Kragh' },
  'importsColumns.plans.ownerEmail.header': { da: 'Tiltagsejer (e-mail)', sv: 'Åtgärdsägare (e-post)', en: 'Measure owner (e-mail)' },
  'importsColumns.plans.ownerEmail.help': {
    da: 'E-mail på brugeren i Tilsyn, der giver status på tiltaget.',
    sv: 'E-post till användaren i Tilsyn som lämnar status för åtgärden.',
    en: 'E-mail of the Tilsyn user who reports the status of the measure.',
  },
  'importsColumns.plans.ownerEmail.example': { da: 'sofie.kragh@kommune.dk', sv: 'johan.nystrom@kommun.se', en: 'sofie.kragh@example.org' },
  'importsColumns.plans.recommendations.header': { da: 'Adresserer anbefaling nr.', sv: 'Avser rekommendation nr', en: 'Addresses recommendation no.' },
  'importsColumns.plans.recommendations.help': {
    da: 'Numrene på de anbefalinger, tiltaget adresserer, adskilt med komma.',
    sv: 'Numren på de rekommendationer som åtgärden avser, åtskilda med komma.',
    en: 'Numbers of the recommendations the measure addresses, separated by commas.',
  },
  'importsColumns.plans.recommendations.example': { da: '1, 2', sv: '1', en: '1, 2' },
  // The instructions sheet
  'importsColumns.instructions.name': { da: 'Vejledning', sv: 'Instruktioner', en: 'Instructions' },
  // The words a choice, yes/no or departments cell may hold (" | " between words; the first is the template's)
  'importsColumns.choice.reportKind.annualAccounts': {
    da: 'årsberetning | årsregnskab | revisionsberetning',
    sv: 'årsredovisning | revisionsberättelse',
    en: 'annual accounts | annual report',
  },
  'importsColumns.choice.reportKind.ongoingAudit': {
    da: 'løbende revision | delberetning',
    sv: 'löpande granskning | delårsgranskning',
    en: 'ongoing audit | interim audit',
  },
  'importsColumns.choice.reportKind.review': { da: 'gennemgang | forvaltningsrevision', sv: 'granskning | fördjupad granskning', en: 'review' },
  'importsColumns.choice.grade.red': { da: 'rød | kritisk', sv: 'röd | kritisk', en: 'red | critical' },
  'importsColumns.choice.grade.yellow': { da: 'gul | væsentlig', sv: 'gul | väsentlig', en: 'yellow | significant' },
  'importsColumns.choice.grade.green': { da: 'grøn | mindre væsentlig', sv: 'grön | mindre väsentlig', en: 'green | less significant' },
  'importsColumns.words.yes': { da: 'ja | j | x | sand', sv: 'ja | j | x | sant', en: 'yes | y | x | true' },
  'importsColumns.words.no': { da: 'nej | n | falsk', sv: 'nej | n | falskt', en: 'no | n | false' },
  'importsColumns.words.all': { da: 'alle | alle forvaltninger', sv: 'alla | alla förvaltningar', en: 'all | all departments' },
});
