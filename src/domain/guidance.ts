/**
 * The guidance check: what the municipality's guidance demands of an action plan (yttrande) and of
 * a status round. One pure function so that the API, the editor and the printed documents always
 * agree on what is missing. Coordinators may accept a breach with a reason instead of fixing it
 * (a measure that cannot be dated yet), so breaches are reported, never thrown.
 */
import { targetNamesCategory1 } from './account-plan.js';
import { formatDeadline, lastDay, type Deadline } from './deadline.js';
import { formatDecimal, type Locale, type Vocabulary } from './i18n.js';
import type { MeasureStatus } from './measure-status.js';
import { LIX_WARN_ABOVE, lix } from './readability.js';
import { reconciliationNeeds, type Category } from './reconciliation.js';

export const BREACH_CODES = [
  'measure.deadlineMissing',
  'measure.followUpPointMissing',
  'measure.expectedEffectMissing',
  'plan.overallDeadlineMissing',
  'plan.overallDeadlineBeforeMeasure',
  'plan.noMeasures',
  'recommendation.uncovered',
  'status.reasonMissing',
  'status.newDeadlineMissing',
  'status.selfCheckMissing',
  'status.cancelReasonMissing',
  'status.postponeReasonMissing',
  'text.readability',
  'measure.responsibleMissing',
  'account.targetMissing',
  'account.consequenceMissing',
  'measure.deadlinePassed',
  'plan.overallDeadlinePassed',
] as const;

/** Stable API: clients and stored acceptances refer to these codes. */
export type BreachCode = (typeof BREACH_CODES)[number];

export type BreachSeverity = 'error' | 'warning';

export type { MeasureStatus };

export interface PlanForCheck {
  vocabulary: Vocabulary;
  overallDeadline: Deadline | null;
  problem: string | null;
  extent: string | null;
  recommendations: { id: string; number: number; text: string }[];
  measures: {
    id: string;
    number: string;
    title: string;
    text: string | null;
    deadline: Deadline | null;
    followUpPoint: string | null;
    expectedEffect: string | null;
    recommendationIds: string[];
    /** Unit or person responsible; only account plans require one. */
    responsible?: string | null;
  }[];
  /** Set for a plan whose subject is a balance account (see AccountSubject). */
  account?: AccountSubject | null;
  /** Status entries of the round being checked (may be empty). */
  statusEntries: {
    id: string;
    measureId: string;
    status: MeasureStatus;
    reason: string | null;
    newDeadline: Deadline | null;
    selfCheckResult: string | null;
    note: string | null;
  }[];
  acceptances: { code: string; measureId: string | null; field: string; reason: string; acceptedBy: string; acceptedAt: string }[];
  /**
   * The municipality's date today (YYYY-MM-DD). When given, a deadline already past is a warning:
   * a plan written now should not promise what should have happened already. Omitted, no date check.
   */
  today?: string | null;
}

/** Codes that only warn; every other breach is an error that blocks until fixed or accepted. */
const WARNINGS: ReadonlySet<BreachCode> = new Set(['text.readability', 'measure.deadlinePassed', 'plan.overallDeadlinePassed']);

/**
 * What the check needs of a balance account's plan: the account's current reconciliation (the
 * latest one the plan covers: its category, follow-up amount and consequence description), the
 * municipality's materiality threshold, and the plan's target (stored in the plan's `extent`).
 */
export interface AccountSubject {
  category: Category;
  followUpOre: number;
  thresholdOre: number;
  consequence: string | null;
  target: string | null;
}

export interface BreachAcceptance {
  reason: string;
  acceptedBy: string;
  acceptedAt: string;
}

export interface Breach {
  code: BreachCode;
  severity: BreachSeverity;
  measureId: string | null;
  measureNumber: string | null;
  statusEntryId: string | null;
  recommendationNumber: number | null;
  field: string;
  message: string;
  /** LIX score, only on text.readability. */
  lix?: number;
  accepted: BreachAcceptance | null;
}

export interface GuidanceResult {
  breaches: Breach[];
  /** True when an error is not accepted; warnings never block. */
  blocking: boolean;
}

type Measure = PlanForCheck['measures'][number];
type StatusEntry = PlanForCheck['statusEntries'][number];

/** The words a municipality uses, per display language and vocabulary. */
interface Terms {
  /** Before a number, lower case: "tiltag 2". */
  measure: string;
  /** Definite, at the start of a sentence. */
  plan: string;
  planPossessive: string;
  /** What a completed measure's status must tell. */
  selfCheck: string;
}

const TERMS: Record<Locale, Record<Vocabulary, Terms>> = {
  da: {
    DK: { measure: 'tiltag', plan: 'Handleplanen', planPossessive: 'Handleplanens', selfCheck: 'hvad egenkontrollen viste' },
    SE: { measure: 'tiltag', plan: 'Udtalelsen', planPossessive: 'Udtalelsens', selfCheck: 'hvilken effekt tiltaget har haft' },
  },
  sv: {
    DK: { measure: 'åtgärd', plan: 'Handlingsplanen', planPossessive: 'Handlingsplanens', selfCheck: 'vad egenkontrollen visade' },
    SE: { measure: 'åtgärd', plan: 'Yttrandet', planPossessive: 'Yttrandets', selfCheck: 'vilken effekt åtgärden har haft' },
  },
  en: {
    DK: { measure: 'measure', plan: 'The action plan', planPossessive: "The action plan's", selfCheck: 'what the self-check showed' },
    SE: { measure: 'measure', plan: 'The statement', planPossessive: "The statement's", selfCheck: 'what effect it had' },
  },
};

/** Field names as shown in the editor, for readability warnings. */
const FIELD_LABELS: Record<Locale, Record<string, string>> = {
  da: {
    problem: 'Problem',
    extent: 'Omfang',
    text: 'Beskrivelse',
    followUpPoint: 'Opfølgningspunkt',
    expectedEffect: 'Forventet effekt',
    reason: 'Årsag',
    selfCheckResult: 'Egenkontrol',
    note: 'Bemærkning',
  },
  sv: {
    problem: 'Problem',
    extent: 'Omfattning',
    text: 'Beskrivning',
    followUpPoint: 'Uppföljningspunkt',
    expectedEffect: 'Förväntad effekt',
    reason: 'Orsak',
    selfCheckResult: 'Egenkontroll',
    note: 'Kommentar',
  },
  en: {
    problem: 'Problem',
    extent: 'Extent',
    text: 'Description',
    followUpPoint: 'Follow-up point',
    expectedEffect: 'Expected effect',
    reason: 'Reason',
    selfCheckResult: 'Self-check result',
    note: 'Note',
  },
};

interface MessageContext {
  t: Terms;
  /** Measure number as the plan numbers it ("2", "2A"). */
  n: string;
  recommendation: number | null;
  overall: string;
  deadline: string;
  field: string;
  /** " for tiltag 2", " i status for tiltag 2", or "" for the plan. */
  where: string;
  lix: string;
}

type Messages = Record<Locale, (c: MessageContext) => string>;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const MESSAGES: Record<BreachCode, Messages> = {
  'measure.deadlineMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} mangler en frist. Angiv en dato, en måned, et kvartal, et halvår eller et år.`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} saknar tidpunkt. Ange ett datum, en månad, ett kvartal, ett halvår eller ett år.`,
    en: (c) => `${cap(c.t.measure)} ${c.n} has no deadline. Enter a date, month, quarter, half-year or year.`,
  },
  'measure.followUpPointMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} mangler et opfølgningspunkt: hvordan og hvornår følger I op på, om tiltaget har virket?`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} saknar uppföljningspunkt: hur och när följer ni upp att åtgärden har fungerat?`,
    en: (c) => `${cap(c.t.measure)} ${c.n} has no follow-up point: how and when will you check that it worked?`,
  },
  'measure.expectedEffectMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} mangler en forventet effekt: hvad skal tiltaget føre til?`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} saknar förväntad effekt: vad ska åtgärden leda till?`,
    en: (c) => `${cap(c.t.measure)} ${c.n} has no expected effect: what should it achieve?`,
  },
  'plan.overallDeadlineMissing': {
    da: (c) => `${c.t.plan} mangler en samlet frist.`,
    sv: (c) => `${c.t.plan} saknar en samlad tidpunkt för när alla åtgärder ska vara genomförda.`,
    en: (c) => `${c.t.plan} has no overall deadline.`,
  },
  'plan.overallDeadlineBeforeMeasure': {
    da: (c) => `${c.t.planPossessive} samlede frist (${c.overall}) ligger før fristen for ${c.t.measure} ${c.n} (${c.deadline}).`,
    sv: (c) => `${c.t.planPossessive} samlade tidpunkt (${c.overall}) ligger före tidpunkten för ${c.t.measure} ${c.n} (${c.deadline}).`,
    en: (c) => `${c.t.planPossessive} overall deadline (${c.overall}) is before the deadline of ${c.t.measure} ${c.n} (${c.deadline}).`,
  },
  'plan.noMeasures': {
    da: (c) => `${c.t.plan} har ingen tiltag. Beskriv hvert tiltag som et punkt med frist.`,
    sv: (c) => `${c.t.plan} har inga åtgärder. Beskriv varje åtgärd som en punkt med tidpunkt.`,
    en: (c) => `${c.t.plan} has no measures. Describe each measure as a bullet with a deadline.`,
  },
  'recommendation.uncovered': {
    da: (c) => `Anbefaling ${c.recommendation} er ikke dækket af noget tiltag.`,
    sv: (c) => `Rekommendation ${c.recommendation} besvaras inte av någon åtgärd.`,
    en: (c) => `Recommendation ${c.recommendation} is not addressed by any measure.`,
  },
  'status.reasonMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} er forsinket, men årsagen er ikke angivet.`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} är försenad men orsaken är inte angiven.`,
    en: (c) => `${cap(c.t.measure)} ${c.n} is delayed but no reason is given.`,
  },
  'status.newDeadlineMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} er forsinket, men der er ingen ny forventet frist.`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} är försenad men ny tidpunkt saknas.`,
    en: (c) => `${cap(c.t.measure)} ${c.n} is delayed but has no new expected deadline.`,
  },
  'status.selfCheckMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} er gennemført, men det er ikke beskrevet, ${c.t.selfCheck}.`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} är genomförd men det är inte beskrivet ${c.t.selfCheck}.`,
    en: (c) => `${cap(c.t.measure)} ${c.n} is completed but does not say ${c.t.selfCheck}.`,
  },
  'status.cancelReasonMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} er annulleret, men begrundelsen mangler.`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} har avbrutits men skälet saknas.`,
    en: (c) => `${cap(c.t.measure)} ${c.n} was cancelled but no reason is given.`,
  },
  'status.postponeReasonMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} er udskudt, men det er ikke angivet, hvad den venter på.`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} är uppskjuten men det är inte angivet vad den väntar på.`,
    en: (c) => `${cap(c.t.measure)} ${c.n} is postponed but does not say what it is waiting for.`,
  },
  'text.readability': {
    da: (c) => `Teksten i »${c.field}«${c.where} er svær at læse (LIX ${c.lix}, over ${LIX_WARN_ABOVE}). Brug kortere sætninger og færre lange ord.`,
    sv: (c) => `Texten i ”${c.field}”${c.where} är svårläst (LIX ${c.lix}, över ${LIX_WARN_ABOVE}). Skriv kortare meningar och använd färre långa ord.`,
    en: (c) => `The text in “${c.field}”${c.where} is hard to read (LIX ${c.lix}, above ${LIX_WARN_ABOVE}). Use shorter sentences and fewer long words.`,
  },
  'measure.responsibleMissing': {
    da: (c) => `${cap(c.t.measure)} ${c.n} mangler en ansvarlig (enhed eller person).`,
    sv: (c) => `${cap(c.t.measure)} ${c.n} saknar en ansvarig (enhet eller person).`,
    en: (c) => `${cap(c.t.measure)} ${c.n} has no one responsible (unit or person).`,
  },
  'account.targetMissing': {
    da: (c) => `${c.t.planPossessive} mål skal sige, at kontoen er tilbage i kategori 1, og hvornår (den samlede frist).`,
    sv: (c) => `${c.t.planPossessive} mål ska säga att kontot är tillbaka i kategori 1, och när (den samlade tidpunkten).`,
    en: (c) => `${c.t.planPossessive} target must say that the account is back in category 1, and by when (the overall deadline).`,
  },
  'measure.deadlinePassed': {
    da: (c) => `Fristen for ${c.t.measure} ${c.n} (${c.deadline}) er allerede overskredet. Angiv en frist, der ligger efter i dag.`,
    sv: (c) => `Tidpunkten för ${c.t.measure} ${c.n} (${c.deadline}) har redan passerats. Ange en tidpunkt efter i dag.`,
    en: (c) => `The deadline of ${c.t.measure} ${c.n} (${c.deadline}) has already passed. Give a deadline after today.`,
  },
  'plan.overallDeadlinePassed': {
    da: (c) => `${c.t.planPossessive} samlede frist (${c.overall}) er allerede overskredet.`,
    sv: (c) => `${c.t.planPossessive} samlade tidpunkt (${c.overall}) har redan passerats.`,
    en: (c) => `${c.t.planPossessive} overall deadline (${c.overall}) has already passed.`,
  },
  'account.consequenceMissing': {
    da: () => 'Opfølgningsbeløbet er over væsentlighedsgrænsen: kontoens afstemning skal beskrive konsekvensen for regnskabet, hvis intet gøres.',
    sv: () => 'Uppföljningsbeloppet är över väsentlighetsgränsen: kontots avstämning ska beskriva konsekvensen för redovisningen om inget görs.',
    en: () =>
      "The follow-up amount is at or above the materiality threshold: the account's reconciliation must describe the consequence for the accounts if nothing is done.",
  },
};

/** Where a text sits, for readability warnings; plan-level texts need none. */
type Where = Record<Locale, (t: Terms, n: string) => string>;

const WHERE_MEASURE: Where = {
  da: (t, n) => ` for ${t.measure} ${n}`,
  sv: (t, n) => ` för ${t.measure} ${n}`,
  en: (t, n) => ` of ${t.measure} ${n}`,
};

const WHERE_STATUS: Where = {
  da: (t, n) => ` i status for ${t.measure} ${n}`,
  sv: (t, n) => ` i uppföljningen av ${t.measure} ${n}`,
  en: (t, n) => ` in the status of ${t.measure} ${n}`,
};

const isBlank = (text: string | null): boolean => text === null || text.trim() === '';

/** What a breach is about: the measure, status entry or recommendation it names, or the plan itself. */
interface Subject {
  measure: Measure | null;
  statusEntry: StatusEntry | null;
  recommendationNumber: number | null;
}

const PLAN: Subject = { measure: null, statusEntry: null, recommendationNumber: null };

export function checkPlan(plan: PlanForCheck, locale: Locale): GuidanceResult {
  const terms = TERMS[locale][plan.vocabulary];
  const breaches: Breach[] = [];

  // A status entry for a measure missing from the plan still gets a readable message
  const numberOf = (subject: Subject): string => subject.measure?.number ?? '?';

  const add = (code: BreachCode, subject: Subject, field: string, extra: Partial<MessageContext> = {}, score?: number): void => {
    const measureId = subject.measure?.id ?? subject.statusEntry?.measureId ?? null;
    const context: MessageContext = {
      t: terms,
      n: numberOf(subject),
      recommendation: subject.recommendationNumber,
      overall: '',
      deadline: '',
      field: '',
      where: '',
      lix: '',
      ...extra,
    };
    const acceptance = plan.acceptances.find((a) => a.code === code && a.measureId === measureId && a.field === field);
    breaches.push({
      code,
      severity: WARNINGS.has(code) ? 'warning' : 'error',
      measureId,
      measureNumber: subject.measure?.number ?? null,
      statusEntryId: subject.statusEntry?.id ?? null,
      recommendationNumber: subject.recommendationNumber,
      field,
      message: MESSAGES[code][locale](context),
      ...(score === undefined ? {} : { lix: score }),
      accepted: acceptance ? { reason: acceptance.reason, acceptedBy: acceptance.acceptedBy, acceptedAt: acceptance.acceptedAt } : null,
    });
  };

  const checkReadability = (subject: Subject, field: string, text: string | null, where: Where | null): void => {
    const result = text === null ? null : lix(text);
    if (result === null || result.score <= LIX_WARN_ABOVE) return;
    add(
      'text.readability',
      subject,
      field,
      {
        field: FIELD_LABELS[locale][field] ?? field,
        where: where ? where[locale](terms, numberOf(subject)) : '',
        lix: formatDecimal(result.score, locale),
      },
      result.score,
    );
  };

  // Plan level
  if (plan.measures.length === 0) add('plan.noMeasures', PLAN, 'measures');
  const overall = plan.overallDeadline;
  if (overall === null) {
    add('plan.overallDeadlineMissing', PLAN, 'overallDeadline');
  } else {
    for (const measure of plan.measures) {
      if (measure.deadline !== null && lastDay(measure.deadline) > lastDay(overall)) {
        add('plan.overallDeadlineBeforeMeasure', { ...PLAN, measure }, 'overallDeadline', {
          overall: formatDeadline(overall, locale),
          deadline: formatDeadline(measure.deadline, locale),
        });
      }
    }
  }
  const today = plan.today ?? null;
  if (today !== null && overall !== null && lastDay(overall) < today) {
    add('plan.overallDeadlinePassed', PLAN, 'overallDeadline', { overall: formatDeadline(overall, locale) });
  }
  const covered = new Set(plan.measures.flatMap((m) => m.recommendationIds));
  const uncovered = plan.recommendations.filter((r) => !covered.has(r.id)).sort((a, b) => a.number - b.number);
  for (const recommendation of uncovered) {
    // The field names the recommendation, so an acceptance (code, measure, field) covers exactly one.
    add('recommendation.uncovered', { ...PLAN, recommendationNumber: recommendation.number }, `recommendations.${recommendation.number}`);
  }
  checkReadability(PLAN, 'problem', plan.problem, null);
  checkReadability(PLAN, 'extent', plan.extent, null);

  // A balance account's plan: target back in category 1; consequence description when material
  const account = plan.account ?? null;
  if (account) {
    if (isBlank(account.target) || !targetNamesCategory1(account.target)) add('account.targetMissing', PLAN, 'target');
    // One source of the rule: the same function that tells the account register what is missing
    const needs = reconciliationNeeds({ ...account, hasActionPlan: true });
    if (needs.some((n) => n.code === 'consequenceMissing')) add('account.consequenceMissing', PLAN, 'consequence');
  }

  // Measures, in the plan's order
  for (const measure of plan.measures) {
    const subject: Subject = { ...PLAN, measure };
    if (measure.deadline === null) add('measure.deadlineMissing', subject, 'deadline');
    else if (today !== null && lastDay(measure.deadline) < today)
      add('measure.deadlinePassed', subject, 'deadline', { deadline: formatDeadline(measure.deadline, locale) });
    if (account && isBlank(measure.responsible ?? null)) add('measure.responsibleMissing', subject, 'responsible');
    // The Danish guidance asks how effect is followed up; the Swedish yttrande states the expected effect
    if (plan.vocabulary === 'DK' && isBlank(measure.followUpPoint)) add('measure.followUpPointMissing', subject, 'followUpPoint');
    if (plan.vocabulary === 'SE' && isBlank(measure.expectedEffect)) add('measure.expectedEffectMissing', subject, 'expectedEffect');
    checkReadability(subject, 'text', measure.text, WHERE_MEASURE);
    checkReadability(subject, 'followUpPoint', measure.followUpPoint, WHERE_MEASURE);
    checkReadability(subject, 'expectedEffect', measure.expectedEffect, WHERE_MEASURE);
  }

  // Status entries, in the order of their measures
  const position = new Map(plan.measures.map((m, i) => [m.id, i]));
  const positionOf = (entry: StatusEntry): number => position.get(entry.measureId) ?? plan.measures.length;
  const entries = [...plan.statusEntries].sort((a, b) => positionOf(a) - positionOf(b));
  for (const entry of entries) {
    const subject: Subject = { ...PLAN, measure: plan.measures.find((m) => m.id === entry.measureId) ?? null, statusEntry: entry };
    switch (entry.status) {
      case 'delayed':
        if (isBlank(entry.reason)) add('status.reasonMissing', subject, 'reason');
        if (entry.newDeadline === null) add('status.newDeadlineMissing', subject, 'newDeadline');
        break;
      case 'completed':
        if (isBlank(entry.selfCheckResult)) add('status.selfCheckMissing', subject, 'selfCheckResult');
        break;
      case 'cancelled':
        if (isBlank(entry.reason)) add('status.cancelReasonMissing', subject, 'reason');
        break;
      case 'postponed':
        // Waiting for an outside event: the reason, and no new date (it is not known yet)
        if (isBlank(entry.reason)) add('status.postponeReasonMissing', subject, 'reason');
        break;
      case 'onTrack':
        break;
    }
    checkReadability(subject, 'reason', entry.reason, WHERE_STATUS);
    checkReadability(subject, 'selfCheckResult', entry.selfCheckResult, WHERE_STATUS);
    checkReadability(subject, 'note', entry.note, WHERE_STATUS);
  }

  return { breaches, blocking: breaches.some((b) => b.severity === 'error' && b.accepted === null) };
}
