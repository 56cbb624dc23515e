import type { Actor } from '../../context.js';
import { allow, isAuditor, isCentral } from '../access/grants.js';
import { visibilityOf } from '../access/visibility.js';

/**
 * The change history is internal working material: staff read it, readers do not. The audit
 * trail (every command, its hash chain, its export and verification) is for the auditors and
 * central coordination.
 */
export const historyPolicy = {
  readHistory: (actor: Actor) => allow(visibilityOf(actor).internal),
  readAuditTrail: (actor: Actor) => allow(isAuditor(actor) || isCentral(actor)),
};
