import { useQuery } from '@tanstack/react-query';
import type { TaskListT, TaskT } from '../../server/modules/tasks/schemas';
import { get } from '../api';

export type Task = TaskT;
export type TaskList = TaskListT;

/** Query keys of "what needs me": invalidate `taskKeys.all` after any command that may change it. */
export const taskKeys = {
  all: ['tasks'] as const,
  mine: () => [...taskKeys.all, 'mine'] as const,
};

/** The signed-in user's tasks (GET /me/tasks), overdue first. */
export function useMyTasks() {
  return useQuery({ queryKey: taskKeys.mine(), queryFn: () => get<TaskList>('/me/tasks') });
}
