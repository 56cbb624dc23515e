import type { Locale } from '../../domain/i18n.js';
import { type Params, renderEntry } from './catalogue.js';
import { httpMessages } from './messages/http.js';

/**
 * The server's catalogue of messages (problem details, field errors, texts services return), one
 * file per area in i18n/messages/. Services name a message by its code with params; the HTTP
 * layer renders it in the caller's language, so no service writes prose.
 */
export const messages = {
  ...httpMessages,
};

export type MessageCode = keyof typeof messages;

export function renderMessage(locale: Locale, code: MessageCode, params: Params = {}): string {
  return renderEntry(messages[code], locale, params);
}
