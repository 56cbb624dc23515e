import type { Clock } from './clock.js';
import type { SecretBox } from './crypto/secret-box.js';
import type { JobSystem } from './jobs/queue.js';
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
  /** The job queue (pg-boss); null in a process without one (the CLI runs matching in-process). */
  jobs: JobSystem | null;
  /** A running matching run whose heartbeat is older than this many seconds is taken over. */
  staleRunSeconds: number;
  /** E-mail sending (mail/runtime.ts); without it mail is off. */
  mail?: MailSetup;
}
