import { loadConfig } from './config.js';
import { DataDirLockedError } from './db/lock.js';
import { startServer, stopOnSignals } from './server.js';

try {
  const server = await startServer(loadConfig());
  stopOnSignals(server);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(`tilsyn: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
}
