import type { SessionInfo } from '../../api';

/** Admin or central coordinator: reviews (returns, accepts) every department's answer. */
export const isCentral = (s: SessionInfo) => s.roles.some((r) => r.role === 'admin' || r.role === 'centralCoordinator');

/** Central, or the department's coordinator: submits the department's answer. */
export const coordinates = (s: SessionInfo, departmentId: string) =>
  isCentral(s) || s.roles.some((r) => r.role === 'departmentCoordinator' && (r.departmentId === null || r.departmentId === departmentId));
