import type { Locale } from '../../../domain/i18n.js';
import { formatAmount } from '../../../domain/money.js';
import { defineMessages, type Entry, type Params } from '../catalogue.js';

/**
 * The notifications' texts (codes 'notifications.<kind>.title' and '.body'): what the app's
 * notification centre shows and what the mail helper uses as subject and opening line. Each is a
 * function of the notification's params (modules/notifications/texts.ts lists them); a param that
 * is absent leaves its phrase out, so a text never shows a placeholder. `vocabulary` ('DK' | 'SE')
 * is added by texts.ts: a Swedish municipality's finding is an "iakttagelse".
 */

const has = (p: Params, key: string) => p[key] !== undefined && p[key] !== null && p[key] !== '';

/** A date (YYYY-MM-DD) the reader's way: "31. marts 2026", "31 mars 2026", "31 March 2026". */
export function longDate(locale: Locale, value: string | number | undefined): string {
  const text = String(value ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const tag = locale === 'da' ? 'da-DK' : locale === 'sv' ? 'sv-SE' : 'en-GB';
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${text}T00:00:00Z`));
}

const findingWord: Record<'DK' | 'SE', Record<Locale, string>> = {
  DK: { da: 'bemærkning', sv: 'anmärkning', en: 'finding' },
  SE: { da: 'iakttagelse', sv: 'iakttagelse', en: 'observation' },
};

/**
 * "bemærkning 3 (2025) «Adgangsstyring»": the finding by number and year, with its title only
 * when the params carry one (they never do for a confidential finding). Empty without a finding.
 */
function findingRef(locale: Locale, p: Params): string {
  if (!has(p, 'findingNumber')) return '';
  const word = findingWord[p.vocabulary === 'SE' ? 'SE' : 'DK'][locale];
  const year = has(p, 'findingYear') ? ` (${p.findingYear})` : '';
  const title = has(p, 'findingTitle') ? (locale === 'en' ? ` “${p.findingTitle}”` : ` »${p.findingTitle}«`) : '';
  return `${word} ${p.findingNumber}${year}${title}`;
}

/** The department by name, else by its code (`department` from the events, `departmentCode` from the reminders). */
const dept = (p: Params) =>
  has(p, 'departmentName') ? String(p.departmentName) : has(p, 'department') ? String(p.department) : has(p, 'departmentCode') ? String(p.departmentCode) : '';

/** " for bemærkning 3 (2025)" or "" — joined with the language's preposition. */
const about = (locale: Locale, p: Params, prep: Record<Locale, string>) => {
  const ref = findingRef(locale, p);
  return ref ? ` ${prep[locale]} ${ref}` : '';
};
const FOR = { da: 'for', sv: 'för', en: 'for' };
const ON = { da: 'om', sv: 'om', en: 'on' };

const due = (locale: Locale, p: Params, word: Record<Locale, string>) => (has(p, 'dueOn') ? ` ${word[locale]} ${longDate(locale, p.dueOn)}` : '');
const BY = { da: 'senest', sv: 'senast', en: 'by' };
/** " (frist 31. marts 2027)": the due date that has passed, as an aside; "" without one. */
const wasDue = (locale: Locale, p: Params) => (has(p, 'dueOn') ? ` (${pick(locale, 'frist', 'sista dag', 'due')} ${longDate(locale, p.dueOn)})` : '');

/** Capitalises the first letter (a finding reference may start a sentence). */
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An entry written once as a function of the locale. */
const each = (fn: (locale: Locale, p: Params) => string): Entry => ({ da: (p) => fn('da', p), sv: (p) => fn('sv', p), en: (p) => fn('en', p) });

const pick = <T>(locale: Locale, da: T, sv: T, en: T) => (locale === 'da' ? da : locale === 'sv' ? sv : en);

/** "1 dag", "3 dage": the count with its noun in the right plural form. */
function days(locale: Locale, value: string | number | undefined): string {
  const n = Number(value);
  const one = n === 1;
  return `${n} ${pick(locale, one ? 'dag' : 'dage', one ? 'dag' : 'dagar', one ? 'day' : 'days')}`;
}

/** "marts 2026" from a run's period (YYYY-MM); anything else as it is. */
function month(locale: Locale, value: string | number | undefined): string {
  const text = String(value ?? '');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return text;
  const tag = locale === 'da' ? 'da-DK' : locale === 'sv' ? 'sv-SE' : 'en-GB';
  return new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${text}-01T12:00:00Z`));
}

/** " (KMD, marts 2026)": which system and period a matching run was about, or "". */
function run(locale: Locale, p: Params): string {
  const parts = [has(p, 'system') ? String(p.system) : '', has(p, 'period') ? month(locale, p.period) : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** "; difference 1.234,56 kr." or "; ingen difference." from `differenceOre`; "." without it. */
function difference(locale: Locale, p: Params): string {
  const ore = Number(p.differenceOre);
  if (!has(p, 'differenceOre') || !Number.isSafeInteger(ore)) return '.';
  if (ore === 0) return pick(locale, '; ingen difference.', '; ingen differens.', '; no difference.');
  return `; ${pick(locale, 'difference', 'differens', 'difference')} ${formatAmount(ore, locale, 'kr', { decimals: 2 })} kr.`;
}

/** A reply's or a statement's name as a title starts ("Svar til revisionen") and as a sentence's subject ("Svaret til revisionen"). */
const answerNames: Record<string, Record<Locale, [title: string, subject: string]>> = {
  reply: {
    da: ['Svar til revisionen', 'Svaret til revisionen'],
    sv: ['Svar till revisionen', 'Svaret till revisionen'],
    en: ['Reply to the auditors', 'The reply to the auditors'],
  },
  yttrande: { da: ['Udtalelse', 'Udtalelsen'], sv: ['Yttrande', 'Yttrandet'], en: ['Response (yttrande)', 'The response (yttrande)'] },
  uppfoljandeYttrande: {
    da: ['Opfølgende udtalelse', 'Den opfølgende udtalelse'],
    sv: ['Uppföljande yttrande', 'Det uppföljande yttrandet'],
    en: ['Follow-up response', 'The follow-up response'],
  },
};
const answerName = (locale: Locale, p: Params, form: 0 | 1) => (answerNames[String(p.answerKind)] ?? answerNames.reply!)[locale][form];

/**
 * What an escalation is about, by the reminder's `about`: "handleplanen for bemærkning 3 (2025)",
 * "statusmeldingen i Status februar 2027", "tiltag 2 om …", "svaret til revisionen om …";
 * the finding, or "en opgave", when it does not say.
 */
function escalated(locale: Locale, p: Params): string {
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  switch (p.about) {
    case 'plan':
      return pick(locale, 'handleplanen', 'handlingsplanen', 'the action plan') + about(locale, p, FOR);
    case 'round':
      return (
        pick(locale, 'statusmeldingen', 'statusrapporten', 'the status report') +
        (has(p, 'roundName') ? pick(locale, ` i ${p.roundName}`, ` i ${p.roundName}`, ` in ${p.roundName}`) : '')
      );
    case 'measure':
      return pick(locale, 'tiltag', 'åtgärd', 'measure') + (has(p, 'measureNumber') ? ` ${p.measureNumber}` : '') + about(locale, p, ON);
    case 'answer':
      return lower(answerName(locale, p, 1)) + about(locale, p, ON);
    default:
      return findingRef(locale, p) || pick(locale, 'en opgave', 'en uppgift', 'a task');
  }
}

/**
 * " (om 3 dage)", " (i dag)": how long until the due date, from `days`, or from a reminder's
 * `daysOverdue` (negative before the due date, 0 on it); "" without either.
 */
function until(locale: Locale, p: Params): string {
  const left = has(p, 'days') ? Number(p.days) : has(p, 'daysOverdue') && Number(p.daysOverdue) <= 0 ? -Number(p.daysOverdue) : NaN;
  if (!Number.isInteger(left) || left < 0) return '';
  return left === 0 ? ` (${pick(locale, 'i dag', 'i dag', 'today')})` : ` (${pick(locale, 'om', 'om', 'in')} ${days(locale, left)})`;
}

const inDept = (locale: Locale, p: Params) => (dept(p) ? ` (${dept(p)})` : '');

export const notificationsMessages = defineMessages({
  'notifications.planRequested.title': each((l, p) => pick(l, 'Handleplan ønskes', 'Handlingsplan begärs', 'Action plan requested') + about(l, p, FOR)),
  'notifications.planRequested.body': each(
    (l, p) =>
      pick(l, 'Central koordination beder', 'Den centrala samordningen ber', 'Central coordination asks') +
      (dept(p) ? ` ${dept(p)}` : pick(l, ' forvaltningen', ' förvaltningen', ' the department')) +
      pick(l, ' om en handleplan', ' om en handlingsplan', ' for an action plan') +
      about(l, p, FOR) +
      due(l, p, BY) +
      '.',
  ),
  'notifications.planSubmitted.title': each(
    (l, p) => pick(l, 'Handleplan indsendt', 'Handlingsplan inskickad', 'Action plan submitted') + about(l, p, FOR) + inDept(l, p),
  ),
  'notifications.planSubmitted.body': each(
    (l, p) =>
      (dept(p) || pick(l, 'Forvaltningen', 'Förvaltningen', 'The department')) +
      pick(l, ' har indsendt sin handleplan', ' har skickat in sin handlingsplan', ' has submitted its action plan') +
      about(l, p, FOR) +
      pick(l, '. Den venter på jeres gennemgang.', '. Den väntar på er granskning.', '. It awaits your review.'),
  ),
  'notifications.planReturned.title': each((l, p) => pick(l, 'Handleplan sendt retur', 'Handlingsplan återsänd', 'Action plan returned') + about(l, p, FOR)),
  'notifications.planReturned.body': each(
    (l, p) =>
      pick(
        l,
        'Central koordination har sendt handleplanen',
        'Den centrala samordningen har skickat tillbaka handlingsplanen',
        'Central coordination has returned the action plan',
      ) +
      about(l, p, FOR) +
      inDept(l, p) +
      pick(l, ' retur. Se kommentaren og indsend den igen.', '. Läs kommentaren och skicka in den igen.', '. Read the comment and submit it again.'),
  ),
  'notifications.planApproved.title': each((l, p) => pick(l, 'Handleplan godkendt', 'Handlingsplan godkänd', 'Action plan approved') + about(l, p, FOR)),
  'notifications.planApproved.body': each(
    (l, p) =>
      pick(l, 'Handleplanen', 'Handlingsplanen', 'The action plan') +
      about(l, p, FOR) +
      inDept(l, p) +
      pick(l, ' er godkendt', ' är godkänd', ' is approved') +
      (has(p, 'revision') ? pick(l, ` (revision ${p.revision})`, ` (revision ${p.revision})`, ` (revision ${p.revision})`) : '') +
      '.',
  ),
  'notifications.roundOpened.title': each(
    (l, p) => pick(l, 'Opfølgningsrunde åbnet', 'Uppföljningsomgång öppnad', 'Follow-up round opened') + (has(p, 'roundName') ? `: ${p.roundName}` : ''),
  ),
  'notifications.roundOpened.body': each(
    (l, p) =>
      pick(l, 'Runden', 'Omgången', 'The round') +
      (has(p, 'roundName') ? ` ${p.roundName}` : '') +
      pick(l, ' er åbnet for', ' är öppnad för', ' is open for') +
      (dept(p) ? ` ${dept(p)}` : pick(l, ' forvaltningen', ' förvaltningen', ' the department')) +
      pick(l, '. Meld status på tiltagene', '. Rapportera status för åtgärderna', '. Report the status of the measures') +
      due(l, p, BY) +
      '.',
  ),
  'notifications.measureDueSoon.title': each(
    (l, p) => pick(l, 'Tiltag nærmer sig fristen', 'Åtgärd närmar sig sista dag', 'Measure due soon') + (has(p, 'measureNumber') ? `: ${p.measureNumber}` : ''),
  ),
  'notifications.measureDueSoon.body': each(
    (l, p) =>
      pick(l, 'Tiltag', 'Åtgärd', 'Measure') +
      (has(p, 'measureNumber') ? ` ${p.measureNumber}` : '') +
      about(l, p, ON) +
      pick(l, ' skal være gennemført', ' ska vara genomförd', ' is due') +
      due(l, p, BY) +
      until(l, p) +
      '.',
  ),
  'notifications.measureOverdue.title': each(
    (l, p) => pick(l, 'Tiltag over fristen', 'Åtgärd försenad', 'Measure overdue') + (has(p, 'measureNumber') ? `: ${p.measureNumber}` : ''),
  ),
  'notifications.measureOverdue.body': each(
    (l, p) =>
      pick(l, 'Fristen for tiltag', 'Sista dag för åtgärd', 'The deadline of measure') +
      (has(p, 'measureNumber') ? ` ${p.measureNumber}` : '') +
      about(l, p, ON) +
      (has(p, 'dueOn') ? ` (${longDate(l, p.dueOn)})` : '') +
      pick(
        l,
        ' er overskredet. Meld status eller en ny dato.',
        ' har passerats. Rapportera status eller ett nytt datum.',
        ' has passed. Report its status or a new date.',
      ),
  ),
  'notifications.planDueSoon.title': each(
    (l, p) => pick(l, 'Handleplanens frist nærmer sig', 'Handlingsplanens sista dag närmar sig', 'Action plan due soon') + about(l, p, FOR),
  ),
  'notifications.planDueSoon.body': each(
    (l, p) =>
      pick(l, 'Handleplanen', 'Handlingsplanen', 'The action plan') +
      about(l, p, FOR) +
      inDept(l, p) +
      pick(l, ' skal indsendes', ' ska skickas in', ' is due') +
      due(l, p, BY) +
      until(l, p) +
      '.',
  ),
  'notifications.planOverdue.title': each((l, p) => pick(l, 'Handleplan over fristen', 'Handlingsplan försenad', 'Action plan overdue') + about(l, p, FOR)),
  'notifications.planOverdue.body': each(
    (l, p) =>
      pick(l, 'Handleplanen', 'Handlingsplanen', 'The action plan') +
      about(l, p, FOR) +
      inDept(l, p) +
      pick(l, ' er ikke indsendt', ' är inte inskickad', ' has not been submitted') +
      wasDue(l, p) +
      '.',
  ),
  'notifications.roundDueSoon.title': each(
    (l, p) => pick(l, 'Rundens frist nærmer sig', 'Omgångens sista dag närmar sig', 'Round due soon') + (has(p, 'roundName') ? `: ${p.roundName}` : ''),
  ),
  'notifications.roundDueSoon.body': each(
    (l, p) =>
      pick(l, 'Statusmeldingen', 'Statusrapporten', 'The status report') +
      (has(p, 'roundName') ? pick(l, ` i ${p.roundName}`, ` i ${p.roundName}`, ` in ${p.roundName}`) : '') +
      inDept(l, p) +
      pick(l, ' skal indsendes', ' ska skickas in', ' is due') +
      due(l, p, BY) +
      until(l, p) +
      '.',
  ),
  'notifications.roundOverdue.title': each(
    (l, p) => pick(l, 'Runde over fristen', 'Omgång försenad', 'Round overdue') + (has(p, 'roundName') ? `: ${p.roundName}` : ''),
  ),
  'notifications.roundOverdue.body': each(
    (l, p) =>
      pick(l, 'Statusmeldingen', 'Statusrapporten', 'The status report') +
      (has(p, 'roundName') ? pick(l, ` i ${p.roundName}`, ` i ${p.roundName}`, ` in ${p.roundName}`) : '') +
      inDept(l, p) +
      pick(l, ' er ikke indsendt', ' är inte inskickad', ' has not been submitted') +
      wasDue(l, p) +
      '.',
  ),
  'notifications.answerDueSoon.title': each(
    (l, p) => answerName(l, p, 0) + pick(l, ' nærmer sig fristen', ' närmar sig sista dag', ' due soon') + about(l, p, ON),
  ),
  'notifications.answerDueSoon.body': each(
    (l, p) => answerName(l, p, 1) + about(l, p, ON) + pick(l, ' skal afgives', ' ska lämnas', ' is due') + due(l, p, BY) + until(l, p) + '.',
  ),
  'notifications.answerOverdue.title': each((l, p) => answerName(l, p, 0) + pick(l, ' over fristen', ' försenat', ' overdue') + about(l, p, ON)),
  'notifications.answerOverdue.body': each(
    (l, p) => answerName(l, p, 1) + about(l, p, ON) + pick(l, ' er ikke afgivet', ' är inte lämnat', ' has not been given') + wasDue(l, p) + '.',
  ),
  'notifications.escalation.title': each(
    (l, p) => pick(l, 'Eskalering: frist overskredet', 'Eskalering: sista dag passerad', 'Escalation: overdue') + (dept(p) ? ` (${dept(p)})` : ''),
  ),
  'notifications.escalation.body': each((l, p) =>
    cap(
      escalated(l, p) +
        inDept(l, p) +
        // a Swedish reply or statement (svaret, yttrandet) is neuter
        pick(l, ' er over fristen', p.about === 'answer' ? ' är försenat' : ' är försenad', ' is overdue') +
        (has(p, 'daysOverdue') ? ` ${pick(l, 'med', 'med', 'by')} ${days(l, p.daysOverdue)}` : '') +
        wasDue(l, p) +
        pick(l, ' og sendes videre til dig.', ' och skickas vidare till dig.', ' and is passed on to you.'),
    ),
  ),
  'notifications.answerSubmitted.title': each(
    (l, p) => pick(l, 'Statusmelding indsendt', 'Statusrapport inskickad', 'Status report submitted') + (dept(p) ? `: ${dept(p)}` : ''),
  ),
  'notifications.answerSubmitted.body': each(
    (l, p) =>
      (dept(p) || pick(l, 'Forvaltningen', 'Förvaltningen', 'The department')) +
      pick(l, ' har indsendt sin statusmelding', ' har skickat in sin statusrapport', ' has submitted its status report') +
      (has(p, 'roundName') ? pick(l, ` i ${p.roundName}`, ` i ${p.roundName}`, ` in ${p.roundName}`) : '') +
      pick(l, '. Den venter på jeres gennemgang.', '. Den väntar på er granskning.', '. It awaits your review.'),
  ),
  'notifications.answerReturned.title': each(
    (l, p) => pick(l, 'Statusmelding sendt retur', 'Statusrapport återsänd', 'Status report returned') + (has(p, 'roundName') ? `: ${p.roundName}` : ''),
  ),
  'notifications.answerReturned.body': each(
    (l, p) =>
      pick(
        l,
        'Central koordination har sendt statusmeldingen',
        'Den centrala samordningen har skickat tillbaka statusrapporten',
        'Central coordination has returned the status report',
      ) +
      (has(p, 'roundName') ? pick(l, ` i ${p.roundName}`, ` i ${p.roundName}`, ` in ${p.roundName}`) : '') +
      inDept(l, p) +
      pick(l, ' retur. Se begrundelsen og indsend den igen.', '. Läs motiveringen och skicka in den igen.', '. Read the reason and submit it again.'),
  ),
  'notifications.answerAccepted.title': each(
    (l, p) => pick(l, 'Statusmelding godkendt', 'Statusrapport godkänd', 'Status report accepted') + (has(p, 'roundName') ? `: ${p.roundName}` : ''),
  ),
  'notifications.answerAccepted.body': each(
    (l, p) =>
      pick(l, 'Statusmeldingen', 'Statusrapporten', 'The status report') +
      (has(p, 'roundName') ? pick(l, ` i ${p.roundName}`, ` i ${p.roundName}`, ` in ${p.roundName}`) : '') +
      inDept(l, p) +
      pick(l, ' er godkendt.', ' är godkänd.', ' is accepted.'),
  ),
  'notifications.findingClosed.title': each(
    (l, p) => cap(findingRef(l, p) || pick(l, 'bemærkning', 'anmärkning', 'finding')) + pick(l, ' lukket', ' avslutad', ' closed'),
  ),
  'notifications.findingClosed.body': each(
    (l, p) =>
      pick(l, 'Revisionen har lukket', 'Revisionen har avslutat', 'The auditor has closed') +
      ` ${findingRef(l, p) || pick(l, 'bemærkningen', 'anmärkningen', 'the finding')}` +
      inDept(l, p) +
      '.',
  ),
  'notifications.findingReopened.title': each(
    (l, p) => cap(findingRef(l, p) || pick(l, 'bemærkning', 'anmärkning', 'finding')) + pick(l, ' genåbnet', ' återöppnad', ' reopened'),
  ),
  'notifications.findingReopened.body': each(
    (l, p) =>
      pick(l, 'Revisionen har genåbnet', 'Revisionen har återöppnat', 'The auditor has reopened') +
      ` ${findingRef(l, p) || pick(l, 'bemærkningen', 'anmärkningen', 'the finding')}` +
      inDept(l, p) +
      pick(l, '. Arbejdet fortsætter.', '. Arbetet fortsätter.', '. The work goes on.'),
  ),
  'notifications.matchingRunFinished.title': each(
    (l, p) => pick(l, 'Afstemningskørsel færdig', 'Avstämningskörning klar', 'Matching run finished') + (has(p, 'system') ? `: ${p.system}` : ''),
  ),
  'notifications.matchingRunFinished.body': each(
    (l, p) =>
      pick(l, 'Afstemningskørslen', 'Avstämningskörningen', 'The matching run') +
      run(l, p) +
      pick(l, ' er færdig', ' är klar', ' has finished') +
      difference(l, p),
  ),
  'notifications.matchingRunFailed.title': each(
    (l, p) => pick(l, 'Afstemningskørsel fejlede', 'Avstämningskörning misslyckades', 'Matching run failed') + (has(p, 'system') ? `: ${p.system}` : ''),
  ),
  'notifications.matchingRunFailed.body': each(
    (l, p) =>
      pick(l, 'Afstemningskørslen', 'Avstämningskörningen', 'The matching run') +
      run(l, p) +
      pick(l, ' fejlede. Se kørslen for årsagen.', ' misslyckades. Se körningen för orsaken.', ' failed. See the run for the reason.'),
  ),
});
