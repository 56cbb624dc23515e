import type { Clock } from '../../clock.js';
import type { Actor } from '../../context.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import type { BalanceService } from '../balance/service.js';

export interface MatchingOptions {
  /** Uploaded extracts and results files live under `<dataDir>/matching/<municipality>/<run>/`. */
  dataDir: string;
  /** Seals the CPR numbers of stored items; without it a system with a CPR column cannot run. */
  secretBox: SecretBox | null;
  balance: BalanceService;
  /** The server's clock: a run's start and finish and a decision's time. */
  clock: Clock;
  /** The actor a queued run is stored as: the user who started it (null when that user is gone). */
  actorOf(mid: string, userId: string): Promise<Actor | null>;
  /**
   * The job queue runs go through (pg-boss; the server's): null runs them in this process, one at a
   * time, as the CLI does.
   */
  dispatch: ((mid: string, runId: string) => Promise<void>) | null;
  /** This process, as written on the runs it executes. */
  workerId: string;
  /** A running run whose heartbeat is older than this belongs to a server that died (default 30). */
  staleSeconds: number;
}

/** One side's uploaded extract, already on disk (streamed there by the route or copied by the CLI). */
export interface UploadedSource {
  fileName: string;
  path: string;
  bytes: number;
}
