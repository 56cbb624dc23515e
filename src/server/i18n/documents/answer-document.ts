import { defineLabels } from './define.js';

/** The answer documents: reply, yttrande and uppföljande yttrande. */
export const answerDocumentLabels = defineLabels({
  reply: { da: 'Svar til revisionen', sv: 'Svar till revisionen', en: 'Reply to the auditors' },
  yttrande: { da: 'Udtalelse', sv: 'Yttrande', en: 'Response (yttrande)' },
  uppfoljandeYttrande: { da: 'Opfølgende udtalelse', sv: 'Uppföljande yttrande', en: 'Follow-up response (uppföljande yttrande)' },
  answerSummary: { da: 'Resumé', sv: 'Sammanfattning', en: 'Summary' },
  proposal: { da: 'Forslag til beslutning', sv: 'Förslag till beslut', en: 'Proposal for decision' },
  proposalText: {
    da: '{body} foreslås at godkende svaret til {recipients}.',
    sv: '{body} föreslås besluta att överlämna yttrandet som svar till {recipients}.',
    en: '{body} is proposed to adopt the response and send it to {recipients}.',
  },
  background: { da: 'Baggrund', sv: 'Bakgrund', en: 'Background' },
  auditorsAssessment: {
    da: 'Revisionens vurdering og anbefalinger',
    sv: 'Revisorernas bedömning och rekommendationer',
    en: "The auditors' assessment and recommendations",
  },
  recommendation: { da: 'Anbefaling {number}', sv: 'Rekommendation {number}', en: 'Recommendation {number}' },
  recommendation_SE: { da: 'Rekommendation {number}' },
  measuresPlanned: { da: 'Planlagte tiltag', sv: 'Planerade åtgärder', en: 'Planned measures' },
  measuresPlanned_SE: { da: 'Planerade åtgärder' },
  measuresTaken: { da: 'Gennemførte tiltag og deres effekt', sv: 'Vidtagna åtgärder och deras effekt', en: 'Measures taken and their effect' },
  measuresTaken_SE: { da: 'Vidtagna åtgärder och deras effekt' },
  effect: { da: 'Effekt', sv: 'Effekt', en: 'Effect' },
  otherMeasures: { da: 'Øvrige tiltag', sv: 'Övriga åtgärder', en: 'Other measures' },
  otherMeasures_SE: { da: 'Övriga åtgärder' },
  decisionPlan: { da: 'Beslutningsplan', sv: 'Beslutsplan', en: 'Decision plan' },
  meeting: { da: 'Møde', sv: 'Sammanträde', en: 'Meeting' },
  agendaItem: { da: 'Punkt', sv: 'Paragraf', en: 'Item' },
  sentTo: { da: 'Sendes til', sv: 'Sänds till', en: 'Sent to' },
  responsibleOfficials: { da: 'Ansvarlige medarbejdere', sv: 'Ansvariga tjänstepersoner', en: 'Responsible officials' },
  dueDate: { da: 'Svarfrist', sv: 'Svar senast', en: 'Due' },
  sentOn: { da: 'Sendt {date}', sv: 'Skickat {date}', en: 'Sent {date}' },
  answerSummaryText: {
    da: '{measures} tiltag: {completed} afsluttet, {onTrack} efter planen, {delayed} forsinket, {postponed} udskudt.',
    sv: '{measures} åtgärder: {completed} genomförda, {onTrack} enligt plan, {delayed} försenade, {postponed} uppskjutna.',
    en: '{measures} measures: {completed} completed, {onTrack} on track, {delayed} delayed, {postponed} postponed.',
  },
  answerSummaryText_SE: { da: '{measures} åtgärder: {completed} genomförda, {onTrack} enligt plan, {delayed} försenade, {postponed} uppskjutna.' },
  answerSummaryPlanned: {
    da: '{measures} tiltag besvarer {recommendations} anbefalinger.',
    sv: '{measures} åtgärder besvarar {recommendations} rekommendationer.',
    en: '{measures} measures answer {recommendations} recommendations.',
  },
  answerSummaryPlanned_SE: { da: '{measures} åtgärder besvarar {recommendations} rekommendationer.' },
});
