import fs from 'node:fs';
import path from 'node:path';
import type { ExportDocument } from './document.js';
import { TransferError } from './document.js';

/**
 * The files an export carries beside its JSON: the matching runs' results files (the rows are not
 * in the database, only in `<data dir>/matching/<municipality>/<run>/`). An export directory holds
 * `export.json` and `matching/<municipality>/<run>/<file>`, the same layout as the data directory.
 *
 * Everything written is for the operator's eyes only: the export holds password hashes, sealed
 * CPR numbers and confidential findings. Folders are 0700 and files 0600.
 */

export const EXPORT_JSON = 'export.json';
const RESULT_FILE = /^(matched|unmatched-left|unmatched-right)\.csv$/;
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** A folder only its owner can enter, created if missing; an existing one is narrowed to 0700. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  fs.chmodSync(dir, DIR_MODE);
}

/** A file only its owner can read; an existing file is narrowed before anything is written into it. */
export function writePrivateFile(file: string, data: string | Buffer): void {
  const fd = fs.openSync(file, 'w', FILE_MODE);
  try {
    fs.fchmodSync(fd, FILE_MODE);
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

/** The matching runs of a document, as (municipality id, run id). */
function runsOf(doc: ExportDocument): { mid: string; runId: string }[] {
  return doc.municipalities.flatMap((m) => (m.matchingRuns ?? []).map((r) => ({ mid: String(m.municipality.id), runId: String(r.id) })));
}

/** The results files the data directory holds for the document's runs, relative to `<data dir>/matching`. */
export function resultFilesOf(doc: ExportDocument, dataDir: string): string[] {
  const out: string[] = [];
  for (const { mid, runId } of runsOf(doc)) {
    const dir = path.join(dataDir, 'matching', mid, runId);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) if (RESULT_FILE.test(name)) out.push(path.join(mid, runId, name));
  }
  return out;
}

/** Copies files between two `matching` folders, private on arrival. */
function copyResults(files: string[], fromRoot: string, toRoot: string): void {
  for (const rel of files) {
    const target = path.join(toRoot, rel);
    privateDir(path.dirname(target));
    fs.copyFileSync(path.join(fromRoot, rel), target);
    fs.chmodSync(target, FILE_MODE);
  }
}

/** Writes an export directory: refuses a folder that already holds something, so nothing is mixed or overwritten. */
export function writeExportDirectory(target: string, json: string, doc: ExportDocument, dataDir: string): { files: number } {
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new TransferError(`${target} exists and is not an empty folder; export into a new folder.`);
  }
  privateDir(target);
  writePrivateFile(path.join(target, EXPORT_JSON), json);
  const files = resultFilesOf(doc, dataDir);
  copyResults(files, path.join(dataDir, 'matching'), path.join(target, 'matching'));
  return { files: files.length };
}

/** The JSON text of an export directory. */
export function readExportDirectory(source: string): string {
  const file = path.join(source, EXPORT_JSON);
  if (!fs.existsSync(file)) throw new TransferError(`${source} is a folder without ${EXPORT_JSON}: not a Tilsyn export folder.`);
  return fs.readFileSync(file, 'utf8');
}

/** After an import: the imported runs' results files from the export folder into the data directory. */
export function restoreResultFiles(source: string, doc: ExportDocument, dataDir: string): { files: number } {
  const files = resultFilesOf(doc, source);
  copyResults(files, path.join(source, 'matching'), path.join(dataDir, 'matching'));
  return { files: files.length };
}
