import type { Clock } from './clock.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { AuthOptions } from './modules/auth/service.js';
import type { MailSetup } from './mail/runtime.js';

/** What the services are built with (services.ts); apart from it so that a service can name it without importing every other. */
export interface ServiceOptions {
  maxEvidenceBytes: number;
  auth: AuthOptions;
  dataDir: string;
  secretBox: SecretBox | null;
  /** The one clock: services take "now" from it and "today" from the actor (the municipality's local date). */
  clock: Clock;
  /** E-mail sending (mail/runtime.ts); without it mail is off. */
  mail?: MailSetup;
}
