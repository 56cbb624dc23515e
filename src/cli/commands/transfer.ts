import fs from 'node:fs';
import { exportDocument, importDocument, serializeExport } from '../../server/modules/transfer/transfer.js';
import { withDatabase, type Command } from '../command.js';

/** A file's text, or standard input for "-". */
function readInput(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read ${file}: ${(err as Error).message}`);
  }
}

export const exportCommand: Command = {
  name: 'export',
  help: `Usage: tilsyn export <file.json | -> [--municipality <slug>]

Writes every row of every municipality (or of one) as a versioned JSON document: ids,
versions, timestamps, evidence files (base64) and the change log included. The same data
always gives the same bytes, so exports can be compared and kept in version control.
"-" writes to standard output.

Options:
  --municipality <slug>   export only this municipality`,
  options: { municipality: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(values, [file]) {
    const municipality = values.municipality as string | undefined;
    const doc = await withDatabase((engine) => exportDocument(engine.db, municipality === undefined ? {} : { municipality }));
    const text = serializeExport(doc);
    if (file === '-') process.stdout.write(text);
    else fs.writeFileSync(file!, text);
    const slugs = doc.municipalities.map((m) => m.municipality.slug).join(', ') || 'none';
    const count = doc.municipalities.length === 1 ? '1 municipality' : `${doc.municipalities.length} municipalities`;
    process.stderr.write(`Exported ${count} (${slugs}) to ${file === '-' ? 'standard output' : file}\n`);
    return 0;
  },
};

export const importCommand: Command = {
  name: 'import',
  help: `Usage: tilsyn import <file.json | ->

Loads an export into this database in one transaction, keeping ids, versions, timestamps and
the change log. The export must come from the same database schema version. Municipalities
this database already has (same id or slug) are refused; on any error nothing is imported.
"-" reads standard input.`,
  options: {},
  positionals: { min: 1, max: 1 },
  async run(_values, [file]) {
    const text = readInput(file!);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const result = await withDatabase((engine) => importDocument(engine.db, doc));
    process.stderr.write(`Imported ${result.municipalities.join(', ') || 'no municipalities'} (${result.rows} rows)\n`);
    return 0;
  },
};
