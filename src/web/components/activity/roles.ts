import type { Role, SessionInfo } from '../../api';

/** Whether the signed-in user holds one of the roles (anywhere in the municipality). */
export const holds = (session: SessionInfo, ...roles: Role[]) => session.roles.some((r) => roles.includes(r.role));

/** Staff: every role but reader. Readers see no internal material (comments, evidence). */
export const isStaff = (session: SessionInfo) => session.roles.some((r) => r.role !== 'reader');

/** Who may read the audit trail. */
export const mayAudit = (session: SessionInfo) => holds(session, 'admin', 'centralCoordinator', 'auditor');
