import { clockFromEnv, localDate } from '../server/clock.js';
import { operatorActor, type Actor } from '../server/context.js';

const loadClock = () => clockFromEnv(process.env);
import type { Database } from '../server/db/engine.js';
import { municipalityRepository } from '../server/modules/tenancy/repository.js';
import { UsageError } from './command.js';

/**
 * The CLI acts for the operator of the installation: an administrator of the named municipality
 * without a user id (the audit trail records `via: cli`). Someone with shell access to the server
 * can read the database directly anyway; the CLI adds no power, only convenience.
 */
export async function cliActor(db: Database, slug: string, command: string): Promise<Actor> {
  const m = await municipalityRepository.bySlug(db, slug);
  if (!m) throw new UsageError(`no municipality "${slug}"`, command);
  return operatorActor(m, localDate(loadClock().now(), m.timeZone), 'cli');
}
