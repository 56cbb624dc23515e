/**
 * Worker thread that reads one side (CSV or XLSX) and transfers its columns back without copying.
 * Both sides of a run are read at once, one worker each.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSide, type ReadSideRequest } from './read-side.js';
import { serializeError } from './errors.js';
import { buffersOf } from './worker-url.js';

const req = workerData as ReadSideRequest;
readSide(req, (bytes, total) => parentPort!.postMessage({ type: 'progress', bytes, total })).then(
  (side) => {
    const c = side.columns;
    parentPort!.postMessage({ type: 'done', side }, buffersOf(c.keyHi, c.keyLo, c.groupHi, c.groupLo, c.amount, c.day, c.line, c.carried, side.offset));
  },
  (e: unknown) => parentPort!.postMessage({ type: 'error', error: serializeError(e) }),
);
