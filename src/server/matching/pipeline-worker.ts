/** Worker thread running a whole matching run (see runMatchingInWorker). */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from './errors.js';
import { runMatching, type MatchingInput } from './pipeline.js';

const input = workerData as MatchingInput;
runMatching({ ...input, onProgress: (progress) => parentPort!.postMessage({ type: 'progress', progress }) }).then(
  (outcome) => parentPort!.postMessage({ type: 'done', outcome }),
  (e: unknown) => parentPort!.postMessage({ type: 'error', error: serializeError(e) }),
);
