import { and, asc, eq, getTableName, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database, Executor, Transaction } from '../../db/engine.js';
import { municipalities } from '../../db/schema/index.js';
import {
  currentSchemaVersion,
  exportFormat,
  exportFormatVersion,
  parseDocument,
  TransferError,
  type ExportDocument,
  type ExportRow,
  type MunicipalityExport,
} from './document.js';
import { municipalTables, municipalityTable, type TransferTable } from './tables.js';

async function selectRows(ex: Executor, t: TransferTable, where: SQL | undefined): Promise<ExportRow[]> {
  const fields = Object.fromEntries(t.columns.map((c) => [c.key, c.codec.select(c.column)])) as Record<string, PgColumn | SQL>;
  const rows = await ex
    .select(fields)
    .from(t.table)
    .where(where)
    .orderBy(...t.primaryKey.map((c) => asc(c.column)));
  return rows.map((row) => Object.fromEntries(t.columns.map((c) => [c.key, row[c.key] === null ? null : c.codec.toJson(row[c.key])])));
}

/**
 * Every row of every municipality (or of the one with the given slug), read in one consistent
 * snapshot, in primary-key order.
 */
export async function exportDocument(db: Database, opts: { municipality?: string } = {}): Promise<ExportDocument> {
  return db.transaction(
    async (tx) => {
      const heads = await selectRows(tx, municipalityTable, opts.municipality === undefined ? undefined : eq(municipalities.slug, opts.municipality));
      if (opts.municipality !== undefined && heads.length === 0) throw new TransferError(`There is no municipality "${opts.municipality}" to export.`);
      const entries: MunicipalityExport[] = [];
      for (const municipality of heads) {
        const entry: Record<string, unknown> = { municipality };
        for (const t of municipalTables) entry[t.name] = await selectRows(tx, t, eq(t.tenant.column, municipality.id as string));
        entries.push(entry as MunicipalityExport);
      }
      return { format: exportFormat, formatVersion: exportFormatVersion, schemaVersion: currentSchemaVersion(), municipalities: entries };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Stable text: keys in schema column order, two-space indent, trailing newline. */
export function serializeExport(doc: ExportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The database's own words for a failed statement (drizzle wraps the driver error, whose message repeats the whole SQL). */
function databaseMessage(err: unknown): string {
  let e = err as { message?: string; detail?: string; cause?: unknown } | undefined;
  while (e?.cause) e = e.cause as typeof e;
  return [e?.message, e?.detail].filter(Boolean).join(' ');
}

/** Batches small enough for the driver: at most 200 rows or about 16 MB of values each. */
function* batches(rows: ExportRow[]): Generator<ExportRow[]> {
  let batch: ExportRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Object.values(row).reduce<number>((n, v) => n + (typeof v === 'string' ? v.length : 8), 0);
    if (batch.length && (batch.length >= 200 || bytes + size > 16 * 1024 * 1024)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length) yield batch;
}

async function insertRows(tx: Transaction, t: TransferTable, rows: ExportRow[], slug: string): Promise<void> {
  const deferred = new Set(t.selfReferences);
  try {
    for (const batch of batches(rows)) {
      const values = batch.map((row) =>
        Object.fromEntries(t.columns.map((c) => [c.key, row[c.key] === null || deferred.has(c) ? null : c.codec.fromJson(row[c.key])])),
      );
      const insert = tx.insert(t.table);
      await (t.identity ? insert.overridingSystemValue() : insert).values(values as never);
    }
    // Rows pointing at rows of their own table: set once every row they may point at exists.
    for (const row of rows) {
      const set = Object.fromEntries(t.selfReferences.filter((c) => row[c.key] !== null).map((c) => [c.key, row[c.key]]));
      if (Object.keys(set).length === 0) continue;
      await tx
        .update(t.table)
        .set(set)
        .where(and(...t.primaryKey.map((c) => eq(c.column, c.codec.fromJson(row[c.key])))));
    }
  } catch (err) {
    throw new TransferError(`Cannot import ${t.name} of municipality "${slug}": ${databaseMessage(err)}`);
  }
}

/**
 * Loads an export into this database in one transaction, with ids, versions, timestamps and
 * change-log sequence numbers as they were. Refuses municipalities this database already has; on
 * any failure nothing is written.
 */
export async function importDocument(db: Database, input: unknown): Promise<{ municipalities: string[]; rows: number }> {
  const doc = parseDocument(input);
  return db.transaction(async (tx) => {
    for (const { municipality } of doc.municipalities) {
      const [existing] = await tx
        .select({ id: municipalities.id, slug: municipalities.slug })
        .from(municipalities)
        .where(or(eq(municipalities.id, municipality.id as string), eq(municipalities.slug, municipality.slug as string)));
      if (existing) {
        throw new TransferError(
          `Municipality "${String(municipality.slug)}" cannot be imported: this database already has municipality "${existing.slug}" (id ${existing.id}) ` +
            `with the same ${existing.id === municipality.id ? 'id' : 'slug'}. Nothing was imported.`,
        );
      }
    }
    let rows = 0;
    for (const entry of doc.municipalities) {
      const slug = entry.municipality.slug as string;
      await insertRows(tx, municipalityTable, [entry.municipality], slug);
      rows += 1;
      for (const t of municipalTables) {
        await insertRows(tx, t, entry[t.name], slug);
        rows += entry[t.name].length;
      }
    }
    for (const t of municipalTables) {
      if (!t.identity || !doc.municipalities.some((entry) => entry[t.name].length > 0)) continue;
      // Kept identity values skip the sequence: move it past them so new rows do not collide.
      const table = getTableName(t.table);
      const column = t.identity.column.name;
      await tx.execute(sql`
        select setval(pg_get_serial_sequence(${table}, ${column}),
          greatest((select max(${t.identity.column}) from ${t.table}), pg_sequence_last_value(pg_get_serial_sequence(${table}, ${column})::regclass)))`);
    }
    return { municipalities: doc.municipalities.map((entry) => entry.municipality.slug as string), rows };
  });
}
