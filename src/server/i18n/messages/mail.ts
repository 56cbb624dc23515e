import { defineMessages, type Params } from '../catalogue.js';

const n = (p: Params, key: string) => Number(p[key] ?? 0);
const has = (p: Params, key: string) => p[key] !== undefined && p[key] !== '';

/**
 * The texts of e-mails (codes 'mail.…'): a subject and one sentence per notification kind, the
 * digest, the test mail and the unsubscribe page. Until the notification centre's own texts
 * (modules/notifications/texts.ts) are wired in, the kinds' texts live here. Params never carry a
 * confidential finding's title, and none of these texts asks for one.
 */
export const mailMessages = defineMessages({
  'mail.kind.planRequested': { da: 'Handleplan ønskes', sv: 'Handlingsplan efterfrågas', en: 'Action plan requested' },
  'mail.body.planRequested': {
    da: 'Der er bedt om en handleplan fra jeres forvaltning.',
    sv: 'En handlingsplan har begärts från er förvaltning.',
    en: 'An action plan has been requested from your department.',
  },
  'mail.kind.planReturned': { da: 'Handleplan sendt retur', sv: 'Handlingsplan återsänd', en: 'Action plan returned' },
  'mail.body.planReturned': {
    da: 'Handleplanen er sendt retur til jer med bemærkninger.',
    sv: 'Handlingsplanen har skickats tillbaka till er med kommentarer.',
    en: 'The action plan has been returned to you with comments.',
  },
  'mail.kind.planApproved': { da: 'Handleplan godkendt', sv: 'Handlingsplan godkänd', en: 'Action plan approved' },
  'mail.body.planApproved': { da: 'Handleplanen er godkendt.', sv: 'Handlingsplanen har godkänts.', en: 'The action plan has been approved.' },
  'mail.kind.planSubmitted': { da: 'Handleplan indsendt', sv: 'Handlingsplan inskickad', en: 'Action plan submitted' },
  'mail.body.planSubmitted': {
    da: 'En handleplan er indsendt og venter på behandling.',
    sv: 'En handlingsplan har skickats in och väntar på granskning.',
    en: 'An action plan has been submitted and awaits review.',
  },
  'mail.kind.roundOpened': { da: 'Opfølgningsrunde åbnet', sv: 'Uppföljningsomgång öppnad', en: 'Follow-up round opened' },
  'mail.body.roundOpened': {
    da: 'En opfølgningsrunde er åbnet for jeres forvaltning.',
    sv: 'En uppföljningsomgång har öppnats för er förvaltning.',
    en: 'A follow-up round has opened for your department.',
  },
  /** Params: `days` (optional). */
  'mail.kind.measureDueSoon': {
    da: (p) => (has(p, 'days') ? `Tiltag har frist om ${n(p, 'days')} ${n(p, 'days') === 1 ? 'dag' : 'dage'}` : 'Tiltag har snart frist'),
    sv: (p) => (has(p, 'days') ? `Åtgärder ska vara klara om ${n(p, 'days')} ${n(p, 'days') === 1 ? 'dag' : 'dagar'}` : 'Åtgärder ska snart vara klara'),
    en: (p) => (has(p, 'days') ? `Measures due in ${n(p, 'days')} ${n(p, 'days') === 1 ? 'day' : 'days'}` : 'Measures due soon'),
  },
  'mail.body.measureDueSoon': {
    da: 'Fristen for et eller flere af jeres tiltag nærmer sig.',
    sv: 'Tidpunkten för en eller flera av era åtgärder närmar sig.',
    en: 'The deadline of one or more of your measures is near.',
  },
  'mail.kind.measureOverdue': { da: 'Tiltag har overskredet fristen', sv: 'Åtgärd är försenad', en: 'Measure overdue' },
  'mail.body.measureOverdue': {
    da: 'Fristen for et eller flere af jeres tiltag er overskredet.',
    sv: 'Tidpunkten för en eller flera av era åtgärder har passerats.',
    en: 'The deadline of one or more of your measures has passed.',
  },
  'mail.kind.planDueSoon': { da: 'Frist for handleplan nærmer sig', sv: 'Tidsfrist för handlingsplan närmar sig', en: 'Action plan due soon' },
  'mail.body.planDueSoon': {
    da: 'Fristen for at indsende handleplanen nærmer sig.',
    sv: 'Tidsfristen för att skicka in handlingsplanen närmar sig.',
    en: 'The action plan is due soon.',
  },
  'mail.kind.planOverdue': { da: 'Frist for handleplan overskredet', sv: 'Tidsfrist för handlingsplan passerad', en: 'Action plan overdue' },
  'mail.body.planOverdue': {
    da: 'Fristen for at indsende handleplanen er overskredet.',
    sv: 'Tidsfristen för att skicka in handlingsplanen har passerats.',
    en: 'The action plan is overdue.',
  },
  'mail.kind.roundDueSoon': { da: 'Frist for opfølgningsrunde nærmer sig', sv: 'Tidsfrist för uppföljningsomgång närmar sig', en: 'Follow-up round due soon' },
  'mail.body.roundDueSoon': {
    da: 'Fristen for at besvare opfølgningsrunden nærmer sig.',
    sv: 'Tidsfristen för att besvara uppföljningsomgången närmar sig.',
    en: 'The answer to the follow-up round is due soon.',
  },
  'mail.kind.roundOverdue': { da: 'Frist for opfølgningsrunde overskredet', sv: 'Tidsfrist för uppföljningsomgång passerad', en: 'Follow-up round overdue' },
  'mail.body.roundOverdue': {
    da: 'Fristen for at besvare opfølgningsrunden er overskredet.',
    sv: 'Tidsfristen för att besvara uppföljningsomgången har passerats.',
    en: 'The answer to the follow-up round is overdue.',
  },
  'mail.kind.answerDueSoon': { da: 'Frist for besvarelse nærmer sig', sv: 'Tidsfrist för yttrande närmar sig', en: 'Answer due soon' },
  'mail.body.answerDueSoon': {
    da: 'Fristen for besvarelsen nærmer sig.',
    sv: 'Tidsfristen för yttrandet närmar sig.',
    en: 'The answer document is due soon.',
  },
  'mail.kind.answerOverdue': { da: 'Frist for besvarelse overskredet', sv: 'Tidsfrist för yttrande passerad', en: 'Answer overdue' },
  'mail.body.answerOverdue': {
    da: 'Fristen for besvarelsen er overskredet.',
    sv: 'Tidsfristen för yttrandet har passerats.',
    en: 'The answer document is overdue.',
  },
  'mail.kind.escalation': { da: 'Overskredet frist sendt videre til dig', sv: 'Passerad tidsfrist eskalerad till dig', en: 'Overdue item escalated to you' },
  'mail.body.escalation': {
    da: 'En frist er overskredet, og sagen er sendt videre til dig.',
    sv: 'En tidsfrist har passerats och ärendet har eskalerats till dig.',
    en: 'A deadline has passed and the matter has been escalated to you.',
  },
  'mail.kind.answerSubmitted': { da: 'Besvarelse indsendt', sv: 'Svar inskickat', en: 'Answer submitted' },
  'mail.body.answerSubmitted': {
    da: 'En besvarelse er indsendt og venter på gennemgang.',
    sv: 'Ett svar har skickats in och väntar på granskning.',
    en: 'An answer has been submitted and awaits review.',
  },
  'mail.kind.answerReturned': { da: 'Besvarelse sendt retur', sv: 'Svar återsänt', en: 'Answer returned' },
  'mail.body.answerReturned': {
    da: 'Besvarelsen er sendt retur til jer.',
    sv: 'Svaret har skickats tillbaka till er.',
    en: 'The answer has been returned to you.',
  },
  'mail.kind.answerAccepted': { da: 'Besvarelse godkendt', sv: 'Svar godkänt', en: 'Answer accepted' },
  'mail.body.answerAccepted': { da: 'Besvarelsen er godkendt.', sv: 'Svaret har godkänts.', en: 'The answer has been accepted.' },
  'mail.kind.findingClosed': { da: 'Bemærkning lukket', sv: 'Iakttagelse avslutad', en: 'Finding closed' },
  'mail.body.findingClosed': {
    da: 'En bemærkning er lukket for jeres del.',
    sv: 'En iakttagelse har avslutats för er del.',
    en: 'A finding has been closed for your part.',
  },
  'mail.kind.findingReopened': { da: 'Bemærkning genåbnet', sv: 'Iakttagelse återöppnad', en: 'Finding reopened' },
  'mail.body.findingReopened': {
    da: 'En bemærkning er genåbnet for jeres del.',
    sv: 'En iakttagelse har återöppnats för er del.',
    en: 'A finding has been reopened for your part.',
  },
  'mail.kind.matchingRunFinished': { da: 'Afstemningskørsel færdig', sv: 'Avstämningskörning klar', en: 'Matching run finished' },
  'mail.body.matchingRunFinished': {
    da: 'En afstemningskørsel er færdig, og resultatet kan ses.',
    sv: 'En avstämningskörning är klar och resultatet kan visas.',
    en: 'A matching run has finished and its result is ready.',
  },
  'mail.kind.matchingRunFailed': { da: 'Afstemningskørsel fejlede', sv: 'Avstämningskörning misslyckades', en: 'Matching run failed' },
  'mail.body.matchingRunFailed': {
    da: 'En afstemningskørsel fejlede. Se årsagen i Tilsyn.',
    sv: 'En avstämningskörning misslyckades. Se orsaken i Tilsyn.',
    en: 'A matching run failed. See the reason in Tilsyn.',
  },

  /** What a notification concerns, from the params it has: `findingNumber`, `departmentName`, `roundName`. */
  'mail.context.finding': { da: 'Bemærkning {findingNumber}', sv: 'Iakttagelse {findingNumber}', en: 'Finding {findingNumber}' },
  'mail.context.department': { da: 'Forvaltning: {departmentName}', sv: 'Förvaltning: {departmentName}', en: 'Department: {departmentName}' },
  'mail.context.round': { da: 'Runde: {roundName}', sv: 'Omgång: {roundName}', en: 'Round: {roundName}' },
  'mail.due': { da: 'Frist: {date}', sv: 'Tidsfrist: {date}', en: 'Due: {date}' },
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
