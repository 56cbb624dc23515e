/** Reading one side by its config's format (shared by the side worker and the in-thread path). */
import type { HashKey } from '../../domain/matching/hash.js';
import type { KeyField } from '../../domain/matching/types.js';
import { fileInput, readCsv, type SideRead } from './csv-reader.js';
import type { SourceConfig } from './source-config.js';
import { readXlsx } from './xlsx-reader.js';

export interface ReadSideRequest {
  path: string;
  config: SourceConfig;
  keyFields: KeyField[];
  groupFields: KeyField[];
  hashKey: HashKey;
  chunkSize?: number;
}

export async function readSide(req: ReadSideRequest, onProgress?: (bytes: number, total: number | undefined) => void, signal?: AbortSignal): Promise<SideRead> {
  const opts = {
    keyFields: req.keyFields,
    groupFields: req.groupFields,
    hashKey: req.hashKey,
    ...(req.chunkSize !== undefined ? { chunkSize: req.chunkSize } : {}),
    ...(onProgress ? { onProgress } : {}),
    ...(signal ? { signal } : {}),
  };
  if (req.config.format === 'xlsx') return readXlsx(req.path, req.config, opts);
  return readCsv(fileInput(req.path), req.config, opts);
}
