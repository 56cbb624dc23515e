import { defineMessages } from '../catalogue.js';

/**
 * The calendar feeds (codes 'calendar.…'): the request errors and every text of a feed, in the
 * owner's language. A finding is named by number and year (`…SE` in the Swedish vocabulary); its
 * title is added only when it is not confidential.
 */
export const calendarMessages = defineMessages({
  'calendar.departmentRequired': {
    da: 'Vælg den forvaltning, kalenderen skal vise',
    sv: 'Välj den förvaltning som kalendern ska visa',
    en: 'Choose the department the calendar shows',
  },
  'calendar.departmentNotAllowed': {
    da: 'En personlig kalender hører ikke til en forvaltning',
    sv: 'En personlig kalender hör inte till en förvaltning',
    en: 'A personal calendar belongs to no department',
  },
  'calendar.feedNotFound': {
    da: 'Kalenderen findes ikke eller er tilbagekaldt',
    sv: 'Kalendern finns inte eller har återkallats',
    en: 'The calendar does not exist or was revoked',
  },
  'calendar.departmentUnknown': { da: 'Ukendt forvaltning', sv: 'Okänd förvaltning', en: 'Unknown department' },
  'calendar.departmentForbidden': {
    da: 'Du kan kun lave en kalender for en forvaltning, du har adgang til',
    sv: 'Du kan bara skapa en kalender för en förvaltning du har tillgång till',
    en: 'You can only make a calendar for a department you have access to',
  },

  'calendar.nameUser': { da: 'Tilsyn – {name}', sv: 'Tilsyn – {name}', en: 'Tilsyn – {name}' },
  'calendar.nameDepartment': { da: 'Tilsyn – {code} {name}', sv: 'Tilsyn – {code} {name}', en: 'Tilsyn – {code} {name}' },
  'calendar.descriptionUser': {
    da: 'Frister og møder i Tilsyn for {name}',
    sv: 'Tidpunkter och sammanträden i Tilsyn för {name}',
    en: 'Deadlines and meetings in Tilsyn for {name}',
  },
  'calendar.descriptionDepartment': {
    da: 'Frister og møder i Tilsyn for {code} {name}',
    sv: 'Tidpunkter och sammanträden i Tilsyn för {code} {name}',
    en: 'Deadlines and meetings in Tilsyn for {code} {name}',
  },

  'calendar.finding': { da: 'Bemærkning {number} ({year})', sv: 'Anmärkning {number} ({year})', en: 'Finding {number} ({year})' },
  'calendar.findingSE': { da: 'Iakttagelse {number} ({year})', sv: 'Iakttagelse {number} ({year})', en: 'Observation {number} ({year})' },
  'calendar.findingTitled': {
    da: 'Bemærkning {number} ({year}): {title}',
    sv: 'Anmärkning {number} ({year}): {title}',
    en: 'Finding {number} ({year}): {title}',
  },
  'calendar.findingTitledSE': {
    da: 'Iakttagelse {number} ({year}): {title}',
    sv: 'Iakttagelse {number} ({year}): {title}',
    en: 'Observation {number} ({year}): {title}',
  },

  'calendar.measureSummary': { da: 'Frist: tiltag {measure} {title}', sv: 'Klart senast: åtgärd {measure} {title}', en: 'Deadline: measure {measure} {title}' },
  'calendar.measureSummaryUntitled': { da: 'Frist: tiltag {measure}', sv: 'Klart senast: åtgärd {measure}', en: 'Deadline: measure {measure}' },
  'calendar.measureSummarySE': {
    da: 'Frist: åtgärd {measure} {title}',
    sv: 'Klart senast: åtgärd {measure} {title}',
    en: 'Deadline: measure {measure} {title}',
  },
  'calendar.measureSummaryUntitledSE': { da: 'Frist: åtgärd {measure}', sv: 'Klart senast: åtgärd {measure}', en: 'Deadline: measure {measure}' },
  'calendar.planSummarySE': {
    da: 'Yttrande skal afleveres ({department})',
    sv: 'Yttrande ska lämnas in ({department})',
    en: 'Response (yttrande) due ({department})',
  },
  'calendar.planSummary': {
    da: 'Handleplan skal afleveres ({department})',
    sv: 'Åtgärdsplan ska lämnas in ({department})',
    en: 'Action plan due ({department})',
  },
  'calendar.roundSummary': { da: 'Svarfrist: {round}', sv: 'Svar senast: {round}', en: 'Answers due: {round}' },
  'calendar.roundDepartmentSummary': {
    da: 'Svarfrist: {round} ({department})',
    sv: 'Svar senast: {round} ({department})',
    en: 'Answers due: {round} ({department})',
  },
  'calendar.answerSummary': { da: 'Svarfrist: {kind}', sv: 'Svar senast: {kind}', en: 'Due: {kind}' },
  'calendar.meetingSummary': { da: '{body}: {what}', sv: '{body}: {what}', en: '{body}: {what}' },
  /** Params: `count`, the answers a meeting treats. */
  'calendar.meetingItems': {
    da: (p) => (Number(p.count) === 1 ? '1 sag fra Tilsyn' : `${p.count} sager fra Tilsyn`),
    sv: (p) => (Number(p.count) === 1 ? '1 ärende från Tilsyn' : `${p.count} ärenden från Tilsyn`),
    en: (p) => (Number(p.count) === 1 ? '1 item from Tilsyn' : `${p.count} items from Tilsyn`),
  },

  'calendar.kind.reply': { da: 'svar til revisionen', sv: 'svar till revisionen', en: 'reply to the auditors' },
  'calendar.kind.yttrande': { da: 'udtalelse', sv: 'yttrande', en: 'response (yttrande)' },
  'calendar.kind.uppfoljandeYttrande': { da: 'opfølgende udtalelse', sv: 'uppföljande yttrande', en: 'follow-up response (uppföljande yttrande)' },

  'calendar.department': { da: 'Forvaltning: {code} {name}', sv: 'Förvaltning: {code} {name}', en: 'Department: {code} {name}' },
  'calendar.deadline': { da: 'Frist: {deadline}', sv: 'Klart senast: {deadline}', en: 'Deadline: {deadline}' },
  'calendar.agendaItem': { da: 'Dagsordenspunkt: {item}', sv: 'Paragraf: {item}', en: 'Agenda item: {item}' },
  'calendar.treats': { da: 'Behandler:', sv: 'Behandlar:', en: 'Treats:' },
  'calendar.open': { da: 'Åbn i Tilsyn: {url}', sv: 'Öppna i Tilsyn: {url}', en: 'Open in Tilsyn: {url}' },
});
