import type { Database } from './db/engine.js';
import { createFindingService } from './modules/findings/service.js';
import { createTenancyService } from './modules/tenancy/service.js';

export interface ServiceOptions {
  maxEvidenceBytes: number;
}

/** One service per domain, each built from the database and its typed dependencies. */
export function createServices(db: Database, _opts: ServiceOptions) {
  return {
    tenancy: createTenancyService(db),
    findings: createFindingService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
