import type { Clock } from '../clock.js';
import type { MailConfig } from '../config.js';
import type { MailRuntime } from './delivery.js';
import { createMailer } from './transport.js';
import { mailSecret } from './unsubscribe.js';

/** The configured sending side of one server: transport, sender, links and the unsubscribe key. */
export interface MailSetup extends MailRuntime {
  config: MailConfig;
}

/**
 * Builds the mail runtime from the configuration. The unsubscribe key is made on first use, so a
 * server that never mails (tests, the CLI) writes no key file.
 */
export function createMailSetup(opts: { mail: MailConfig; encryptionKey: Buffer | null; dataDir: string; clock: Clock }): MailSetup {
  let secret: Buffer | null = null;
  return {
    config: opts.mail,
    mailer: createMailer(opts.mail),
    clock: opts.clock,
    publicUrl: opts.mail.publicUrl,
    get secret() {
      secret ??= mailSecret({ encryptionKey: opts.encryptionKey, dataDir: opts.dataDir });
      return secret;
    },
  };
}

/** Mail off, links to localhost: what tests and the CLI get unless they configure mail. */
export const mailOff: MailConfig = { smtpUrl: null, from: 'Tilsyn <noreply@localhost>', replyTo: null, publicUrl: 'http://localhost:8080' };
