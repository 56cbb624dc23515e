import { getTableName, is, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import * as schema from '../../db/schema/index.js';

/**
 * The tables below a municipality, in an order where every foreign key points at an earlier
 * table (or at its own table: see `selfReferences`). The export writes them under these names
 * and the import inserts them in this order. transfer.test.ts fails when a schema table is
 * missing here or the order breaks a foreign key.
 */
export const municipalTableNames = [
  'committees',
  'departments',
  'users',
  'userRoles',
  'userCredentials',
  'userIdentities',
  'apiTokens',
  'calendarFeeds',
  'notificationPreferences',
  'mailSettings',
  'notifications',
  'mailMessages',
  'reminderSettings',
  'meetings',
  'balanceSettings',
  'imFunctions',
  'balanceAccounts',
  'accountReconciliations',
  'systemReconciliations',
  'accountActivity',
  'balanceAdjustments',
  'riskModelRuns',
  'riskModelResults',
  'matchingSystems',
  'matchingRuns',
  'matchingGroups',
  'matchingItems',
  'auditReports',
  'findings',
  'recommendations',
  'findingDepartments',
  'balanceAccountFindings',
  'councilDecisions',
  'actionPlans',
  'planApprovals',
  'planRevisions',
  'measures',
  'measureRecommendations',
  'deadlineRevisions',
  'guidanceAcceptances',
  'answerDocuments',
  'answerRevisions',
  'followUpRounds',
  'roundSchedules',
  'roundPlanRevisions',
  'roundSubmissions',
  'statusEntries',
  'evidence',
  'comments',
  'changeLog',
  'auditEntries',
  'auditHeads',
] as const satisfies readonly (keyof typeof schema)[];

export type MunicipalTableName = (typeof municipalTableNames)[number];

/**
 * Tables that are not exported: state that lives minutes or hours (browser sessions, the SAML
 * replay cache, single sign-on round trips). An imported municipality starts with everyone
 * signed out. transfer.test.ts checks every schema table is exported or listed here.
 * balanceImportJobs: a large import's job lives minutes; its uploaded file is under the data
 * directory, which the export does not carry, and what it wrote travels with the register and
 * the audit trail.
 */
export const transientTableNames = ['sessions', 'samlReplayCache', 'ssoRequests', 'balanceImportJobs'] as const satisfies readonly (keyof typeof schema)[];

/** Every table the schema defines, by its export name (what the coverage test compares against). */
export function schemaTables(): Map<string, PgTable> {
  const entries: [string, unknown][] = Object.entries(schema);
  return new Map(entries.filter((entry): entry is [string, PgTable] => is(entry[1], PgTable)));
}

/** How one column's values travel between the database and the JSON document. */
interface Codec {
  /** What the export selects (timestamps as text, to keep their microseconds). */
  select(column: PgColumn): PgColumn | SQL;
  toJson(value: unknown): unknown;
  /** The value handed to the insert (an SQL cast where the driver mapping would lose precision). */
  fromJson(value: unknown): unknown;
  zod(column: PgColumn): z.ZodType;
}

const plain: Omit<Codec, 'zod'> = { select: (c) => c, toJson: (v) => v, fromJson: (v) => v };

const codecs: Record<string, Codec> = {
  uuid: { ...plain, zod: () => z.guid() },
  text: { ...plain, zod: (c) => (c.enumValues?.length ? z.enum(c.enumValues as [string, ...string[]]) : z.string()) },
  integer: { ...plain, zod: () => z.int32() },
  bigint: { ...plain, zod: () => z.int() },
  boolean: { ...plain, zod: () => z.boolean() },
  // a risk score: a JS number survives JSON exactly
  'double precision': { ...plain, zod: () => z.number() },
  date: { ...plain, zod: () => z.iso.date() },
  jsonb: { ...plain, zod: () => z.json() },
  'text[]': { ...plain, zod: () => z.array(z.string()) },
  'uuid[]': { ...plain, zod: () => z.array(z.guid()) },
  'timestamp with time zone': {
    select: (c) => sql<string>`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    toJson: (v) => v,
    fromJson: (v) => sql`${v}::timestamptz`,
    zod: () => z.iso.datetime(),
  },
  bytea: {
    select: (c) => c,
    toJson: (v) => (v as Buffer).toString('base64'),
    fromJson: (v) => Buffer.from(v as string, 'base64'),
    zod: () => z.base64(),
  },
};

export interface TransferColumn {
  /** The property name: the key in the document and in drizzle rows. */
  key: string;
  column: PgColumn;
  codec: Codec;
}

export interface TransferTable<Name extends string = string> {
  name: Name;
  table: PgTable;
  columns: TransferColumn[];
  primaryKey: TransferColumn[];
  /** The column naming the municipality a row belongs to (its id, for the municipality itself). */
  tenant: TransferColumn;
  /** Columns of foreign keys into the same table: inserted empty, then set once all rows exist. */
  selfReferences: TransferColumn[];
  /** A generated identity column (change_log.seq): kept with OVERRIDING SYSTEM VALUE. */
  identity: TransferColumn | null;
  rowSchema: z.ZodObject;
}

function describe<Name extends string>(name: Name, table: PgTable): TransferTable<Name> {
  const config = getTableConfig(table);
  const columns: TransferColumn[] = config.columns.map((column) => {
    const codec = codecs[column.getSQLType()];
    if (!codec) throw new Error(`transfer: no codec for ${config.name}.${column.name} (${column.getSQLType()})`);
    const key = Object.entries(table).find(([, value]) => value === column)?.[0];
    if (!key) throw new Error(`transfer: column ${config.name}.${column.name} has no property`);
    return { key, column, codec };
  });
  // Keys and foreign keys hold their own column objects (drizzle's extra-config columns): match by name.
  const byColumn = (c: PgColumn) => columns.find((tc) => tc.column.name === c.name)!;
  const pkColumns = config.primaryKeys[0]?.columns ?? config.columns.filter((c) => c.primary);
  const selfReferences = config.foreignKeys
    .map((fk) => fk.reference())
    .filter((ref) => getTableName(ref.foreignTable) === config.name)
    .flatMap((ref) => ref.columns.filter((c, i) => c.name !== ref.foreignColumns[i]?.name))
    .map(byColumn);
  const identity = columns.find((c) => c.column.generatedIdentity !== undefined) ?? null;
  const rowSchema = z.strictObject(
    Object.fromEntries(columns.map(({ key, column, codec }) => [key, column.notNull ? codec.zod(column) : codec.zod(column).nullable()])),
  );
  const tenant = columns.find((c) => c.key === (table === schema.municipalities ? 'id' : 'municipalityId'));
  if (!tenant) throw new Error(`transfer: ${config.name} has no municipality_id`);
  return { name, table, columns, primaryKey: pkColumns.map(byColumn), tenant, selfReferences, identity, rowSchema };
}

export const municipalityTable = describe('municipality', schema.municipalities);
export const municipalTables: TransferTable<MunicipalTableName>[] = municipalTableNames.map((name) => describe(name, schema[name]));
