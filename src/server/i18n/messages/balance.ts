import { defineMessages } from '../catalogue.js';

/** The messages of the balance module (codes 'balance.…'). */
export const balanceMessages = defineMessages({
  'balance.imFunctionUnknown': { da: 'Ukendt IM-funktion {code}', sv: 'Okänd IM-funktion {code}', en: 'Unknown IM function {code}' },
  'balance.periodFuture': {
    da: 'Perioden {period} er ikke begyndt endnu',
    sv: 'Perioden {period} har inte börjat ännu',
    en: 'The period {period} has not started yet',
  },
  'balance.reconciliationLocked': {
    da: 'Afstemningen er afgivet; genåbn den, før den ændres',
    sv: 'Avstämningen är attesterad; öppna den igen innan den ändras',
    en: 'The reconciliation is signed off; reopen it before changing it',
  },
  'balance.segregation': {
    da: 'Den der har afgivet afstemningen, kan ikke også godkende den (funktionsadskillelse)',
    sv: 'Den som har attesterat avstämningen kan inte också godkänna den (funktionsåtskillnad)',
    en: 'Whoever signed off the reconciliation cannot also approve it (segregation of duties)',
  },
});
