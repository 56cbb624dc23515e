import type { Locale } from '../../../domain/i18n.js';
import { defineMessages, type Params } from '../catalogue.js';

/** A size in MB in the reader's way of writing numbers (2,5 / 2.5). */
const mb = (locale: Locale, p: Params) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(p.limitMb));

/** The messages of the attachments module (codes 'attachments.…'). */
export const attachmentsMessages = defineMessages({
  'attachments.sendAsMultipart': {
    da: 'Send filen som multipart/form-data i feltet "file"',
    sv: 'Skicka filen som multipart/form-data i fältet "file"',
    en: 'Send the file as multipart/form-data in the field "file"',
  },
  'attachments.tooLarge': {
    da: (p) => `Filen er større end ${mb('da', p)} MB`,
    sv: (p) => `Filen är större än ${mb('sv', p)} MB`,
    en: (p) => `The file is larger than ${mb('en', p)} MB`,
  },
  'attachments.empty': { da: 'Filen er tom', sv: 'Filen är tom', en: 'The file is empty' },
  'attachments.contentType': {
    da: 'Filens indhold, endelse og type skal passe sammen og være en af: {allowed}',
    sv: 'Filens innehåll, ändelse och typ måste stämma överens och vara en av: {allowed}',
    en: "The file's content, extension and type must agree and be one of: {allowed}",
  },
  'attachments.submissionLocked': {
    da: 'Besvarelsen er godkendt; dens dokumentation kan ikke ændres',
    sv: 'Svaret är godkänt; dess underlag kan inte ändras',
    en: 'The submission is accepted; its evidence cannot change',
  },
  'attachments.notAuthor': {
    da: 'Kun forfatteren kan ændre en kommentar',
    sv: 'Bara författaren kan ändra en kommentar',
    en: 'Only its author can change a comment',
  },
});
