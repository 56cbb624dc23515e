import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

// As in global-setup.ts, repeated here because the build (tsconfig.build.json) compiles this file
// for src/e2e/browser.ts without global-setup.ts.
declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Makes `dataDir` an embedded database that is already migrated, by unpacking the run's template
 * (the PGlite data directory global-setup.ts migrated once) into `dataDir/pgdata`, where the server
 * and the CLI look. Creating and migrating a new directory costs every process that does it many
 * seconds; tests about that first run use an empty directory instead. Unpacked with tar, which
 * needs no PGlite start (PGlite's loadDataDir does).
 */
export function unpackTemplate(dataDir: string): string {
  const pgdata = path.join(dataDir, 'pgdata');
  fs.mkdirSync(pgdata, { recursive: true });
  execFileSync('tar', ['-xzf', inject('pgliteTemplate'), '-C', pgdata], { stdio: ['ignore', 'ignore', 'pipe'] });
  return dataDir;
}
