import { defineMessages } from '../catalogue.js';

/** The messages of the reminders module (codes 'reminders.…'): its settings, round schedules and department heads. */
export const remindersMessages = defineMessages({
  'reminders.chainRepeats': {
    da: 'Et trin kan kun stå én gang i eskaleringskæden',
    sv: 'Ett steg kan bara finnas en gång i eskaleringskedjan',
    en: 'A step can appear only once in the escalation chain',
  },
  'reminders.openingDay': {
    da: '{value} er ikke en dag i året (MM-DD, fx 02-01; ikke 29. februar)',
    sv: '{value} är inte en dag på året (MM-DD, t.ex. 02-01; inte 29 februari)',
    en: '{value} is not a day of the year (MM-DD, e.g. 02-01; not 29 February)',
  },
  'reminders.openingMonthTwice': {
    da: 'To åbningsdage i samme måned ville give to runder med samme navn',
    sv: 'Två öppningsdagar i samma månad skulle ge två omgångar med samma namn',
    en: 'Two opening days in one month would give two rounds of the same name',
  },
  'reminders.scheduleNameTaken': {
    da: 'Der findes allerede en planlagt runde med navnet {name}',
    sv: 'Det finns redan en schemalagd omgång med namnet {name}',
    en: 'A scheduled round named {name} already exists',
  },
  'reminders.headUserUnknown': {
    da: 'Ukendt eller inaktiv bruger som forvaltningschef',
    sv: 'Okänd eller inaktiv användare som förvaltningschef',
    en: 'Unknown or inactive user as head of department',
  },
});
