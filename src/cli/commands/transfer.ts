import fs from 'node:fs';
import { loadConfig } from '../../server/config.js';
import { parseDocument } from '../../server/modules/transfer/document.js';
import { readExportDirectory, restoreResultFiles, resultFilesOf, writeExportDirectory, writePrivateFile } from '../../server/modules/transfer/files.js';
import { exportDocument, importDocument, serializeExport } from '../../server/modules/transfer/transfer.js';
import { withDatabase, type Command } from '../command.js';

const isJsonTarget = (target: string) => target === '-' || target.toLowerCase().endsWith('.json');

/** A file's text, or standard input for "-". */
function readInput(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export const exportCommand: Command = {
  name: 'export',
  help: `Usage: tilsyn export <folder | file.json | -> [--municipality <slug>]

Writes every row of every municipality (or of one) as a versioned JSON document: ids,
versions, timestamps, evidence files (base64) and the change log included. The same data
always gives the same bytes, so exports can be compared and kept in version control.

A folder (new or empty) gets export.json and the matching runs' results files
(matching/<municipality>/<run>/), so that a move loses nothing. A file.json, or "-" for
standard output, holds the JSON alone.

The export holds password hashes, sealed CPR numbers and confidential findings: the folder
is made 0700 and its files 0600 (a file.json too). Keep it as you keep the database.

Options:
  --municipality <slug>   export only this municipality`,
  options: { municipality: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(values, [file]) {
    const municipality = values.municipality as string | undefined;
    const doc = await withDatabase((engine) => exportDocument(engine.db, municipality === undefined ? {} : { municipality }));
    const text = serializeExport(doc);
    const { dataDir } = loadConfig();
    const slugs = doc.municipalities.map((m) => m.municipality.slug).join(', ') || 'none';
    const count = doc.municipalities.length === 1 ? '1 municipality' : `${doc.municipalities.length} municipalities`;
    if (isJsonTarget(file!)) {
      if (file === '-') process.stdout.write(text);
      else writePrivateFile(file!, text);
      process.stderr.write(`Exported ${count} (${slugs}) to ${file === '-' ? 'standard output' : file}\n`);
      const left = resultFilesOf(doc, dataDir).length;
      if (left) process.stderr.write(`Not in a JSON file: ${left} results files of matching runs. Export to a folder to carry them.\n`);
      return 0;
    }
    const { files } = writeExportDirectory(file!, text, doc, dataDir);
    process.stderr.write(`Exported ${count} (${slugs}) to ${file} (export.json and ${files === 1 ? '1 results file' : `${files} results files`})\n`);
    return 0;
  },
};

export const importCommand: Command = {
  name: 'import',
  help: `Usage: tilsyn import <folder | file.json | ->

Loads an export into this database in one transaction, keeping ids, versions, timestamps and
the change log. The export must come from the same database schema version. Municipalities
this database already has (same id or slug) are refused; on any error nothing is imported.
From an export folder, the matching runs' results files are then copied into the data
directory. "-" reads standard input.`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run(_values, [file]) {
    const folder = file !== '-' && fs.existsSync(file!) && fs.statSync(file!).isDirectory();
    const text = folder ? readExportDirectory(file!) : readInput(file!);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
    const result = await withDatabase((engine) => importDocument(engine.db, doc));
    let carried = '';
    if (folder) {
      const { files } = restoreResultFiles(file!, parseDocument(doc), loadConfig().dataDir);
      carried = `, ${files === 1 ? '1 results file' : `${files} results files`}`;
    }
    process.stderr.write(`Imported ${result.municipalities.join(', ') || 'no municipalities'} (${result.rows} rows${carried})\n`);
    return 0;
  },
};
