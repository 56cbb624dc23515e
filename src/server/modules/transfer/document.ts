import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { migrationsFolder } from '../../db/engine.js';
import { municipalTables, municipalityTable, type MunicipalTableName } from './tables.js';

/**
 * The export document: every row of one or more municipalities, versioned twice: by its own
 * format and by the database schema (the latest migration) it was taken from. It holds no export
 * timestamp, so exporting the same data always gives the same bytes.
 */
export const exportFormat = 'tilsyn-export';
export const exportFormatVersion = 1;

export type ExportRow = Record<string, unknown>;
export type MunicipalityExport = { municipality: ExportRow } & Record<MunicipalTableName, ExportRow[]>;

export interface ExportDocument {
  format: typeof exportFormat;
  formatVersion: typeof exportFormatVersion;
  schemaVersion: string;
  municipalities: MunicipalityExport[];
}

/** An expected failure of an export or import (bad document, existing municipality): no stack needed. */
export class TransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferError';
  }
}

let latestMigration: string | undefined;

/** The tag of the newest migration: the schema this code runs and the database is migrated to. */
export function currentSchemaVersion(): string {
  if (latestMigration === undefined) {
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const last = journal.entries.at(-1);
    if (!last) throw new Error('The migration journal has no entries');
    latestMigration = last.tag;
  }
  return latestMigration;
}

const header = z.object({
  format: z.literal(exportFormat, { error: `Not a Tilsyn export: "format" must be "${exportFormat}"` }),
  formatVersion: z.literal(exportFormatVersion, { error: `Unsupported export format version: this Tilsyn reads version ${exportFormatVersion}` }),
  schemaVersion: z.string(),
});

const municipalityExport = z.strictObject({
  municipality: municipalityTable.rowSchema,
  ...Object.fromEntries(municipalTables.map((t) => [t.name, z.array(t.rowSchema)])),
});

const documentSchema = z.strictObject({ ...header.shape, municipalities: z.array(municipalityExport) });

function describeIssues(error: z.ZodError, limit = 10): string {
  const lines = error.issues.slice(0, limit).map((issue) => `  ${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`);
  if (error.issues.length > limit) lines.push(`  … and ${error.issues.length - limit} more`);
  return lines.join('\n');
}

/**
 * Checks a parsed JSON value is an export this code can import: the format and versions first
 * (with a message saying which), then the shape of every row, then that every row belongs to
 * the municipality it is listed under and no municipality appears twice.
 */
export function parseDocument(input: unknown): ExportDocument {
  const head = header.safeParse(input);
  if (!head.success) throw new TransferError(`Invalid export document:\n${describeIssues(head.error)}`);
  if (head.data.schemaVersion !== currentSchemaVersion()) {
    throw new TransferError(
      `The export was taken from database schema "${head.data.schemaVersion}", but this Tilsyn runs schema "${currentSchemaVersion()}". ` +
        `Import it with the Tilsyn version that exported it, or export it again from an up-to-date installation.`,
    );
  }
  const parsed = documentSchema.safeParse(input);
  if (!parsed.success) throw new TransferError(`Invalid export document:\n${describeIssues(parsed.error)}`);
  const doc = parsed.data as unknown as ExportDocument;

  const seen = new Set<unknown>();
  for (const [i, entry] of doc.municipalities.entries()) {
    const { id, slug } = entry.municipality;
    for (const key of [id, slug]) {
      if (seen.has(key)) throw new TransferError(`Invalid export document: municipality "${String(slug)}" appears more than once`);
      seen.add(key);
    }
    for (const t of municipalTables) {
      const row = entry[t.name].findIndex((r) => r[t.tenant.key] !== id);
      if (row >= 0)
        throw new TransferError(`Invalid export document: municipalities.${i}.${t.name}.${row} belongs to another municipality than "${String(slug)}"`);
    }
  }
  return doc;
}
