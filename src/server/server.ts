import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openEngine, type Engine } from './db/engine.js';
import { startDemoMatchingRuns } from './demo/matching.js';
import { disableDemoSignIn, seedDemoIfEmpty } from './demo/seed.js';
import { bootstrapAdmin } from './modules/access/bootstrap.js';

export interface RunningServer {
  app: FastifyInstance;
  engine: Engine;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database (migrating it), loads the demo if asked and empty, and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const engine = await openEngine({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let built: FastifyInstance | undefined;
  let app: FastifyInstance;
  try {
    const demo = config.demo ? await seedDemoIfEmpty(engine) : (await disableDemoSignIn(engine), { seeded: [] });
    if (config.bootstrapAdmin) await bootstrapAdmin(engine, config.bootstrapAdmin);
    app = built = await buildApp({ engine, config, logger: true });
    const log = app.log;
    // what is due now (reminders, escalations, scheduled rounds) is written before the server
    // listens, not at the periodic job's next minute: a server that was down catches up at once
    await app.services.reminders.checkDue().catch((err: unknown) => log.error({ err }, 'the check of what is due failed; the periodic job tries again'));
    await app.listen({ port: config.port, host: config.host });
    // the demo's matching runs go through the real engine, in the background, at first start
    // (their CPR numbers are stored sealed, so only with an encryption key, as `npm start` sets one)
    if (demo.seeded.length && config.encryptionKey) await startDemoMatchingRuns(engine.db, app.services.matching, demo.seeded);
    else if (demo.seeded.length) app.log.warn('TILSYN_ENCRYPTION_KEY is not set: the demo matching runs were not started');
  } catch (err) {
    // the app's job queue and workers stop before the database closes under them
    await built?.close().catch(() => undefined);
    await engine.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | null = null;
  return {
    app,
    engine,
    url: `http://127.0.0.1:${port}`,
    stop() {
      // Finish in-flight requests, then close the database so the data directory is clean.
      stopping ??= app.close().finally(() => engine.close());
      return stopping;
    },
  };
}

/** SIGINT/SIGTERM close the server and the database cleanly; a second signal forces exit. */
export function stopOnSignals(server: RunningServer): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    server.app.log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
