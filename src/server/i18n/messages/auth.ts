import { MIN_PASSWORD_LENGTH } from '../../../domain/password.js';
import { defineMessages } from '../catalogue.js';

/** The messages of the auth module (codes 'auth.…'). */
export const authMessages = defineMessages({
  'auth.invalidCredentials': { da: 'Forkert e-mail, adgangskode eller kode', sv: 'Fel e-postadress, lösenord eller kod', en: 'Wrong e-mail, password or code' },
  'auth.totpNotPending': {
    da: 'Der er ingen totrinsbekræftelse, der venter på at blive slået til',
    sv: 'Det finns ingen tvåstegsverifiering som väntar på att aktiveras',
    en: 'No second factor is waiting to be turned on',
  },
  'auth.totpOff': { da: 'Totrinsbekræftelse er ikke slået til', sv: 'Tvåstegsverifiering är inte aktiverad', en: 'The second factor is not on' },
  'auth.totpNoPassword': {
    da: 'Kontoen logger ind uden adgangskode; totrinsbekræftelse sker hos identitetsudbyderen',
    sv: 'Kontot loggar in utan lösenord; tvåstegsverifieringen sker hos identitetsleverantören',
    en: 'The account signs in without a password; its identity provider asks for the second factor',
  },
  'auth.passwordRequiredForTotp': {
    da: 'Skriv din adgangskode for at sætte en ny totrinsbekræftelse op',
    sv: 'Skriv ditt lösenord för att ställa in en ny tvåstegsverifiering',
    en: 'Enter your password to set up a new second factor',
  },
  'auth.totpNeedsKey': {
    da: 'Totrinsbekræftelse kræver at serveren har en krypteringsnøgle (TILSYN_ENCRYPTION_KEY)',
    sv: 'Tvåstegsverifiering kräver att servern har en krypteringsnyckel (TILSYN_ENCRYPTION_KEY)',
    en: 'Two-step verification needs the server to have an encryption key (TILSYN_ENCRYPTION_KEY)',
  },
  // The length is the server's constant, not a param: the field error has always been just field, code and message
  'auth.passwordTooShort': {
    da: `Mindst ${MIN_PASSWORD_LENGTH} tegn`,
    sv: `Minst ${MIN_PASSWORD_LENGTH} tecken`,
    en: `At least ${MIN_PASSWORD_LENGTH} characters`,
  },
  'auth.tokenNotAllowed': {
    da: 'En API-nøgle kan ikke skifte adgangskode eller logge ud overalt; log ind i en browser',
    sv: 'En API-nyckel kan inte byta lösenord eller logga ut överallt; logga in i en webbläsare',
    en: 'An API token cannot change the password or sign out everywhere; sign in in a browser',
  },
});
