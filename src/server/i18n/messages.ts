import type { Locale } from '../../domain/i18n.js';
import { type Params, renderEntry } from './catalogue.js';
import { httpMessages } from './messages/http.js';
import { plansMessages } from './messages/plans.js';
import { findingsMessages } from './messages/findings.js';
import { roundsMessages } from './messages/rounds.js';
import { overviewMessages } from './messages/overview.js';
import { balanceMessages } from './messages/balance.js';
import { balanceImportMessages } from './messages/balance-import.js';
import { balanceReportMessages } from './messages/balance-report.js';
import { riskMessages } from './messages/risk.js';
import { matchingMessages } from './messages/matching.js';
import { authMessages } from './messages/auth.js';
import { accessMessages } from './messages/access.js';
import { tenancyMessages } from './messages/tenancy.js';
import { attachmentsMessages } from './messages/attachments.js';
import { importsMessages } from './messages/imports.js';
import { uploadsMessages } from './messages/uploads.js';
import { importsColumnsMessages } from './messages/imports-columns.js';
import { calendarMessages } from './messages/calendar.js';
import { notificationsMessages } from './messages/notifications.js';
import { mailMessages } from './messages/mail.js';
import { remindersMessages } from './messages/reminders.js';

/**
 * The server's catalogue of messages (problem details, field errors, texts services return), one
 * file per area in i18n/messages/. Services name a message by its code with params; the HTTP
 * layer renders it in the caller's language, so no service writes prose.
 */
export const messages = {
  ...httpMessages,
  ...plansMessages,
  ...findingsMessages,
  ...roundsMessages,
  ...overviewMessages,
  ...balanceMessages,
  ...balanceImportMessages,
  ...balanceReportMessages,
  ...riskMessages,
  ...matchingMessages,
  ...authMessages,
  ...accessMessages,
  ...tenancyMessages,
  ...attachmentsMessages,
  ...importsMessages,
  ...uploadsMessages,
  ...importsColumnsMessages,
  ...calendarMessages,
  ...notificationsMessages,
  ...mailMessages,
  ...remindersMessages,
};

export type MessageCode = keyof typeof messages;

export function renderMessage(locale: Locale, code: MessageCode, params: Params = {}): string {
  return renderEntry(messages[code], locale, params);
}
