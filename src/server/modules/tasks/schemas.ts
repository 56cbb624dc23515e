import { z } from 'zod';
import { taskKinds } from '../../../domain/tasks.js';
import { Id, IsoDate } from '../../http/schemas.js';

const Department = z.object({ id: Id, code: z.string(), name: z.string() });

export const Task = z
  .object({
    kind: z.enum(taskKinds),
    /** Unique within the answer: the kind and the ids of what it is about. */
    key: z.string(),
    /** The finding it concerns: number, report year, title (never a title the caller may not see). */
    finding: z.object({ id: Id, number: z.number().int(), year: z.number().int(), title: z.string() }).nullable(),
    department: Department.nullable(),
    round: z.object({ id: Id, name: z.string() }).nullable(),
    measure: z.object({ id: Id, number: z.string(), title: z.string() }).nullable(),
    report: z.object({ id: Id, title: z.string(), year: z.number().int() }).nullable(),
    planId: Id.nullable(),
    dueOn: IsoDate.nullable(),
    /** Due before today (the municipality's date). */
    overdue: z.boolean(),
    /** The web app's page where it is done. */
    path: z.string(),
  })
  .meta({ id: 'Task' });

export const TaskList = z
  .object({
    /** The municipality's date the list was made for. */
    today: IsoDate,
    items: z.array(Task),
  })
  .meta({ id: 'TaskList' });

export type TaskT = z.infer<typeof Task>;
export type TaskListT = z.infer<typeof TaskList>;
