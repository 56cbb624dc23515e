import { loadConfig } from '../../server/config.js';
import { startServer, stopOnSignals } from '../../server/server.js';
import type { Command } from '../command.js';

export const serve: Command = {
  name: 'serve',
  help: `Usage: tilsyn serve

Opens the database (migrating it), loads the demo municipalities into an empty database unless
TILSYN_DEMO=0, and serves the web app and the API until SIGINT or SIGTERM.

Environment:
  PORT              port to listen on (default 8080; 0 picks a free port)
  HOST              address to listen on (default 0.0.0.0)
  DATABASE_URL      PostgreSQL connection string; when unset the embedded PGlite database is used
  TILSYN_DATA_DIR   directory of the embedded database (default ./data)
  TILSYN_DEMO       0 to start without the demo data
  LOG_LEVEL         log level (default info)`,
  options: {},
  positionals: { min: 0, max: 0 },
  async run() {
    stopOnSignals(await startServer(loadConfig()));
    return undefined;
  },
};
