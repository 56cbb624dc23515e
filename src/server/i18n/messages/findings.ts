import { defineMessages } from '../catalogue.js';

/** The messages of the findings module (codes 'findings.…'), and the headings of its export. */
export const findingsMessages = defineMessages({
  'findings.dueInPast': {
    da: 'Fristen skal være i dag ({today}) eller senere',
    sv: 'Sista dagen ska vara i dag ({today}) eller senare',
    en: 'The due date must be today ({today}) or later',
  },
  'findings.reportHasFindings': {
    da: 'Beretningen har bemærkninger; slet dem først',
    sv: 'Rapporten har iakttagelser; ta bort dem först',
    en: 'The report has findings; delete them first',
  },
  'findings.repeatedLater': {
    da: 'Bemærkningen er ført videre til et senere år og kan ikke slettes',
    sv: 'Iakttagelsen är överförd till ett senare år och kan inte tas bort',
    en: 'The finding is carried into a later year and cannot be deleted',
  },
  'findings.transitionNotAllowed': { da: 'Kan ikke gå fra {from} til {to}', sv: 'Kan inte gå från {from} till {to}', en: 'Cannot move from {from} to {to}' },
  'findings.allAsked': {
    da: 'Alle forvaltninger er allerede bedt om en handleplan eller har en',
    sv: 'Alla förvaltningar har redan ombetts att lämna ett yttrande eller har ett',
    en: 'Every department has been asked for its plan or has one',
  },
  'findings.askedOrHasPlan': {
    da: 'Forvaltningen er allerede bedt om en handleplan eller har en',
    sv: 'Förvaltningen har redan ombetts att lämna ett yttrande eller har ett',
    en: 'The department has already been asked for its plan or has one',
  },
  'findings.alreadyAsked': {
    da: 'Forvaltningen er allerede bedt om en handleplan',
    sv: 'Förvaltningen har redan ombetts att lämna ett yttrande',
    en: 'The department has already been asked for its plan',
  },
  // The findings export: the column headings the document labels do not have, and the file's name
  'findings.exportYear': { da: 'År', sv: 'År', en: 'Year' },
  'findings.exportConfidential': { da: 'Fortrolig', sv: 'Sekretess', en: 'Confidential' },
  'findings.exportPlanDue': { da: 'Frist for handleplan', sv: 'Sista dag för yttrande', en: 'Plan due' },
  'findings.exportFile': { da: 'revisionsbemaerkninger', sv: 'revisionsbemaerkninger', en: 'findings' },
  'findings.exportFileSE': { da: 'iakttagelser', sv: 'iakttagelser', en: 'findings' },
});
