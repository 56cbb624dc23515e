import { defineMessages } from '../catalogue.js';

/**
 * The messages of the plans module (codes 'plans.…'). The two approved-lock messages keep the
 * codes clients already branch on in the problem+json body ('plan.approvedLocked',
 * 'answer.approvedLocked'), so the body's `code` stays what it was.
 */
export const plansMessages = defineMessages({
  'plan.approvedLocked': {
    da: 'Handleplanen er godkendt og kan ikke ændres. Start en ny revision for at ændre den',
    sv: 'Planen är godkänd och kan inte ändras. Starta en ny revision för att ändra den',
    en: 'The plan is approved and cannot be changed. Start a new revision to change it',
  },
  'answer.approvedLocked': {
    da: 'Svaret er godkendt og kan ikke ændres. Start en ny revision',
    sv: 'Svaret är godkänt och kan inte ändras. Starta en ny revision',
    en: 'The answer is approved and cannot be changed. Start a new revision',
  },
  'plans.answerLocked': {
    da: 'Svaret er sendt til godkendelse og kan ikke ændres, før det sendes tilbage',
    sv: 'Svaret är inskickat för godkännande och kan inte ändras förrän det skickas tillbaka',
    en: 'The answer is submitted for approval and cannot be changed until it is returned',
  },
  'plans.locked': {
    da: 'Handleplanen er indsendt til godkendelse og kan ikke ændres, før den er sendt tilbage',
    sv: 'Planen är inskickad för godkännande och kan inte ändras förrän den har skickats tillbaka',
    en: 'The plan is submitted for approval and cannot be changed until it is returned',
  },
  'plans.notSubmitted': {
    da: 'Kun en indsendt handleplan kan behandles',
    sv: 'Endast en inskickad plan kan behandlas',
    en: 'Only a submitted plan can be returned or approved',
  },
  'plans.alreadyApproved': { da: 'Handleplanen er allerede godkendt', sv: 'Planen är redan godkänd', en: 'The plan is already approved' },
  'plans.notApproved': {
    da: 'Kun en godkendt handleplan kan revideres',
    sv: 'Endast en godkänd plan kan revideras',
    en: 'Only an approved plan can be revised',
  },
  'plans.numberTaken': { da: 'Nummeret er allerede brugt', sv: 'Numret används redan', en: 'The number is already used' },
  'plans.measureHasStatus': {
    da: 'Tiltaget har status fra en opfølgning og kan ikke slettes',
    sv: 'Åtgärden har status från en uppföljning och kan inte tas bort',
    en: 'The measure has follow-up statuses and cannot be deleted',
  },
  'plans.measureRemoved': {
    da: 'Tiltaget er fjernet fra handleplanen',
    sv: 'Åtgärden är borttagen ur planen',
    en: 'The measure was removed from the plan',
  },
  'plans.breachAccepted': { da: 'Afvigelsen er allerede accepteret', sv: 'Avvikelsen är redan godtagen', en: 'The breach is already accepted' },
  'plans.accountNeedsNoPlan': {
    da: 'Kontoen er afstemt i kategori 1 for perioden og skal ikke have en handleplan',
    sv: 'Kontot är avstämt i kategori 1 för perioden och behöver ingen åtgärdsplan',
    en: 'The account is in category 1 for the period and needs no action plan',
  },
  'plans.accountHasPlan': {
    da: 'Konto {account} har allerede en handleplan for de åbne poster',
    sv: 'Konto {account} har redan en åtgärdsplan för de öppna posterna',
    en: 'Account {account} already has an action plan for its open items',
  },
  'plans.systemNeedsNoPlan': {
    da: 'Systemafstemningen har ingen difference og skal ikke have en handleplan',
    sv: 'Systemavstämningen har ingen differens och behöver ingen åtgärdsplan',
    en: 'The system reconciliation has no difference and needs no action plan',
  },
  'plans.systemHasPlan': {
    da: '{system} {period} har allerede en handleplan',
    sv: '{system} {period} har redan en åtgärdsplan',
    en: '{system} {period} already has an action plan',
  },
  'plans.answerWrongState': {
    da: 'Svaret er {state} og kan ikke {command}',
    sv: 'Svaret är {state} och kan inte {command}',
    en: 'The answer is {state}; cannot {command}',
  },
  'plans.partNotOpen': {
    da: 'Forvaltningens del af bemærkningen er ikke længere åben for en handleplan',
    sv: 'Förvaltningens del av iakttagelsen är inte längre öppen för en plan',
    en: "The department's part of the finding is no longer open for a plan",
  },
  'plans.departmentHasPlan': {
    da: 'Forvaltningen har allerede en handleplan for bemærkningen',
    sv: 'Förvaltningen har redan en plan för iakttagelsen',
    en: 'The department already has a plan for this finding',
  },
  'plans.onlyDraftDeletable': { da: 'Kun en kladde kan slettes', sv: 'Endast ett utkast kan tas bort', en: 'Only a draft plan can be deleted' },
  'plans.hasApprovedRevision': {
    da: 'Handleplanen har en godkendt revision og kan ikke slettes',
    sv: 'Planen har en godkänd revision och kan inte tas bort',
    en: 'The plan has an approved revision and cannot be deleted',
  },
  'plans.nothingToCarry': {
    da: 'Alle forvaltninger har lukket eller allerede ført deres del videre',
    sv: 'Alla förvaltningar har avslutat eller redan fört över sin del',
    en: 'Every department has closed or already carried its part',
  },
  'plans.findingNumberTaken': {
    da: 'Nummeret er allerede brugt i beretningen',
    sv: 'Numret används redan i rapporten',
    en: 'The number is already used in the report',
  },
});
