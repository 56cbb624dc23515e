import type { DemoMunicipality } from './spec.js';

/**
 * Swedish demo municipality, built from the invented case in
 * fixtures/se-example/granskning-inkop.json: the auditors review purchasing
 * controls, the executive board answers with a yttrande, and a year later it
 * follows up. All prose is written in short, plain sentences.
 */
export const exempelstad: DemoMunicipality = {
  slug: 'exempelstad',
  name: 'Exempelstads kommun',
  language: 'sv',
  vocabulary: 'SE',
  currency: 'SEK',

  committees: [
    { code: 'KS', name: 'Kommunstyrelsen' },
    { code: 'TN', name: 'Tekniska nämnden' },
  ],

  departments: [
    { code: 'SK', name: 'Stadskontoret', committee: 'KS' },
    { code: 'TF', name: 'Tekniska förvaltningen', committee: 'TN' },
  ],

  users: [
    {
      name: 'Tilsyn Administratör',
      email: 'admin@exempelstad.example',
      title: 'Systemadministratör',
      roles: ['admin'],
    },
    {
      name: 'Eva Lindqvist',
      email: 'eva.lindqvist@exempelstad.example',
      roles: ['centralCoordinator'],
      title: 'Ekonomichef',
      department: 'SK',
    },
    {
      name: 'Karin Ek',
      email: 'karin.ek@exempelstad.example',
      roles: ['departmentCoordinator:SK'],
      title: 'Upphandlingschef',
      department: 'SK',
    },
    {
      name: 'Johan Nyström',
      email: 'johan.nystrom@exempelstad.example',
      roles: ['measureOwner:TF'],
      title: 'Controller',
      department: 'TF',
    },
    {
      name: 'Lars Holm',
      email: 'lars.holm@exempelstad.example',
      roles: ['auditor'],
      title: 'Sakkunnigt biträde, Kommunrevisionen',
    },
    {
      name: 'Maria Berg',
      email: 'maria.berg@exempelstad.example',
      roles: ['reader'],
      title: 'Ledamot i kommunstyrelsen',
    },
  ],

  meetings: [
    { key: 'ksau-2025-10-20', body: 'Kommunstyrelsens arbetsutskott', date: '2025-10-20', agendaItem: '§ 212' },
    { key: 'ks-2025-11-05', body: 'Kommunstyrelsen', date: '2025-11-05', agendaItem: '§ 188' },
    { key: 'ksau-2026-11-09', body: 'Kommunstyrelsens arbetsutskott', date: '2026-11-09' },
    { key: 'ks-2026-11-18', body: 'Kommunstyrelsen', date: '2026-11-18' },
  ],

  reports: [
    {
      title: 'Granskning av intern kontroll vid inköp',
      auditor: 'Kommunrevisionen',
      year: 2025,
      kind: 'review',
      caseNumber: 'KS-2025-00412',
      findings: [
        {
          number: 1,
          title: 'Intern kontroll vid inköp',
          observations:
            'Revisorerna har sett på kontrollen vid inköp. ' +
            'Det gäller kommunstyrelsen och tekniska nämnden. ' +
            'Revisorerna anser att kontrollen bara delvis räcker.',
          risks: 'Fel i inköp kan bli betalda utan att någon märker det. ' + 'Köp kan också göras utanför avtal.',
          departments: ['SK', 'TF'],
          recommendations: [
            'Se till att en annan person än beställaren attesterar fakturan.',
            'Inför en rutin som följer upp avtalstroheten två gånger om året.',
            'Utbilda beställarna i reglerna för inköp. Följ upp hur många som gått utbildningen.',
          ],
          plans: [
            {
              department: null,
              problem:
                'Samma person kan i dag både beställa och attestera. ' + 'Köp utanför avtal följs inte upp. ' + 'Alla beställare känner inte till reglerna.',
              extent: 'Bristerna finns hos kommunstyrelsen och tekniska nämnden. ' + 'De gäller alla som beställer varor och tjänster.',
              overallDeadline: 'T1 2027',
              approvals: [{ meeting: 'ks-2025-11-05', approvedBy: 'eva.lindqvist@exempelstad.example', approvedOn: '2025-11-05' }],
              measures: [
                {
                  number: '1',
                  title: 'Spärr mot attest av egen beställning',
                  text: 'Vi inför en spärr i e-handelssystemet. ' + 'Då kan ingen attestera en faktura för sin egen beställning.',
                  responsibleUnit: 'Stadskontoret, ekonomiavdelningen',
                  deadline: 'T1 2026',
                  expectedEffect: 'Ingen faktura attesteras av den som beställde.',
                  followUpPoint: 'Vi gör stickprov på 50 fakturor varje tertial.',
                  recommendations: [1],
                },
                {
                  number: '2',
                  title: 'Rutin för uppföljning av avtalstrohet',
                  text: 'Vi tar fram en rutin för att följa upp avtalstroheten. ' + 'Det görs varje halvår och för varje förvaltning.',
                  responsibleUnit: 'Stadskontoret, upphandlingsavdelningen',
                  deadline: '2026-06-30',
                  expectedEffect: 'Andelen köp utanför avtal blir lägre än 5 %.',
                  followUpPoint: 'Kommunstyrelsen får en rapport i augusti och i februari.',
                  recommendations: [2],
                },
                {
                  number: '3',
                  title: 'Webbutbildning i inköpsreglerna',
                  text: 'Alla som har rätt att beställa går en kurs på webben. ' + 'Kursen handlar om kommunens regler för inköp.',
                  responsibleUnit: 'Stadskontoret, upphandlingsavdelningen',
                  deadline: '2026-03-31',
                  expectedEffect: 'Alla beställare har gått kursen.',
                  followUpPoint: 'Vi hämtar data från lärplattformen. ' + 'Där ser vi hur många som gått kursen i varje förvaltning.',
                  recommendations: [3],
                },
              ],
              answer: [
                {
                  kind: 'yttrande',
                  dueDate: '2025-11-30',
                  decisionPlan: ['ksau-2025-10-20', 'ks-2025-11-05'],
                  recipients: ['Kommunrevisionen'],
                  responsibleOfficials: ['Ekonomichef', 'Upphandlingschef'],
                },
                {
                  kind: 'uppfoljandeYttrande',
                  dueDate: '2026-11-30',
                  decisionPlan: ['ksau-2026-11-09', 'ks-2026-11-18'],
                  recipients: ['Kommunrevisionen'],
                  responsibleOfficials: ['Ekonomichef', 'Upphandlingschef'],
                },
              ],
            },
          ],
        },
      ],
    },
  ],

  rounds: [
    {
      name: 'Uppföljning hösten 2026',
      kind: 'status',
      opensOn: '2026-09-01',
      dueOn: '2026-10-31',
      submissions: [
        {
          department: 'SK',
          state: 'submitted',
          entries: [
            {
              finding: 1,
              planDepartment: null,
              measure: '1',
              status: 'completed',
              selfCheckResult: 'Vi gjorde stickprov under T1 och T2 2026. ' + 'Ingen av 100 fakturor var attesterad av den som beställde.',
            },
            {
              finding: 1,
              planDepartment: null,
              measure: '2',
              status: 'delayed',
              reason: 'Det nya e-handelssystemet kommer först i höst. ' + 'Rutinen kan inte starta innan dess.',
              newDeadline: 'T3 2026',
            },
            {
              finding: 1,
              planDepartment: null,
              measure: '3',
              status: 'onTrack',
              note: 'Hittills har 82 % av beställarna gått kursen. ' + 'Arbetet går enligt plan.',
            },
          ],
        },
      ],
    },
  ],
};
