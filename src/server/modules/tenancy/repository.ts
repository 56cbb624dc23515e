import { defaultTimeZone } from '../../clock.js';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.js';
import { committees, departments, meetings, municipalities, users } from '../../db/schema/index.js';

export type MunicipalityRow = typeof municipalities.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type CommitteeRow = typeof committees.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

export const municipalityRepository = {
  async get(db: Executor, id: string): Promise<MunicipalityRow | undefined> {
    const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id));
    return row;
  },
  async bySlug(db: Executor, slug: string): Promise<MunicipalityRow | undefined> {
    const [row] = await db.select().from(municipalities).where(eq(municipalities.slug, slug));
    return row;
  },
  async list(db: Executor): Promise<MunicipalityRow[]> {
    return db.select().from(municipalities).orderBy(asc(municipalities.slug));
  },
  async insert(db: Executor, values: typeof municipalities.$inferInsert): Promise<MunicipalityRow> {
    const [row] = await db
      .insert(municipalities)
      .values({ timeZone: defaultTimeZone(values.vocabulary), ...values })
      .returning();
    return row!;
  },
  async update(db: Executor, id: string, version: number, values: Partial<typeof municipalities.$inferInsert>) {
    const [row] = await db
      .update(municipalities)
      .set({ ...values, version: sql`${municipalities.version} + 1`, updatedAt: new Date() })
      .where(and(eq(municipalities.id, id), eq(municipalities.version, version)))
      .returning();
    return row;
  },
};

/**
 * The small per-municipality registers (departments, committees, users, meetings) share one
 * shape, so one factory gives each its tenant-scoped list/get/insert/update/delete.
 */
function register<T extends typeof departments | typeof committees | typeof users | typeof meetings>(table: T, order: Parameters<typeof asc>[0]) {
  type Row = T['$inferSelect'];
  const t = table as typeof departments; // the shared columns (municipalityId, id, version, updatedAt)
  return {
    async list(db: Executor, mid: string): Promise<Row[]> {
      return db
        .select()
        .from(table as typeof departments)
        .where(eq(t.municipalityId, mid))
        .orderBy(asc(order)) as Promise<Row[]>;
    },
    async get(db: Executor, mid: string, id: string): Promise<Row | undefined> {
      const [row] = await db
        .select()
        .from(table as typeof departments)
        .where(and(eq(t.municipalityId, mid), eq(t.id, id)));
      return row as Row | undefined;
    },
    async insert(db: Executor, values: T['$inferInsert']): Promise<Row> {
      const [row] = await db
        .insert(table as typeof departments)
        .values(values as typeof departments.$inferInsert)
        .returning();
      return row as Row;
    },
    async update(db: Executor, mid: string, id: string, version: number, values: Partial<T['$inferInsert']>): Promise<Row | undefined> {
      const [row] = await db
        .update(table as typeof departments)
        .set({ ...(values as object), version: sql`${t.version} + 1`, updatedAt: new Date() })
        .where(and(eq(t.municipalityId, mid), eq(t.id, id), eq(t.version, version)))
        .returning();
      return row as Row | undefined;
    },
    async delete(db: Executor, mid: string, id: string, version: number): Promise<boolean> {
      const rows = await db
        .delete(table as typeof departments)
        .where(and(eq(t.municipalityId, mid), eq(t.id, id), eq(t.version, version)))
        .returning({ id: t.id });
      return rows.length > 0;
    },
  };
}

export const departmentRepository = register(departments, departments.code);
export const committeeRepository = register(committees, committees.code);
export const userRepository = register(users, users.name);
export const meetingRepository = register(meetings, meetings.heldOn);
