import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import type { Params } from '../../i18n/catalogue.js';
import { renderMessage, type MessageCode } from '../../i18n/messages.js';
import type { NotificationKind } from '../../db/schema/values.js';
import type { notificationsMessages } from '../../i18n/messages/notifications.js';

/**
 * The params a notification may carry (all optional; a text leaves out what is absent), as the
 * writers write them (events.ts, reminders/due.ts, matching/execution.ts):
 * - `findingNumber`, `findingYear`, `findingTitle`: the finding; the title only when the finding
 *   is not confidential (the writers decide; nothing here can tell);
 * - `departmentName`, and its code as `department` (events) or `departmentCode` (reminders);
 * - `dueOn` (YYYY-MM-DD; the reminders keep it on the row only, see `notificationText`);
 *   `revision` (a plan's); `roundName`; `measureNumber`; `days` (until due);
 * - reminders and escalations: `about` ('plan' | 'round' | 'measure' | 'answer'), `answerKind`,
 *   `daysOverdue`, and `on`, `step`, `level`, `headName` (bookkeeping no text shows);
 * - a matching run: `system` (code), `period` (YYYY-MM), `differenceOre` (integer øre).
 */
export type NotificationParams = Record<string, string | number | null>;

/** The text of a notification, in the reader's language: a title (the mail's subject) and one sentence. */
export interface NotificationText {
  title: string;
  body: string;
}

/**
 * Renders a notification's title and body from the server catalogue
 * (i18n/messages/notifications.ts): the one text of a notification, in the app's notification
 * centre and in its mail. `vocabulary` is the municipality's (a Swedish one's finding is an
 * "iakttagelse"); the Danish one when not given. `dueOn` is the notification's own due date (its
 * row's), said when the params carry none: the reminders write it there only.
 */
export function notificationText(
  locale: Locale,
  kind: NotificationKind,
  params: NotificationParams,
  vocabulary: Vocabulary = 'DK',
  dueOn: string | null = null,
): NotificationText {
  const filled: Params = dueOn ? { vocabulary, dueOn } : { vocabulary };
  for (const [key, value] of Object.entries(params)) if (typeof value === 'string' || typeof value === 'number') filled[key] = value;
  return {
    title: renderMessage(locale, `notifications.${kind}.title` as MessageCode, filled),
    body: renderMessage(locale, `notifications.${kind}.body` as MessageCode, filled),
  };
}

// Every kind has its title and body in the catalogue: a kind added to values.ts without its texts is a type error here.
type TextCode = `notifications.${NotificationKind}.${'title' | 'body'}`;
const _complete: Record<TextCode, unknown> = {} as Pick<typeof notificationsMessages, TextCode>;
void _complete;
