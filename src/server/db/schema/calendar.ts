import { foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, municipalityId } from './columns.js';
import { departments, users } from './tenancy.js';
import { calendarFeedScopes } from './values.js';

/**
 * A calendar feed (iCal) a person subscribes to from Outlook or a phone: their own deadlines or a
 * department's. The URL carries a secret token; only its SHA-256 is stored. Revoking ends it.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    municipalityId: municipalityId(),
    id: id(),
    userId: uuid('user_id').notNull(),
    scope: text('scope', { enum: calendarFeedScopes }).notNull(),
    departmentId: uuid('department_id'),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash),
    index('calendar_feeds_user_idx').on(t.municipalityId, t.userId),
    foreignKey({ columns: [t.municipalityId, t.userId], foreignColumns: [users.municipalityId, users.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }).onDelete('cascade'),
  ],
);
