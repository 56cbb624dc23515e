import { defineMessages, type Params } from '../catalogue.js';

const n = (p: Params, key: string) => Number(p[key] ?? 0);

/**
 * The texts only e-mails have (codes 'mail.…'): the frame around a notification, the digest, the
 * test mail and the unsubscribe page. A notification's own subject and sentence are the app's
 * (i18n/messages/notifications.ts, rendered by modules/notifications/texts.ts).
 */
export const mailMessages = defineMessages({
  'mail.open': { da: 'Åbn i Tilsyn', sv: 'Öppna i Tilsyn', en: 'Open in Tilsyn' },
  'mail.footer': {
    da: 'Denne mail er sendt automatisk af Tilsyn for {municipality}.',
    sv: 'Detta mejl skickades automatiskt av Tilsyn för {municipality}.',
    en: 'This e-mail was sent automatically by Tilsyn for {municipality}.',
  },
  'mail.unsubscribe': {
    da: 'Vil du ikke have mails af denne slags? Frameld dem her',
    sv: 'Vill du inte få mejl av det här slaget? Avregistrera dig här',
    en: 'Stop e-mails of this kind? Unsubscribe here',
  },
  'mail.unsubscribeDigest': {
    da: 'Vil du ikke have denne oversigt? Frameld den her',
    sv: 'Vill du inte få den här sammanfattningen? Avregistrera dig här',
    en: 'Stop this digest? Unsubscribe here',
  },

  /** Params: `count`, `frequency` ('daily' | 'weekly'). */
  'mail.digest.subject': {
    da: (p) =>
      `${p.frequency === 'weekly' ? 'Ugens' : 'Dagens'} oversigt fra Tilsyn: ${n(p, 'count')} ${n(p, 'count') === 1 ? 'notifikation' : 'notifikationer'}`,
    sv: (p) => `${p.frequency === 'weekly' ? 'Veckans' : 'Dagens'} sammanfattning från Tilsyn: ${n(p, 'count')} ${n(p, 'count') === 1 ? 'notis' : 'notiser'}`,
    en: (p) =>
      `Your ${p.frequency === 'weekly' ? 'weekly' : 'daily'} Tilsyn digest: ${n(p, 'count')} ${n(p, 'count') === 1 ? 'notification' : 'notifications'}`,
  },
  'mail.digest.intro': {
    da: (p) =>
      n(p, 'count') === 1 ? 'Det her er sket i Tilsyn siden sidste oversigt:' : `Disse ${n(p, 'count')} ting er sket i Tilsyn siden sidste oversigt:`,
    sv: (p) =>
      n(p, 'count') === 1
        ? 'Det här har hänt i Tilsyn sedan förra sammanfattningen:'
        : `Dessa ${n(p, 'count')} saker har hänt i Tilsyn sedan förra sammanfattningen:`,
    en: (p) =>
      n(p, 'count') === 1 ? 'This happened in Tilsyn since your last digest:' : `These ${n(p, 'count')} things happened in Tilsyn since your last digest:`,
  },

  'mail.test.subject': { da: 'Testmail fra Tilsyn', sv: 'Testmejl från Tilsyn', en: 'Test e-mail from Tilsyn' },
  'mail.test.body': {
    da: 'Mail fra Tilsyn virker. {name} sendte denne testmail fra indstillingerne for {municipality}.',
    sv: 'E-post från Tilsyn fungerar. {name} skickade detta testmejl från inställningarna för {municipality}.',
    en: 'E-mail from Tilsyn works. {name} sent this test e-mail from the settings of {municipality}.',
  },

  // The unsubscribe page (server-rendered, no sign-in).
  'mail.unsubscribePage.title': { da: 'Frameld mails', sv: 'Avregistrera e-post', en: 'Unsubscribe from e-mails' },
  'mail.unsubscribePage.question': {
    da: 'Vil du holde op med at få mails fra Tilsyn om: {kind}? Du ser stadig notifikationerne, når du logger ind.',
    sv: 'Vill du sluta få mejl från Tilsyn om: {kind}? Du ser fortfarande notiserna när du loggar in.',
    en: 'Stop e-mails from Tilsyn about: {kind}? You still see the notifications when you sign in.',
  },
  'mail.unsubscribePage.questionDigest': {
    da: 'Vil du holde op med at få oversigten fra Tilsyn på mail? Du ser stadig notifikationerne, når du logger ind.',
    sv: 'Vill du sluta få sammanfattningen från Tilsyn per e-post? Du ser fortfarande notiserna när du loggar in.',
    en: 'Stop the Tilsyn digest by e-mail? You still see the notifications when you sign in.',
  },
  'mail.unsubscribePage.confirm': { da: 'Frameld', sv: 'Avregistrera', en: 'Unsubscribe' },
  'mail.unsubscribePage.done': {
    da: 'Du er frameldt. Du kan slå mails til igen under din konto i Tilsyn.',
    sv: 'Du är avregistrerad. Du kan slå på e-post igen under ditt konto i Tilsyn.',
    en: 'You are unsubscribed. You can turn e-mails back on under your account in Tilsyn.',
  },
  'mail.unsubscribePage.invalid': {
    da: 'Linket er ikke gyldigt. Du kan ændre dine mailindstillinger under din konto i Tilsyn.',
    sv: 'Länken är inte giltig. Du kan ändra dina e-postinställningar under ditt konto i Tilsyn.',
    en: 'The link is not valid. You can change your e-mail settings under your account in Tilsyn.',
  },

  // Problems
  'mail.invalidToken': { da: 'Ugyldigt frameldingslink', sv: 'Ogiltig avregistreringslänk', en: 'Invalid unsubscribe link' },
  'mail.off': {
    da: 'Mail er slået fra på denne server (TILSYN_SMTP_URL er ikke sat)',
    sv: 'E-post är avstängt på denna server (TILSYN_SMTP_URL är inte satt)',
    en: 'E-mail is off on this server (TILSYN_SMTP_URL is not set)',
  },
  'mail.sendFailed': {
    da: 'SMTP-serveren tog ikke imod mailen: {error}',
    sv: 'SMTP-servern tog inte emot mejlet: {error}',
    en: 'The SMTP server did not accept the e-mail: {error}',
  },
});
