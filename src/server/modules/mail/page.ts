import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import type { NotificationKind } from '../../db/schema/values.js';
import { renderMessage } from '../../i18n/messages.js';
import { escapeHtml } from '../../mail/templates.js';
import type { UnsubscribeScope } from '../../mail/unsubscribe.js';
import { notificationText } from '../notifications/texts.js';

/**
 * The unsubscribe pages: plain server-rendered HTML (no sign-in, no script), in the person's
 * language. The one style block carries the response's CSP nonce.
 */
function layout(locale: Locale, nonce: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Tilsyn</title>
<style nonce="${escapeHtml(nonce)}">
body{font-family:system-ui,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff;margin:0;padding:2rem 1rem}
main{max-width:36rem;margin:0 auto}
button{font:inherit;padding:.5rem 1rem;background:#1f4e79;color:#fff;border:2px solid #1f4e79;border-radius:4px;cursor:pointer}
button:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.muted{color:#4a4a4a}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

/** A kind by its notification's title without params ("Handleplan ønskes"): the words its mails had as subject. */
const kindLabel = (locale: Locale, vocabulary: Vocabulary, kind: NotificationKind) => notificationText(locale, kind, {}, vocabulary).title;

/** The question and a button that POSTs to the same link. */
export function confirmPage(opts: {
  locale: Locale;
  vocabulary: Vocabulary;
  nonce: string;
  action: string;
  kind: UnsubscribeScope;
  municipality: string;
  email: string;
}): string {
  const { locale } = opts;
  const question =
    opts.kind === 'digest'
      ? renderMessage(locale, 'mail.unsubscribePage.questionDigest')
      : renderMessage(locale, 'mail.unsubscribePage.question', { kind: kindLabel(locale, opts.vocabulary, opts.kind) });
  return layout(
    locale,
    opts.nonce,
    renderMessage(locale, 'mail.unsubscribePage.title'),
    `<p class="muted">${escapeHtml(opts.municipality)} · ${escapeHtml(opts.email)}</p>
<p>${escapeHtml(question)}</p>
<form method="post" action="${escapeHtml(opts.action)}">
<button type="submit">${escapeHtml(renderMessage(locale, 'mail.unsubscribePage.confirm'))}</button>
</form>`,
  );
}

export function donePage(opts: { locale: Locale; nonce: string }): string {
  return layout(
    opts.locale,
    opts.nonce,
    renderMessage(opts.locale, 'mail.unsubscribePage.title'),
    `<p role="status">${escapeHtml(renderMessage(opts.locale, 'mail.unsubscribePage.done'))}</p>`,
  );
}

export function invalidPage(opts: { locale: Locale; nonce: string }): string {
  return layout(
    opts.locale,
    opts.nonce,
    renderMessage(opts.locale, 'mail.unsubscribePage.title'),
    `<p role="alert">${escapeHtml(renderMessage(opts.locale, 'mail.unsubscribePage.invalid'))}</p>`,
  );
}
