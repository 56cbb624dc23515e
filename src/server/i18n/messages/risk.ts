import { defineMessages } from '../catalogue.js';

/** The messages of the risk module (codes 'risk.…'). */
export const riskMessages = defineMessages({
  'risk.monthFuture': {
    da: 'Måneden {month} er ikke begyndt endnu',
    sv: 'Månaden {month} har inte börjat ännu',
    en: 'The month {month} has not started yet',
  },
  'risk.alreadyApplied': { da: 'Kørslen er allerede anvendt', sv: 'Körningen har redan tillämpats', en: 'The run has already been applied' },
  'risk.superseded': {
    da: 'En nyere kørsel ({asOf}) er allerede anvendt; kør modellen igen i stedet',
    sv: 'En nyare körning ({asOf}) har redan tillämpats; kör modellen igen i stället',
    en: 'A later run ({asOf}) has already been applied; run the model again instead',
  },
});
