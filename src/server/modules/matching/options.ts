import type { Clock } from '../../clock.js';
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
}

/** One side's uploaded extract, already on disk (streamed there by the route or copied by the CLI). */
export interface UploadedSource {
  fileName: string;
  path: string;
  bytes: number;
}
