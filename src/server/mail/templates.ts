import type { Locale, Vocabulary } from '../../domain/i18n.js';
import type { NotificationKind } from '../db/schema/values.js';
import { renderMessage } from '../i18n/messages.js';
import { notificationText, type NotificationText } from '../modules/notifications/texts.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One notification as the templates see it: only what its row carries (never a confidential finding's title). */
export interface MailItem {
  kind: NotificationKind;
  params: Record<string, string | number | null>;
  /** Absolute URL into the app. */
  url: string;
  dueOn: string | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text into HTML text or a quoted attribute. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * A notification's words, the same as in the app's notification centre (one catalogue:
 * i18n/messages/notifications.ts), with its row's due date for the reminders, whose params have none.
 */
const wordsOf = (locale: Locale, vocabulary: Vocabulary, item: MailItem): NotificationText =>
  notificationText(locale, item.kind, item.params, vocabulary, item.dueOn);

function page(locale: Locale, municipality: string, content: string, unsubscribe: { url: string; label: string } | null): string {
  const footer = escapeHtml(renderMessage(locale, 'mail.footer', { municipality }));
  const unsub = unsubscribe ? `<br><a href="${escapeHtml(unsubscribe.url)}" style="color:#1f4e79">${escapeHtml(unsubscribe.label)}</a>` : '';
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>`,
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">',
    `<p style="margin:0 0 8px;color:#4a4a4a;font-size:14px">${escapeHtml(municipality)}</p>`,
    content,
    `<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0 8px"><p style="margin:0;color:#4a4a4a;font-size:13px">${footer}${unsub}</p>`,
    '</body></html>',
  ].join('\n');
}

const button = (url: string, label: string) =>
  `<p style="margin:16px 0"><a href="${escapeHtml(url)}" style="display:inline-block;padding:8px 16px;background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(label)}</a></p>`;

/**
 * The mail of one notification, in the recipient's language and the municipality's vocabulary:
 * the title as subject and heading, and the sentence, which already names the finding, department,
 * round and due date the params carry.
 */
export function renderNotificationMail(opts: {
  locale: Locale;
  vocabulary: Vocabulary;
  municipality: string;
  item: MailItem;
  unsubscribeUrl: string | null;
}): RenderedMail {
  const { locale, municipality, item } = opts;
  const words = wordsOf(locale, opts.vocabulary, item);
  const open = renderMessage(locale, 'mail.open');
  const unsubscribeLabel = renderMessage(locale, 'mail.unsubscribe');
  const text = [
    municipality,
    '',
    words.title,
    '',
    words.body,
    '',
    `${open}: ${item.url}`,
    '',
    '-- ',
    renderMessage(locale, 'mail.footer', { municipality }),
    ...(opts.unsubscribeUrl ? [`${unsubscribeLabel}: ${opts.unsubscribeUrl}`] : []),
  ].join('\n');
  const content = [
    `<h1 style="margin:0 0 12px;font-size:22px">${escapeHtml(words.title)}</h1>`,
    `<p style="margin:0 0 8px">${escapeHtml(words.body)}</p>`,
    button(item.url, open),
  ].join('\n');
  return {
    subject: `${words.title} – ${municipality}`,
    text,
    html: page(locale, municipality, content, opts.unsubscribeUrl ? { url: opts.unsubscribeUrl, label: unsubscribeLabel } : null),
  };
}

/** One mail listing a person's gathered notifications, oldest first: each one's title, sentence and link. */
export function renderDigestMail(opts: {
  locale: Locale;
  vocabulary: Vocabulary;
  municipality: string;
  frequency: 'daily' | 'weekly';
  items: MailItem[];
  unsubscribeUrl: string | null;
}): RenderedMail {
  const { locale, municipality, items } = opts;
  const count = items.length;
  const words = items.map((item) => ({ item, ...wordsOf(locale, opts.vocabulary, item) }));
  const subject = renderMessage(locale, 'mail.digest.subject', { count, frequency: opts.frequency });
  const intro = renderMessage(locale, 'mail.digest.intro', { count });
  const unsubscribeLabel = renderMessage(locale, 'mail.unsubscribeDigest');
  const text = [
    municipality,
    '',
    intro,
    '',
    ...words.flatMap((w) => [`* ${w.title}`, `  ${w.body}`, `  ${w.item.url}`, '']),
    '-- ',
    renderMessage(locale, 'mail.footer', { municipality }),
    ...(opts.unsubscribeUrl ? [`${unsubscribeLabel}: ${opts.unsubscribeUrl}`] : []),
  ].join('\n');
  const list = words
    .map(
      (w) =>
        `<li style="margin:0 0 12px"><a href="${escapeHtml(w.item.url)}" style="color:#1f4e79">${escapeHtml(w.title)}</a>` +
        `<br><span style="color:#4a4a4a;font-size:14px">${escapeHtml(w.body)}</span>` +
        '</li>',
    )
    .join('\n');
  const content = `<h1 style="margin:0 0 12px;font-size:22px">${escapeHtml(subject)}</h1>\n<p>${escapeHtml(intro)}</p>\n<ul style="padding-left:20px">\n${list}\n</ul>`;
  return { subject, text, html: page(locale, municipality, content, opts.unsubscribeUrl ? { url: opts.unsubscribeUrl, label: unsubscribeLabel } : null) };
}

/** The administrator's test mail. */
export function renderTestMail(opts: { locale: Locale; municipality: string; senderName: string; appUrl: string }): RenderedMail {
  const { locale, municipality } = opts;
  const subject = renderMessage(locale, 'mail.test.subject');
  const body = renderMessage(locale, 'mail.test.body', { name: opts.senderName, municipality });
  const open = renderMessage(locale, 'mail.open');
  const text = [municipality, '', subject, '', body, '', `${open}: ${opts.appUrl}`, '', '-- ', renderMessage(locale, 'mail.footer', { municipality })].join(
    '\n',
  );
  const content = `<h1 style="margin:0 0 12px;font-size:22px">${escapeHtml(subject)}</h1>\n<p>${escapeHtml(body)}</p>\n${button(opts.appUrl, open)}`;
  return { subject, text, html: page(locale, municipality, content, null) };
}
