import { defineMessages } from '../catalogue.js';

/** The messages of the matching module (codes 'matching.…'). */
export const matchingMessages = defineMessages({
  'matching.keyColumnMissing': {
    da: 'Reglerne bruger {key} som nøgle; angiv kolonnen',
    sv: 'Reglerna använder {key} som nyckel; ange kolumnen',
    en: 'The rules use {key} as a key; name its column',
  },
  'matching.systemExists': { da: 'Systemet {code} findes allerede', sv: 'Systemet {code} finns redan', en: 'The system {code} exists already' },
  'matching.notLatestRun': {
    da: 'Kun den seneste gennemførte kørsel for systemet og måneden kan ændres',
    sv: 'Bara den senaste genomförda körningen för systemet och månaden kan ändras',
    en: 'Only the latest succeeded run of the system and month can be changed',
  },
  'matching.alreadyConfirmed': { da: 'Forslaget er allerede godkendt', sv: 'Förslaget är redan godkänt', en: 'The suggestion is already confirmed' },
  'matching.alreadyRejected': { da: 'Forslaget er allerede afvist', sv: 'Förslaget är redan avvisat', en: 'The suggestion is already rejected' },
  'matching.itemUnknown': { da: 'Posten findes ikke i kørslen', sv: 'Posten finns inte i körningen', en: 'No such item in the run' },
  'matching.itemTaken': { da: 'Linje {line} er ikke umatchet', sv: 'Rad {line} är inte omatchad', en: 'Line {line} is not unmatched' },
  'matching.bothSides': { da: 'Vælg mindst én post på hver side', sv: 'Välj minst en post på varje sida', en: 'Choose at least one item on each side' },
  'matching.noteRequired': {
    da: 'Beløbene er forskellige; forklar forskellen',
    sv: 'Beloppen skiljer sig; förklara skillnaden',
    en: 'The amounts differ; explain the difference',
  },
  'matching.monthFuture': {
    da: 'Måneden {period} er ikke begyndt endnu',
    sv: 'Månaden {period} har inte börjat ännu',
    en: 'The month {period} has not started yet',
  },
  'matching.emptyFile': { da: 'Filen er tom', sv: 'Filen är tom', en: 'The file is empty' },
  'matching.cprNeedsKey': {
    da: 'CPR-numre kan kun gemmes krypteret: sæt TILSYN_ENCRYPTION_KEY på serveren',
    sv: 'CPR-nummer kan bara sparas krypterade: sätt TILSYN_ENCRYPTION_KEY på servern',
    en: 'CPR numbers can only be stored encrypted: set TILSYN_ENCRYPTION_KEY on the server',
  },
  'matching.keyNotSet': { da: 'TILSYN_ENCRYPTION_KEY mangler', sv: 'TILSYN_ENCRYPTION_KEY saknas', en: 'TILSYN_ENCRYPTION_KEY is not set' },
  /** The note a run leaves on the system's reconciliation of the month. */
  'matching.runSummary': {
    da: 'Matchning af {system}: {leftUnmatched} poster i systemet og {rightUnmatched} i modtagersystemet er ikke afstemt; tidsforskydninger: {timing}.',
    sv: 'Matchning av {system}: {leftUnmatched} poster i systemet och {rightUnmatched} i mottagarsystemet är inte avstämda; tidsförskjutningar: {timing}.',
    en: 'Matching of {system}: {leftUnmatched} items in the system and {rightUnmatched} in the target are not matched; timing differences: {timing}.',
  },
});
