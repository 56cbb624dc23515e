import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.js';

/** One message as the templates made it, to one recipient. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The recipient's language, sent as Content-Language. */
  language: string;
  /** RFC 8058 one-click unsubscribe URL; null for mail nobody subscribed to (a test mail, an address without account). */
  unsubscribeUrl: string | null;
}

export interface Mailer {
  /** The sender as configured, for the admin page. */
  readonly from: string;
  readonly replyTo: string | null;
  /** Hands the message to the SMTP server; rejects when it refuses it or cannot be reached. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** SMTP through nodemailer, or null when TILSYN_SMTP_URL is unset (mail off: notifications stay in the app). */
export function createMailer(config: Pick<MailConfig, 'smtpUrl' | 'from' | 'replyTo'>): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    // bounded, because a message is sent while its outbox row is locked
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    from: config.from,
    replyTo: config.replyTo,
    async send(mail) {
      const headers: Record<string, string> = { 'Content-Language': mail.language };
      if (mail.unsubscribeUrl) {
        headers['List-Unsubscribe'] = `<${mail.unsubscribeUrl}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      const info = await transport.sendMail({
        from: config.from,
        ...(config.replyTo ? { replyTo: config.replyTo } : {}),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers,
      });
      return { messageId: String(info.messageId ?? '') };
    },
    close() {
      transport.close();
    },
  };
}
