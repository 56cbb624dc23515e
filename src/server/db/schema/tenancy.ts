import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, municipalityId, updatedAt, version } from './columns.js';
import { personalDataRoleChoices } from './values.js';
import type { PersonalDataRole } from './values.js';

/** Until an administrator decides otherwise: the people who explain a system's differences (as before the setting existed). */
export const defaultPersonalDataRoles: PersonalDataRole[] = ['admin', 'centralCoordinator', 'departmentCoordinator'];

export const municipalities = pgTable('municipalities', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  language: text('language', { enum: ['da', 'sv', 'en'] }).notNull(),
  vocabulary: text('vocabulary', { enum: ['DK', 'SE'] }).notNull(),
  currency: text('currency', { enum: ['DKK', 'SEK'] }).notNull(),
  /** IANA zone whose calendar decides "today" (overdue, due in N days) for this municipality. */
  timeZone: text('time_zone').notNull().default('Europe/Copenhagen'),
  /** Who may unmask a CPR number in matching (each unmask is audited). */
  personalDataRoles: text('personal_data_roles', { enum: personalDataRoleChoices })
    .array()
    .notNull()
    .default(sql`'{admin,centralCoordinator,departmentCoordinator}'::text[]`),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const committees = pgTable(
  'committees',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.id] }), uniqueIndex('committees_code_uq').on(t.municipalityId, t.code)],
);

export const departments = pgTable(
  'departments',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    committeeId: uuid('committee_id'),
    /** The head of department, whom overdue reminders escalate to: a name and an e-mail, and the user when they have one. */
    headName: text('head_name'),
    headEmail: text('head_email'),
    headUserId: uuid('head_user_id'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    uniqueIndex('departments_code_uq').on(t.municipalityId, t.code),
    foreignKey({ columns: [t.municipalityId, t.committeeId], foreignColumns: [committees.municipalityId, committees.id] }),
  ],
);

export const users = pgTable(
  'users',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    title: text('title'),
    departmentId: uuid('department_id'),
    active: boolean('active').notNull().default(true),
    /** The user's own choice of language; null follows the municipality's. */
    language: text('language', { enum: ['da', 'sv', 'en'] }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    // A user id is unique across the installation: it identifies the tenant of a request.
    uniqueIndex('users_id_uq').on(t.id),
    uniqueIndex('users_email_uq').on(t.municipalityId, sql`lower(${t.email})`),
    foreignKey({ columns: [t.municipalityId, t.departmentId], foreignColumns: [departments.municipalityId, departments.id] }),
  ],
);

/** A meeting of a political or administrative body, where approvals and decisions happen. */
export const meetings = pgTable(
  'meetings',
  {
    municipalityId: municipalityId().references(() => municipalities.id, { onDelete: 'cascade' }),
    id: id(),
    body: text('body').notNull(),
    committeeId: uuid('committee_id'),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    agendaItem: text('agenda_item'),
    caseNumber: text('case_number'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityId, t.id] }),
    foreignKey({ columns: [t.municipalityId, t.committeeId], foreignColumns: [committees.municipalityId, committees.id] }),
  ],
);
