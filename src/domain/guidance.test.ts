import { describe, expect, it } from 'vitest';
import { parseDeadline, type Deadline } from './deadline.js';
import { BREACH_CODES, checkPlan, type Breach, type BreachCode, type PlanForCheck } from './guidance.js';
import { LOCALES, VOCABULARIES } from './i18n.js';

function dl(input: string): Deadline {
  const result = parseDeadline(input);
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
}

/** LIX 93.5: one long sentence of long words. */
const HARD_DA =
  'Forvaltningens implementeringsorganisation gennemfører systematiske sikkerhedsvurderinger af samtlige forretningskritiske fagsystemer uden dokumenteret ibrugtagningstilladelse i overensstemmelse med kommunens informationssikkerhedspolitik.';
const HARD_SV =
  'Förvaltningens implementeringsorganisation genomför systematiska säkerhetsbedömningar av samtliga verksamhetskritiska verksamhetssystem utan dokumenterat driftgodkännande i enlighet med kommunens informationssäkerhetspolicy.';
/** LIX 37.3. */
const PLAIN_DA = 'Vi gennemgår alle systemer uden tilladelse. Vi sender listen til direktionen i maj.';

type Measure = PlanForCheck['measures'][number];
type StatusEntry = PlanForCheck['statusEntries'][number];
type Acceptance = PlanForCheck['acceptances'][number];

/** A Danish plan that satisfies the guidance (modelled on a remark about commissioning permits). */
function danishPlan(): PlanForCheck {
  return {
    vocabulary: 'DK',
    overallDeadline: dl('Q3-2026'),
    problem: 'Flere it-systemer er i drift uden ibrugtagningstilladelse. Det gælder især ældre systemer.',
    extent: 'Forvaltningen har 14 systemer i registret. 3 af dem mangler en tilladelse.',
    recommendations: [
      { id: 'r1', number: 1, text: 'Tilpasset sikkerhedsvurdering af ældre systemer' },
      { id: 'r2', number: 2, text: 'Ikke-godkendte systemer eskaleres' },
    ],
    measures: [
      {
        id: 'm1',
        number: '1',
        title: 'Gennemgang af systemer',
        text: PLAIN_DA,
        deadline: dl('Q1-2026'),
        followUpPoint: 'Koordinatoren tjekker registret hvert kvartal.',
        expectedEffect: null,
        recommendationIds: ['r1'],
      },
      {
        id: 'm2',
        number: '2',
        title: 'Eskalering',
        text: 'Systemer uden tilladelse sendes til direktionen.',
        deadline: dl('1. halvår 2026'),
        followUpPoint: 'Direktionen får en status i juni.',
        expectedEffect: null,
        recommendationIds: ['r2'],
      },
    ],
    statusEntries: [],
    acceptances: [],
  };
}

/** A Swedish yttrande that satisfies the guidance (the invented purchasing review). */
function swedishPlan(): PlanForCheck {
  return {
    vocabulary: 'SE',
    overallDeadline: dl('2026-06-30'),
    problem: null,
    extent: null,
    recommendations: [
      { id: 'r1', number: 1, text: 'Attest av fakturor av annan person än beställaren' },
      { id: 'r2', number: 2, text: 'Rutin för uppföljning av avtalstrohet' },
    ],
    measures: [
      {
        id: 's1',
        number: '1',
        title: 'Spärr i e-handelssystemet',
        text: null,
        deadline: dl('T1 2026'),
        followUpPoint: null,
        expectedEffect: 'Ingen faktura attesteras av sin beställare.',
        recommendationIds: ['r1'],
      },
      {
        id: 's2',
        number: '2',
        title: 'Rutin för avtalstrohet',
        text: null,
        deadline: dl('2026-06-30'),
        followUpPoint: null,
        expectedEffect: 'Köp utanför avtal minskar till under 5 %.',
        recommendationIds: ['r2'],
      },
    ],
    statusEntries: [],
    acceptances: [],
  };
}

function withMeasure(plan: PlanForCheck, index: number, change: Partial<Measure>): PlanForCheck {
  return { ...plan, measures: plan.measures.map((m, i) => (i === index ? { ...m, ...change } : m)) };
}

function status(measureId: string, change: Partial<StatusEntry>): StatusEntry {
  return { id: `st-${measureId}`, measureId, status: 'onTrack', reason: null, newDeadline: null, selfCheckResult: null, note: null, ...change };
}

function acceptance(code: BreachCode, measureId: string | null, field: string): Acceptance {
  return {
    code,
    measureId,
    field,
    reason: 'Fristen fastsættes, når 2A og 2B er gennemført',
    acceptedBy: 'koordinator@kk.dk',
    acceptedAt: '2025-08-14T10:00:00Z',
  };
}

/** The identifying part of a breach, for compact expectations. */
const key = (b: Breach) => [b.code, b.measureId, b.field] as const;

describe('checkPlan on complete plans', () => {
  it.each([
    ['DK', danishPlan()],
    ['SE', swedishPlan()],
  ])('finds nothing in a complete %s plan', (_name, plan) => {
    for (const locale of LOCALES) expect(checkPlan(plan, locale)).toEqual({ breaches: [], blocking: false });
  });
});

describe('checkPlan rules', () => {
  it.each<{ name: string; plan: PlanForCheck; expected: (readonly [BreachCode, string | null, string])[] }>([
    {
      name: 'measure without deadline',
      plan: withMeasure(danishPlan(), 1, { deadline: null }),
      expected: [['measure.deadlineMissing', 'm2', 'deadline']],
    },
    {
      name: 'DK measure without follow-up point',
      plan: withMeasure(danishPlan(), 0, { followUpPoint: null }),
      expected: [['measure.followUpPointMissing', 'm1', 'followUpPoint']],
    },
    {
      name: 'DK follow-up point of only whitespace',
      plan: withMeasure(danishPlan(), 0, { followUpPoint: ' \n\t ' }),
      expected: [['measure.followUpPointMissing', 'm1', 'followUpPoint']],
    },
    {
      name: 'DK plan does not require an expected effect',
      plan: withMeasure(danishPlan(), 0, { expectedEffect: '' }),
      expected: [],
    },
    {
      name: 'SE measure without expected effect',
      plan: withMeasure(swedishPlan(), 1, { expectedEffect: '  ' }),
      expected: [['measure.expectedEffectMissing', 's2', 'expectedEffect']],
    },
    {
      name: 'SE plan does not require a follow-up point',
      plan: withMeasure(swedishPlan(), 1, { followUpPoint: '' }),
      expected: [],
    },
    {
      name: 'plan without overall deadline',
      plan: { ...danishPlan(), overallDeadline: null },
      expected: [['plan.overallDeadlineMissing', null, 'overallDeadline']],
    },
    {
      name: 'overall deadline before a measure deadline',
      plan: withMeasure({ ...danishPlan(), overallDeadline: dl('Q4-2025') }, 1, { deadline: dl('2025') }),
      expected: [['plan.overallDeadlineBeforeMeasure', 'm1', 'overallDeadline']],
    },
    {
      name: 'overall deadline ending the same day as a measure deadline',
      plan: withMeasure({ ...danishPlan(), overallDeadline: dl('30.06.2026') }, 1, { deadline: dl('H1 2026') }),
      expected: [],
    },
    {
      name: 'plan without measures',
      plan: { ...danishPlan(), measures: [] },
      expected: [
        ['plan.noMeasures', null, 'measures'],
        ['recommendation.uncovered', null, 'recommendations.1'],
        ['recommendation.uncovered', null, 'recommendations.2'],
      ],
    },
    {
      name: 'recommendation no measure addresses',
      plan: withMeasure(danishPlan(), 1, { recommendationIds: ['r1'] }),
      expected: [['recommendation.uncovered', null, 'recommendations.2']],
    },
    {
      name: 'one measure may address several recommendations',
      plan: withMeasure(withMeasure(danishPlan(), 0, { recommendationIds: ['r1', 'r2'] }), 1, { recommendationIds: [] }),
      expected: [],
    },
    {
      name: 'delayed without reason and new deadline',
      plan: { ...danishPlan(), statusEntries: [status('m1', { status: 'delayed' })] },
      expected: [
        ['status.reasonMissing', 'm1', 'reason'],
        ['status.newDeadlineMissing', 'm1', 'newDeadline'],
      ],
    },
    {
      name: 'delayed with reason and new deadline',
      plan: { ...danishPlan(), statusEntries: [status('m1', { status: 'delayed', reason: 'Leverandøren er forsinket.', newDeadline: dl('Q2-2026') })] },
      expected: [],
    },
    {
      name: 'completed without self-check',
      plan: { ...danishPlan(), statusEntries: [status('m2', { status: 'completed', selfCheckResult: ' ' })] },
      expected: [['status.selfCheckMissing', 'm2', 'selfCheckResult']],
    },
    {
      name: 'cancelled without reason',
      plan: { ...swedishPlan(), statusEntries: [status('s1', { status: 'cancelled' })] },
      expected: [['status.cancelReasonMissing', 's1', 'reason']],
    },
    {
      name: 'postponed without reason',
      plan: { ...swedishPlan(), statusEntries: [status('s1', { status: 'postponed' })] },
      expected: [['status.postponeReasonMissing', 's1', 'reason']],
    },
    {
      name: 'postponed with what it waits for, and no new date',
      plan: { ...danishPlan(), statusEntries: [status('m1', { status: 'postponed', reason: 'Bekendtgørelsen er ikke udstedt endnu.' })] },
      expected: [],
    },
    {
      name: 'on track needs nothing',
      plan: { ...swedishPlan(), statusEntries: [status('s1', { status: 'onTrack' })] },
      expected: [],
    },
    {
      name: 'hard problem text',
      plan: { ...danishPlan(), problem: HARD_DA },
      expected: [['text.readability', null, 'problem']],
    },
    {
      name: 'hard measure text and expected effect',
      plan: withMeasure(swedishPlan(), 0, { text: HARD_SV, expectedEffect: HARD_SV }),
      expected: [
        ['text.readability', 's1', 'text'],
        ['text.readability', 's1', 'expectedEffect'],
      ],
    },
    {
      name: 'hard status texts',
      plan: { ...danishPlan(), statusEntries: [status('m1', { status: 'completed', selfCheckResult: HARD_DA, note: HARD_DA })] },
      expected: [
        ['text.readability', 'm1', 'selfCheckResult'],
        ['text.readability', 'm1', 'note'],
      ],
    },
    {
      name: 'short texts are not scored',
      plan: { ...danishPlan(), extent: 'Implementeringsorganisationens sikkerhedsvurderinger.' },
      expected: [],
    },
  ])('$name', ({ plan, expected }) => {
    expect(checkPlan(plan, 'da').breaches.map(key)).toEqual(expected);
  });

  it('sets severity: readability warns, everything else is an error', () => {
    const plan = withMeasure({ ...danishPlan(), problem: HARD_DA }, 0, { deadline: null });
    const breaches = checkPlan(plan, 'da').breaches;
    expect(breaches.map((b) => [b.code, b.severity])).toEqual([
      ['text.readability', 'warning'],
      ['measure.deadlineMissing', 'error'],
    ]);
  });

  it('fills the location of each breach', () => {
    const plan: PlanForCheck = {
      ...withMeasure(danishPlan(), 1, { recommendationIds: ['r1'], number: '2A' }),
      statusEntries: [status('m2', { status: 'completed' })],
    };
    const [uncovered, selfCheck] = checkPlan(plan, 'da').breaches;
    expect(uncovered).toMatchObject({ measureId: null, measureNumber: null, statusEntryId: null, recommendationNumber: 2 });
    expect(selfCheck).toMatchObject({ measureId: 'm2', measureNumber: '2A', statusEntryId: 'st-m2', recommendationNumber: null });
  });

  it('includes the LIX score only on readability breaches', () => {
    const plan = withMeasure({ ...danishPlan(), problem: HARD_DA }, 0, { deadline: null });
    const [readability, deadline] = checkPlan(plan, 'da').breaches;
    expect(readability?.lix).toBe(93.5);
    expect(deadline).not.toHaveProperty('lix');
  });

  it('reports every measure whose deadline ends after the overall deadline', () => {
    const plan = withMeasure({ ...danishPlan(), overallDeadline: dl('2025') }, 1, { deadline: dl('31.01.2026') });
    expect(checkPlan(plan, 'da').breaches.map((b) => b.measureNumber)).toEqual(['1', '2']);
  });
});

describe('checkPlan past deadlines', () => {
  it('warns (never blocks) when the overall deadline or a measure deadline lies before today', () => {
    const plan = { ...danishPlan(), today: '2026-04-01' };
    // Q1-2026 ended on 31 March; 1. halvår 2026 and Q3-2026 have not
    const result = checkPlan(plan, 'da');
    expect(result.breaches.map((b) => [b.code, b.measureNumber, b.field, b.severity])).toEqual([['measure.deadlinePassed', '1', 'deadline', 'warning']]);
    expect(result.blocking).toBe(false);
    expect(result.breaches[0]!.message).toBe('Fristen for tiltag 1 (Q1-2026) er allerede overskredet. Angiv en frist, der ligger efter i dag.');
    expect(checkPlan({ ...plan, today: '2026-03-31' }, 'da').breaches).toEqual([]);
    const late = checkPlan({ ...plan, today: '2026-10-01' }, 'sv').breaches;
    expect(late.map((b) => [b.code, b.measureNumber])).toEqual([
      ['plan.overallDeadlinePassed', null],
      ['measure.deadlinePassed', '1'],
      ['measure.deadlinePassed', '2'],
    ]);
    expect(late[0]!.message).toBe('Handlingsplanens samlade tidpunkt (Q3 2026) har redan passerats.');
    const yttrande = checkPlan({ ...swedishPlan(), today: '2026-07-01' }, 'sv').breaches;
    expect(yttrande[0]!.message).toBe('Yttrandets samlade tidpunkt (2026-06-30) har redan passerats.');
  });

  it('checks no date without today (a status round, an old caller)', () => {
    expect(
      checkPlan(
        { ...danishPlan(), overallDeadline: dl('2020'), measures: danishPlan().measures.map((m) => ({ ...m, deadline: dl('2019') })) },
        'da',
      ).breaches.map((b) => b.code),
    ).toEqual([]);
  });
});

describe('checkPlan order', () => {
  it('lists plan-level breaches first, then measures in plan order, then status entries in measure order', () => {
    const base = danishPlan();
    const plan: PlanForCheck = {
      ...base,
      overallDeadline: null,
      problem: HARD_DA,
      recommendations: [...base.recommendations, { id: 'r4', number: 4, text: 'x' }, { id: 'r3', number: 3, text: 'y' }],
      measures: [
        { ...base.measures[1]!, deadline: null },
        { ...base.measures[0]!, followUpPoint: null },
      ],
      statusEntries: [
        status('m1', { status: 'completed' }),
        status('unknown', { status: 'cancelled' }),
        status('m2', { status: 'delayed', reason: 'Ny lov på vej.' }),
      ],
    };
    expect(checkPlan(plan, 'da').breaches.map((b) => [b.code, b.measureId, b.recommendationNumber])).toEqual([
      ['plan.overallDeadlineMissing', null, null],
      ['recommendation.uncovered', null, 3],
      ['recommendation.uncovered', null, 4],
      ['text.readability', null, null],
      ['measure.deadlineMissing', 'm2', null],
      ['measure.followUpPointMissing', 'm1', null],
      ['status.newDeadlineMissing', 'm2', null],
      ['status.selfCheckMissing', 'm1', null],
      ['status.cancelReasonMissing', 'unknown', null],
    ]);
  });
});

describe('checkPlan acceptances', () => {
  const undated = withMeasure(danishPlan(), 1, { deadline: null });

  it('marks a matching breach as accepted, keeps it an error, and stops it blocking', () => {
    const result = checkPlan({ ...undated, acceptances: [acceptance('measure.deadlineMissing', 'm2', 'deadline')] }, 'da');
    expect(result.blocking).toBe(false);
    expect(result.breaches).toHaveLength(1);
    expect(result.breaches[0]).toMatchObject({
      code: 'measure.deadlineMissing',
      severity: 'error',
      accepted: { reason: 'Fristen fastsættes, når 2A og 2B er gennemført', acceptedBy: 'koordinator@kk.dk', acceptedAt: '2025-08-14T10:00:00Z' },
    });
  });

  it.each([
    ['another measure', acceptance('measure.deadlineMissing', 'm1', 'deadline')],
    ['another field', acceptance('measure.deadlineMissing', 'm2', 'followUpPoint')],
    ['another code', acceptance('measure.followUpPointMissing', 'm2', 'deadline')],
    ['the plan instead of the measure', acceptance('measure.deadlineMissing', null, 'deadline')],
  ])('does not match an acceptance for %s', (_name, a) => {
    const result = checkPlan({ ...undated, acceptances: [a] }, 'da');
    expect(result.blocking).toBe(true);
    expect(result.breaches[0]?.accepted).toBeNull();
  });

  it('matches plan-level acceptances by a null measure id', () => {
    const plan: PlanForCheck = { ...danishPlan(), overallDeadline: null, acceptances: [acceptance('plan.overallDeadlineMissing', null, 'overallDeadline')] };
    expect(checkPlan(plan, 'en')).toMatchObject({ blocking: false, breaches: [{ accepted: { acceptedBy: 'koordinator@kk.dk' } }] });
  });

  it('matches status acceptances by the measure id', () => {
    const plan: PlanForCheck = {
      ...danishPlan(),
      statusEntries: [status('m1', { status: 'delayed', reason: 'Afventer ny lovgivning.' })],
      acceptances: [acceptance('status.newDeadlineMissing', 'm1', 'newDeadline')],
    };
    expect(checkPlan(plan, 'da').blocking).toBe(false);
  });

  it('blocks while any error is unaccepted', () => {
    const plan: PlanForCheck = {
      ...withMeasure(undated, 0, { followUpPoint: null }),
      acceptances: [acceptance('measure.deadlineMissing', 'm2', 'deadline')],
    };
    const result = checkPlan(plan, 'da');
    expect(result.blocking).toBe(true);
    expect(result.breaches.map((b) => b.accepted === null)).toEqual([true, false]);
  });

  it('never blocks on warnings, accepted or not', () => {
    const plan = { ...danishPlan(), problem: HARD_DA };
    expect(checkPlan(plan, 'da').blocking).toBe(false);
    const accepted = checkPlan({ ...plan, acceptances: [acceptance('text.readability', null, 'problem')] }, 'da');
    expect(accepted.breaches[0]).toMatchObject({ severity: 'warning', accepted: { acceptedBy: 'koordinator@kk.dk' } });
  });
});

describe('checkPlan messages', () => {
  it.each<{ plan: PlanForCheck; locale: 'da' | 'sv' | 'en'; message: string }>([
    { plan: withMeasure(danishPlan(), 1, { deadline: null }), locale: 'da', message: 'Tiltag 2 mangler en frist.' },
    { plan: withMeasure(swedishPlan(), 1, { deadline: null }), locale: 'sv', message: 'Åtgärd 2 saknar tidpunkt.' },
    { plan: withMeasure(danishPlan(), 1, { deadline: null }), locale: 'en', message: 'Measure 2 has no deadline.' },
    { plan: withMeasure(danishPlan(), 0, { followUpPoint: null }), locale: 'da', message: 'Tiltag 1 mangler et opfølgningspunkt' },
    { plan: withMeasure(danishPlan(), 0, { followUpPoint: null }), locale: 'en', message: 'Measure 1 has no follow-up point' },
    { plan: withMeasure(swedishPlan(), 0, { expectedEffect: null }), locale: 'sv', message: 'Åtgärd 1 saknar förväntad effekt' },
    { plan: withMeasure(swedishPlan(), 0, { expectedEffect: null }), locale: 'en', message: 'Measure 1 has no expected effect' },
    { plan: { ...danishPlan(), overallDeadline: null }, locale: 'da', message: 'Handleplanen mangler en samlet frist.' },
    { plan: { ...swedishPlan(), overallDeadline: null }, locale: 'sv', message: 'Yttrandet saknar en samlad tidpunkt' },
    { plan: { ...danishPlan(), overallDeadline: null }, locale: 'en', message: 'The action plan has no overall deadline.' },
    { plan: { ...danishPlan(), overallDeadline: null }, locale: 'sv', message: 'Handlingsplanen saknar' },
    { plan: { ...swedishPlan(), overallDeadline: null }, locale: 'da', message: 'Udtalelsen mangler en samlet frist.' },
    {
      plan: { ...danishPlan(), overallDeadline: dl('Q4-2025') },
      locale: 'da',
      message: 'Handleplanens samlede frist (Q4-2025) ligger før fristen for tiltag 1 (Q1-2026).',
    },
    {
      plan: { ...swedishPlan(), overallDeadline: dl('T1 2026') },
      locale: 'sv',
      message: 'Yttrandets samlade tidpunkt (T1 2026) ligger före tidpunkten för åtgärd 2 (2026-06-30).',
    },
    {
      plan: { ...danishPlan(), overallDeadline: dl('Q4-2025') },
      locale: 'en',
      message: "The action plan's overall deadline (Q4 2025) is before the deadline of measure 1 (Q1 2026).",
    },
    { plan: { ...danishPlan(), measures: [] }, locale: 'da', message: 'Handleplanen har ingen tiltag.' },
    { plan: { ...swedishPlan(), measures: [] }, locale: 'sv', message: 'Yttrandet har inga åtgärder.' },
    { plan: withMeasure(danishPlan(), 1, { recommendationIds: [] }), locale: 'da', message: 'Anbefaling 2 er ikke dækket af noget tiltag.' },
    { plan: withMeasure(swedishPlan(), 1, { recommendationIds: [] }), locale: 'sv', message: 'Rekommendation 2 besvaras inte av någon åtgärd.' },
    { plan: withMeasure(danishPlan(), 1, { recommendationIds: [] }), locale: 'en', message: 'Recommendation 2 is not addressed by any measure.' },
    {
      plan: { ...danishPlan(), statusEntries: [status('m2', { status: 'delayed', newDeadline: dl('Q4-2026') })] },
      locale: 'da',
      message: 'Tiltag 2 er forsinket, men årsagen er ikke angivet.',
    },
    {
      plan: { ...swedishPlan(), statusEntries: [status('s2', { status: 'delayed', reason: 'Nytt system levereras i höst.' })] },
      locale: 'sv',
      message: 'Åtgärd 2 är försenad men ny tidpunkt saknas.',
    },
    {
      plan: { ...danishPlan(), statusEntries: [status('m1', { status: 'completed' })] },
      locale: 'da',
      message: 'Tiltag 1 er gennemført, men det er ikke beskrevet, hvad egenkontrollen viste.',
    },
    {
      plan: { ...swedishPlan(), statusEntries: [status('s1', { status: 'completed' })] },
      locale: 'sv',
      message: 'Åtgärd 1 är genomförd men det är inte beskrivet vilken effekt åtgärden har haft.',
    },
    {
      plan: { ...swedishPlan(), statusEntries: [status('s1', { status: 'cancelled' })] },
      locale: 'en',
      message: 'Measure 1 was cancelled but no reason is given.',
    },
    {
      plan: withMeasure(danishPlan(), 1, { followUpPoint: HARD_DA }),
      locale: 'da',
      message: 'Teksten i »Opfølgningspunkt« for tiltag 2 er svær at læse (LIX 93,5, over 55).',
    },
    {
      plan: { ...swedishPlan(), statusEntries: [status('s2', { status: 'onTrack', note: HARD_SV })] },
      locale: 'sv',
      message: 'Texten i ”Kommentar” i uppföljningen av åtgärd 2 är svårläst (LIX 93,5, över 55).',
    },
    {
      plan: { ...danishPlan(), problem: HARD_DA },
      locale: 'en',
      message: 'The text in “Problem” is hard to read (LIX 93.5, above 55).',
    },
  ])('$locale: $message', ({ plan, locale, message }) => {
    const breaches = checkPlan(plan, locale).breaches;
    expect(breaches.map((b) => b.message).some((m) => m.startsWith(message))).toBe(true);
  });

  it('words every rule in every locale and vocabulary, naming the measure or recommendation', () => {
    const base = danishPlan();
    const everything = (vocabulary: 'DK' | 'SE'): PlanForCheck => ({
      ...base,
      vocabulary,
      overallDeadline: dl('2025'),
      problem: HARD_DA,
      // Both the overall deadline (2025) and measure 8's (1. halvår 2026) have passed
      today: '2026-07-15',
      measures: [
        { ...base.measures[0]!, number: '7B', deadline: null, followUpPoint: null, expectedEffect: null, text: HARD_DA, recommendationIds: [] },
        { ...base.measures[1]!, number: '8' },
      ],
      statusEntries: [
        status('m1', { status: 'delayed' }),
        { ...status('m2', { status: 'completed', note: HARD_DA }), id: 'st-m2-a' },
        { ...status('m2', { status: 'cancelled' }), id: 'st-m2-b' },
        { ...status('m2', { status: 'postponed' }), id: 'st-m2-c' },
      ],
    });
    const codes = new Set<BreachCode>();
    for (const vocabulary of VOCABULARIES) {
      const plans = [
        everything(vocabulary),
        { ...base, vocabulary, overallDeadline: null, measures: [] },
        // A balance account's plan adds its own rules (responsible, target, consequence)
        { ...everything(vocabulary), account: { category: 2 as const, followUpOre: -59_812_400, thresholdOre: 100_000, consequence: null, target: null } },
      ];
      for (const locale of LOCALES) {
        for (const breach of plans.flatMap((plan) => checkPlan(plan, locale).breaches)) {
          codes.add(breach.code);
          expect(breach.message).not.toMatch(/undefined|\bnull\b|NaN|\s\?\s/);
          if (breach.measureNumber !== null) expect(breach.message).toContain(breach.measureNumber);
          if (breach.recommendationNumber !== null) expect(breach.message).toContain(String(breach.recommendationNumber));
        }
      }
    }
    expect([...codes].sort()).toEqual([...BREACH_CODES].sort());
  });
});
