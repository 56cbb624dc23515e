import type { Database } from '../../db/engine.js';
import type { ServiceOptions } from '../../services.js';

export function createPlansService(_db: Database, _opts: ServiceOptions) {
  return {};
}
