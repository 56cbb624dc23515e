import { sql } from 'drizzle-orm';
import { customType, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Column helpers shared by every table. Every row carries `municipality_id` (the tenant and the
 * future distribution key for a sharded PostgreSQL), and primary and foreign keys include it, so
 * a row can never point at another municipality's row.
 */
export const municipalityId = () => uuid('municipality_id').notNull();
export const id = () =>
  uuid('id')
    .notNull()
    .default(sql`gen_random_uuid()`);
/** Optimistic-concurrency counter behind the ETag of every editable resource. */
export const version = () => integer('version').notNull().default(1);
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const createdBy = () => uuid('created_by');
export const updatedBy = () => uuid('updated_by');

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back Uint8Array, node-postgres a Buffer: normalise so both engines agree.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  toDriver: (value) => value,
});
