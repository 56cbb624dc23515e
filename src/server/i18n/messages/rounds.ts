import { formatDeadline, parseDeadline } from '../../../domain/deadline.js';
import type { Locale } from '../../../domain/i18n.js';
import { defineMessages, type Params } from '../catalogue.js';

/** A stored deadline (`2026-Q1`) the way the reader's language writes it (`Q1-2026`). */
const deadlineIn = (locale: Locale, p: Params) => {
  const parsed = parseDeadline(String(p.deadline ?? ''));
  return parsed.ok ? formatDeadline(parsed.value, locale) : String(p.deadline ?? '');
};

/**
 * The messages of the rounds module (codes 'rounds.…'). Measure numbers repeat across plans and
 * finding numbers across years, so a submission's messages name the finding and its year too, in
 * the municipality's vocabulary (the `…SE` codes for a Swedish one).
 */
export const roundsMessages = defineMessages({
  'rounds.closed': { da: 'Runden er afsluttet', sv: 'Omgången är avslutad', en: 'The round is closed' },
  'rounds.submissionAccepted': {
    da: 'Besvarelsen er godkendt og kan ikke ændres',
    sv: 'Svaret är godkänt och kan inte ändras',
    en: 'The submission is accepted and read-only',
  },
  'rounds.submissionSubmitted': {
    da: 'Besvarelsen er indsendt; den skal sendes retur før den kan ændres',
    sv: 'Svaret är inskickat; det måste skickas tillbaka innan det kan ändras',
    en: 'The submission is submitted; it must be returned before it can be changed',
  },
  'rounds.transitionNotAllowed': { da: 'Kan ikke gå fra {from} til {to}', sv: 'Kan inte gå från {from} till {to}', en: 'Cannot move from {from} to {to}' },
  'rounds.findingPrefix': {
    da: 'Bemærkning {findingNumber} ({findingYear}): ',
    sv: 'Anmärkning {findingNumber} ({findingYear}): ',
    en: 'Finding {findingNumber} ({findingYear}): ',
  },
  'rounds.findingPrefixSE': {
    da: 'Iakttagelse {findingNumber} ({findingYear}): ',
    sv: 'Iakttagelse {findingNumber} ({findingYear}): ',
    en: 'Observation {findingNumber} ({findingYear}): ',
  },
  'rounds.statusMissing': {
    da: 'Bemærkning {findingNumber} ({findingYear}): Tiltag {measureNumber} mangler status.',
    sv: 'Anmärkning {findingNumber} ({findingYear}): Åtgärd {measureNumber} saknar status.',
    en: 'Finding {findingNumber} ({findingYear}): Measure {measureNumber} has no status.',
  },
  'rounds.statusMissingSE': {
    da: 'Iakttagelse {findingNumber} ({findingYear}): Tiltag {measureNumber} mangler status.',
    sv: 'Iakttagelse {findingNumber} ({findingYear}): Åtgärd {measureNumber} saknar status.',
    en: 'Observation {findingNumber} ({findingYear}): Measure {measureNumber} has no status.',
  },
  /** Params: `measureNumber`, `deadline` (stored form; written the reader's way). */
  'rounds.onTrackAfterDeadline': {
    da: (p) =>
      `Fristen for tiltag ${p.measureNumber} (${deadlineIn('da', p)}) er overskredet, så det kan ikke meldes efter planen. Meld det forsinket med årsag og ny dato, afsluttet eller udskudt.`,
    sv: (p) =>
      `Tidpunkten för åtgärd ${p.measureNumber} (${deadlineIn('sv', p)}) har passerats, så den kan inte rapporteras enligt plan. Rapportera den som försenad med orsak och nytt datum, genomförd eller uppskjuten.`,
    en: (p) =>
      `The deadline of measure ${p.measureNumber} (${deadlineIn('en', p)}) has passed, so it cannot be reported on track. Report it delayed with a reason and a new date, completed or postponed.`,
  },
  'rounds.notInRoundRevision': {
    da: 'Runden følger revision {revision} af handleplanen, den der var godkendt, da runden startede, og tiltaget er ikke med i den. Næste runde følger den senere revision.',
    sv: 'Omgången följer revision {revision} av planen, den som var godkänd när omgången startade, och åtgärden ingår inte i den. Nästa omgång följer den senare revisionen.',
    en: "The round follows revision {revision} of the plan, the one approved when it opened, and the measure is not in it. The next round follows the plan's later revision.",
  },
});
