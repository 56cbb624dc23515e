import type { DemoMunicipality } from './spec.js';

/**
 * Danish demo municipality, built from the facts of the 2024 audit remarks of
 * Københavns Kommune (fixtures/kk-2024/audit-remarks.json). All prose is rewritten
 * in short, plain sentences. The plans of remarks 1 and 6 deliberately keep the
 * gaps the departments left (missing deadlines and follow-up points), so the
 * guidance check has something real to flag.
 */
export const copenhagen: DemoMunicipality = {
  slug: 'kobenhavn',
  name: 'Københavns Kommune',
  language: 'da',
  vocabulary: 'DK',
  currency: 'DKK',

  committees: [
    { code: 'ØU', name: 'Økonomiudvalget' },
    { code: 'BUU', name: 'Børne- og Ungdomsudvalget' },
    { code: 'SOU', name: 'Socialudvalget' },
    { code: 'TMU', name: 'Teknik- og Miljøudvalget' },
    { code: 'KFU', name: 'Kultur- og Fritidsudvalget' },
    { code: 'BIU', name: 'Beskæftigelses- og Integrationsudvalget' },
    { code: 'SUU', name: 'Sundheds- og Omsorgsudvalget' },
  ],

  departments: [
    { code: 'ØKF', name: 'Økonomiforvaltningen', committee: 'ØU' },
    { code: 'BUF', name: 'Børne- og Ungdomsforvaltningen', committee: 'BUU' },
    { code: 'SOF', name: 'Socialforvaltningen', committee: 'SOU' },
    { code: 'TMF', name: 'Teknik- og Miljøforvaltningen', committee: 'TMU' },
    { code: 'KFF', name: 'Kultur- og Fritidsforvaltningen', committee: 'KFU' },
    { code: 'BIF', name: 'Beskæftigelses- og Integrationsforvaltningen', committee: 'BIU' },
    { code: 'SUF', name: 'Sundheds- og Omsorgsforvaltningen', committee: 'SUU' },
  ],

  users: [
    {
      name: 'Tilsyn Administrator',
      email: 'admin@kk.example',
      title: 'Systemadministrator',
      roles: ['admin'],
    },
    {
      name: 'Lone Vestergaard',
      email: 'lone.vestergaard@kk.example',
      title: 'Revisionskoordinator',
      department: 'SOF',
      roles: ['departmentCoordinator:SOF'],
    },
    {
      name: 'Mette Lindholm',
      email: 'mette.lindholm@kk.example',
      roles: ['centralCoordinator'],
      title: 'Central revisionskoordinator',
      department: 'ØKF',
    },
    {
      name: 'Jonas Brandt',
      email: 'jonas.brandt@kk.example',
      roles: ['departmentCoordinator:BUF'],
      title: 'Revisionskoordinator',
      department: 'BUF',
    },
    {
      name: 'Sofie Kragh',
      email: 'sofie.kragh@kk.example',
      roles: ['measureOwner:BUF'],
      title: 'Porteføljemanager for it',
      department: 'BUF',
    },
    {
      name: 'Henrik Dahl',
      email: 'henrik.dahl@kk.example',
      roles: ['auditor'],
      title: 'Ekstern revisor',
    },
    {
      name: 'Amira Jensen',
      email: 'amira.jensen@kk.example',
      roles: ['reader'],
      title: 'Medlem af Økonomiudvalget',
    },
  ],

  meetings: [
    { key: 'buu-2024-06-19', body: 'Børne- og Ungdomsudvalget', date: '2024-06-19', agendaItem: 'Punkt 9' },
    { key: 'buu-2025-08-20', body: 'Børne- og Ungdomsudvalget', date: '2025-08-20', agendaItem: 'Punkt 6' },
    { key: 'oeu-2025-08-26', body: 'Økonomiudvalget', date: '2025-08-26', agendaItem: 'Punkt 11' },
    { key: 'br-2025-09-11', body: 'Borgerrepræsentationen', date: '2025-09-11', agendaItem: 'Punkt 14' },
  ],

  reports: [
    {
      title: 'Løbende revision 2024',
      auditor: 'Ekstern revision',
      year: 2024,
      kind: 'ongoingAudit',
      findings: [
        {
          number: 1,
          title: 'Ibrugtagningstilladelser på it-systemer',
          observations:
            'Kommunens regler for køb af it gælder for alle forvaltninger. ' +
            'Et nyt system skal have en sikkerhedsvurdering før brug. ' +
            'Det skal også have en ibrugtagningstilladelse. ' +
            'Mangler tilladelsen, er det en uoverensstemmelse. ' +
            'Sagen går så op gennem ledelsen. ' +
            'Den kan ende helt i Økonomiudvalget.',
          risks: 'Et system uden vurdering og tilladelse er en stor risiko. ' + 'Så ved vi ikke, om data og drift er sikret.',
          departments: 'ALL',
          repeatOfEarlierYears: true,
          recommendations: [
            'Lav en tilpasset sikkerhedsvurdering af systemer, der blev taget i brug før 2018.',
            "Eskalér systemer med status 'ikke godkendt' efter reglerne. Udfas dem, hvis det er nødvendigt.",
          ],
          plans: [
            {
              department: 'BUF',
              problem: 'Nogle af BUF’s it-systemer har ingen ibrugtagningstilladelse. ' + 'Det gælder især ældre systemer fra før 2018.',
              extent: 'Det drejer sig om små, lokale systemer og om ældre systemer. ' + 'Det fulde omfang kendes, når hele porteføljen er gennemgået.',
              overallDeadline: null,
              // The plan from the 2024 follow-up, approved then; this year it gets its status.
              approvals: [{ meeting: 'buu-2024-06-19', approvedBy: 'jonas.brandt@kk.example', approvedOn: '2024-06-19' }],
              measures: [
                {
                  number: '1',
                  title: 'Gennemgang af ibrugtagningsstatus',
                  text: 'BUF ansætter en porteføljemanager for it. ' + 'Personen gennemgår alle systemer, der ikke har en status for ibrugtagning.',
                  responsibleUnit: 'BUF Digitalisering',
                  owner: 'sofie.kragh@kk.example',
                  deadline: '2024',
                  followUpPoint: null,
                  recommendations: [2],
                },
                {
                  number: '2',
                  title: 'Tilpasset sikkerhedsvurdering',
                  text:
                    'Porteføljemanageren gennemgår alle BUF’s systemer. ' +
                    'Det sker sammen med GDPR-funktionen og den tekniske systemejer. ' +
                    'Små lokale systemer og systemer fra før 2018 går først. ' +
                    'Systemerne i KIT’s plan for samling får en score for hvor kritiske de er. ' +
                    'Ud fra den score laver KIT en vurdering af risikoen.',
                  responsibleUnit: 'BUF Digitalisering',
                  owner: 'sofie.kragh@kk.example',
                  deadline: null,
                  followUpPoint: null,
                  recommendations: [1],
                },
                {
                  number: '3',
                  title: "Systemer med status 'ikke godkendt'",
                  text:
                    'BUF laver de tilpassede sikkerhedsvurderinger. ' +
                    'De manglende tilladelser laves sammen med KIT. ' +
                    'Nye systemer skal altid meldes ind til digitalisering. ' +
                    'Så kan ingen købe et system lokalt uden godkendelse.',
                  responsibleUnit: 'BUF Digitalisering',
                  owner: 'sofie.kragh@kk.example',
                  deadline: '2024',
                  followUpPoint: null,
                  recommendations: [1, 2],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      title: 'Revisionsberetning om årsregnskabet 2024',
      auditor: 'Ekstern revision',
      year: 2024,
      kind: 'annualAccounts',
      findings: [
        {
          number: 2,
          councilDecision: {
            meeting: 'br-2025-09-11',
            text: 'Borgerrepræsentationen tog bemærkningen til efterretning.',
            committeeComment: 'Økonomiudvalget følger op på forsikringsområdet i den næste status.',
          },
          title: 'Forsikring ØKF',
          observations:
            'Revisionen har set på kommunens forsikringer i ØKF. ' +
            'Der er ikke et samlet overblik over, hvad der er dækket. ' +
            'Det er heller ikke altid vist, at dækningen passer til risikoen.',
          departments: ['ØKF'],
          recommendations: ['Skab et samlet overblik over kommunens forsikringer.', 'Vurdér jævnligt, om dækningen passer til kommunens risici.'],
          plans: [],
        },
        {
          number: 3,
          councilDecision: {
            meeting: 'br-2025-09-11',
            text: 'Borgerrepræsentationen godkendte den tværgående handleplan og bad om status i februar 2026.',
            committeeComment: 'Økonomiudvalget finder, at handleplanen dækker alle anbefalinger, og anbefaler den godkendt.',
          },
          title: 'Informationssikkerhed',
          observations:
            'Siden 2021 har revisionen bedt om bedre styring af informationssikkerheden. ' +
            'Arbejdet skal også være mere åbent. ' +
            'Nye regler som NIS2 og AI-forordningen kræver et ledelsessystem, et ISMS. ' +
            'ØKF har beskrevet et ISMS i seks trin. ' +
            'Trinene gentages i en fast cyklus. ' +
            'Det sker for hele kommunen og i hver forvaltning. ' +
            'Dertil kommer CIS 18-kontroller og en ny måde at købe it på.',
          risks:
            'Ledelsen har i dag ikke et klart billede af sikkerheden. ' +
            'Den ved for lidt om, hvor godt kontrollerne virker. ' +
            'Den ved også for lidt om den risiko, der er tilbage.',
          departments: 'ALL',
          repeatOfEarlierYears: true,
          recommendations: [
            'Gør arbejdet med ISMS færdigt så hurtigt som muligt. Så bliver tiden med et uklart billede af sikkerheden kort.',
            'Indfør CIS 18-kontroller hurtigst muligt. De skal dække al kommunens it-infrastruktur.',
            'Lad processen for køb af it følge kravene i ISO-standarderne, også ISO 27001 Annex A.',
          ],
          plans: [
            {
              department: null,
              problem:
                'Kommunen har endnu ikke et samlet ledelsessystem for informationssikkerhed. ' + 'Derfor kan ledelsen ikke se hele billedet af risikoen.',
              extent: 'Sagen gælder alle syv forvaltninger. ' + 'Den gælder også al it-infrastruktur og alle køb af it.',
              overallDeadline: 'Q3-2028',
              approvals: [{ meeting: 'oeu-2025-08-26', approvedBy: 'mette.lindholm@kk.example', approvedOn: '2025-08-26' }],
              measures: [
                {
                  number: '1',
                  title: 'ISMS',
                  text:
                    'CISO-funktionen i ØKF leder arbejdet efter den vedtagne plan. ' +
                    'Forvaltningerne deltager i faste arbejdsgrupper. ' +
                    'Første fase slutter i Q1-2026. ' +
                    'Hele ISMS ventes at være på plads i Q3-2028.',
                  responsibleUnit: 'ØKF, CISO-funktionen',
                  deadline: 'Q1-2026',
                  followUpPoint:
                    'IT-kredsen er styregruppe for arbejdet. ' +
                    'I marts 2026 beslutter den, om næste fase skal i gang. ' +
                    'Den får jævnligt status på, hvordan det går.',
                  recommendations: [1],
                },
                {
                  number: '2A',
                  title: 'Afdækning af it-infrastruktur',
                  text: 'Vi finder ud af, hvilken it-infrastruktur kommunen har. ' + 'Vi finder også ud af, hvor den bliver drevet.',
                  responsibleUnit: 'ØKF, CISO-funktionen',
                  deadline: 'Q4-2025',
                  followUpPoint:
                    'En gruppe med folk fra alle forvaltninger gør arbejdet. ' + 'Bagefter får IT-kredsen resultatet. ' + 'Så kan den tage stilling.',
                  recommendations: [2],
                },
                {
                  number: '2B',
                  title: 'Fælles tilgang til CIS18-kontroller',
                  text:
                    'Vi beslutter, hvordan hele kommunen skal bruge CIS18. ' +
                    'Brugen kan variere med typen af infrastruktur. ' +
                    'Vi fastlægger også, hvem der styrer arbejdet.',
                  responsibleUnit: 'ØKF, CISO-funktionen',
                  deadline: 'Q1-2026',
                  followUpPoint: 'Den samme gruppe forbereder sagen. ' + 'Så kan IT-kredsen tage stilling.',
                  recommendations: [2],
                },
                {
                  number: '2C',
                  title: 'Forvaltningsspecifik implementering af CIS18',
                  text:
                    'Hver forvaltning får sin egen plan for CIS18. ' + 'Planerne laves, når 2A og 2B er færdige. ' + 'Den endelige frist sættes også først da.',
                  responsibleUnit: 'Alle forvaltninger',
                  deadline: null,
                  followUpPoint: 'Vi følger op gennem styringen af CIS18. ' + 'Det sker også i det samlede ISMS.',
                  recommendations: [2],
                },
                {
                  number: '3',
                  title: 'It-anskaffelsesprocessen følger ISO-krav',
                  text:
                    'ØKF har startet et projekt om en ny model for køb af it. ' +
                    'Før udgangen af Q3-2025 ser vi på ISO 27001 Annex A. ' +
                    'Vi finder ud af, hvordan kravene kan komme ind i modellen.',
                  responsibleUnit: 'ØKF',
                  deadline: 'Q1-2026',
                  followUpPoint:
                    'Vi opdaterer vores arbejdsgange. ' +
                    'Det skal stå klart, hvem der har ansvar for hvad. ' +
                    'Det kan også blive en del af rapporten om ISMS.',
                  recommendations: [3],
                },
              ],
            },
          ],
        },
        {
          number: 4,
          title: 'Ejendomsvedligehold',
          observations:
            'Revisionen har set på vedligehold af kommunens ejendomme. ' +
            'Planer og valg af opgaver er ikke altid skrevet ned. ' +
            'Det er svært at se, om pengene går til det største behov.',
          departments: ['ØKF'],
          recommendations: ['Lav en plan for vedligehold af hver ejendom.', 'Skriv ned, hvordan opgaverne bliver prioriteret.'],
          plans: [],
        },
        {
          number: 5,
          title: 'Fritagelse for ejendomsskat',
          observations:
            'Nogle ejendomme er fritaget for ejendomsskat. ' +
            'Grundlaget for fritagelsen er ikke altid dokumenteret. ' +
            'Fritagelsen bliver heller ikke altid vurderet igen.',
          departments: ['ØKF'],
          recommendations: ['Dokumentér grundlaget for hver fritagelse.', 'Tjek jævnligt, om betingelserne stadig er opfyldt.'],
          plans: [],
        },
        {
          number: 6,
          councilDecision: {
            meeting: 'br-2025-09-11',
            text: 'Borgerrepræsentationen godkendte forvaltningens handleplan.',
            committeeComment: 'Børne- og Ungdomsudvalget har godkendt handleplanen og følger den hvert halvår.',
          },
          title: 'Godkendelse af indkøb BUF',
          observations:
            'Efter kommunens regler skal varemodtagelsen godkendes før betaling. ' +
            'Den, der godkender, skal kende købet. ' +
            'Som regel er det den, der bestilte. ' +
            'Først derefter godkender ledelsen fakturaen. ' +
            'I BUF bruges stedfortræderrollen i Kvantum ofte. ' +
            'Så godkendes varen af en person, der ikke kender købet godt nok.',
          risks: 'Det kan ikke ses, at varen faktisk er kommet. ' + 'Kommunen kan betale for noget, den ikke har fået.',
          departments: ['BUF'],
          recommendations: [
            'Følg kommunens regler om varemodtagelse. Det skal kunne ses, at en person med viden om købet har godkendt det.',
            'Brug stedfortræderrollen i Kvantum efter linjeledelsesprincippet.',
          ],
          plans: [
            {
              department: 'BUF',
              problem: 'I BUF godkender en stedfortræder ofte varemodtagelsen. ' + 'Den person kender ikke altid købet.',
              extent: 'BUF har cirka 700 enheder, som køber ind. ' + 'Problemet findes i mange af dem.',
              overallDeadline: null,
              approvals: [{ meeting: 'buu-2025-08-20', approvedBy: 'jonas.brandt@kk.example', approvedOn: '2025-08-20' }],
              measures: [
                {
                  number: '1',
                  title: 'Ny EAN-struktur',
                  text:
                    'Hver af de cirka 700 enheder får sit eget EAN-nummer. ' +
                    'Så kan flere køb betales med Let-betaling. ' +
                    'Vores leverandører får besked om de nye numre.',
                  responsibleUnit: 'BUF Økonomi',
                  deadline: '2025-12-31',
                  followUpPoint: 'Vi følger med i arbejdet hver måned. ' + 'Det sker fra Q2-2025 og året ud.',
                  recommendations: [1],
                },
                {
                  number: '2',
                  title: 'Flere indkøb gennem Kvantum',
                  text:
                    'Vi ser på, hvordan det går med at flytte flere køb ind i Kvantum. ' +
                    'Vi leder efter muligheder, som ikke er brugt. ' +
                    'Derefter retter vi indsatsen til.',
                  responsibleUnit: 'BUF Økonomi',
                  deadline: 'Q1-2026',
                  followUpPoint: 'Planen for ændringerne sættes i gang i Q4-2025. ' + 'Ændringerne skal være på plads senest i Q1-2026.',
                  recommendations: [1],
                },
                {
                  number: '3',
                  title: 'Roller og rettigheder',
                  text:
                    'Vi gennemgår alle roller og rettigheder i Kvantum. ' +
                    'Brug af stedfortrædere skal bygge på en vurdering af risiko. ' +
                    'Vi skriver ned, hvordan roller bliver givet.',
                  responsibleUnit: 'BUF Økonomi',
                  deadline: 'Q4-2025',
                  followUpPoint: 'Vi skal være færdige, inden Q4-2025 slutter. ' + 'Så tjekker vi et udvalg af rollerne i Kvantum.',
                  recommendations: [2],
                },
                {
                  number: '4',
                  title: 'Dialog om kommunens regler',
                  text:
                    'Vi har set på, om kommunens regler kan ændres. ' +
                    'Målet er sikre og enkle processer, når flere enheder deler administration. ' +
                    'Vi taler med ØKF og de andre forvaltninger om det.',
                  responsibleUnit: 'BUF Økonomi',
                  deadline: 'Q2-2025',
                  followUpPoint: 'ØKF har fået vores udkast til nye regler. ' + 'Vi venter svar ved udgangen af Q2-2025.',
                  recommendations: [1, 2],
                },
              ],
            },
          ],
        },
        {
          number: 7,
          title: 'Revision af balancen',
          observations:
            'Ved udgangen af 2024 havde kommunen 2.412 balancekonti. ' +
            'Af dem var 47 afstemt, men med punkter til opfølgning. ' +
            'Hele 19 konti var slet ikke afstemt. ' +
            'Nogle åbne poster er ældre end et år.',
          departments: 'ALL',
          recommendations: ['Afstem alle balancekonti til tiden og med dokumentation.', 'Ryd op i åbne poster, der er ældre end et år.'],
          plans: [],
        },
        {
          number: 8,
          title: 'Anlægsprojekter',
          observations:
            'Revisionen har gennemgået en række anlægsprojekter. ' +
            'Der følges ikke altid op på økonomien efter reglerne. ' +
            'Afsluttede projekter får ikke altid et regnskab til tiden.',
          departments: ['TMF', 'ØKF', 'SOF', 'KFF', 'BIF'],
          recommendations: ['Følg op på økonomien i alle anlægsprojekter efter kommunens regler.', 'Lav regnskab for afsluttede projekter til tiden.'],
          plans: [],
        },
        {
          number: 9,
          title: 'Egenbetaling – Indtægter SOF',
          observations:
            'Borgere betaler selv for nogle af Socialforvaltningens ydelser. ' +
            'Beløbet er ikke altid regnet rigtigt ud. ' +
            'Det bliver heller ikke altid opkrævet til tiden.',
          departments: ['SOF'],
          recommendations: ['Sørg for, at egenbetalingen bliver regnet rigtigt ud.', 'Opkræv betalingen til tiden, og følg op, når den ikke bliver betalt.'],
          plans: [],
        },
      ],
    },
  ],

  rounds: [
    {
      name: 'Status august 2025',
      kind: 'status',
      opensOn: '2025-08-01',
      dueOn: '2025-08-29',
      submissions: [
        {
          department: 'BUF',
          state: 'submitted',
          entries: [
            {
              finding: 1,
              planDepartment: 'BUF',
              measure: '1',
              status: 'onTrack',
              note: 'Alle systemer uden tilladelse er nu meldt ind. ' + 'Vi arbejder tæt med KIT om de sidste tilladelser.',
            },
            {
              finding: 1,
              planDepartment: 'BUF',
              measure: '2',
              status: 'onTrack',
              note:
                'Hele porteføljen blev gennemgået i foråret 2025. ' +
                'Det gælder også systemer fra før 2018. ' +
                'Alle systemer har fået en score for, hvor kritiske de er.',
            },
            {
              finding: 1,
              planDepartment: 'BUF',
              measure: '3',
              status: 'onTrack',
              note: 'Den nye proces for at melde systemer ind er i brug. ' + 'Alle relevante systemer er meldt ind til KIT.',
            },
          ],
        },
      ],
    },
  ],
};
