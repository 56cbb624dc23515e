import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import type { Params } from '../../i18n/catalogue.js';
import { renderMessage, type MessageCode } from '../../i18n/messages.js';
import type { NotificationKind } from '../../db/schema/values.js';
import type { notificationsMessages } from '../../i18n/messages/notifications.js';

/**
 * The params a notification may carry (all optional; a text leaves out what is absent):
 * - `findingNumber`, `findingYear`, `findingTitle`: the finding; the title only when the finding
 *   is not confidential (events.ts decides; nothing here can tell);
 * - `department` (code), `departmentName`; `dueOn` (YYYY-MM-DD); `revision` (a plan's);
 * - `roundName`; `measureNumber`; `days` (until due), `daysOverdue`;
 * - `system`, `period`, `unmatched` (a matching run).
 */
export type NotificationParams = Record<string, string | number | null>;

/** The text of a notification, in the reader's language: a title (the mail's subject) and one sentence. */
export interface NotificationText {
  title: string;
  body: string;
}

/**
 * Renders a notification's title and body from the server catalogue
 * (i18n/messages/notifications.ts). `vocabulary` is the municipality's (a Swedish one's finding
 * is an "iakttagelse"); the Danish one when not given.
 */
export function notificationText(locale: Locale, kind: NotificationKind, params: NotificationParams, vocabulary: Vocabulary = 'DK'): NotificationText {
  const filled: Params = { vocabulary };
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined) filled[key] = value;
  return {
    title: renderMessage(locale, `notifications.${kind}.title` as MessageCode, filled),
    body: renderMessage(locale, `notifications.${kind}.body` as MessageCode, filled),
  };
}

// Every kind has its title and body in the catalogue: a kind added to values.ts without its texts is a type error here.
type TextCode = `notifications.${NotificationKind}.${'title' | 'body'}`;
const _complete: Record<TextCode, unknown> = {} as Pick<typeof notificationsMessages, TextCode>;
void _complete;
