import type { Services } from '../services.js';
import type { PeriodicTask } from './workers.js';

/** The periodic job's tasks, in order. Each is a check of (state, now): running it twice does nothing more. */
export function periodicTasks(services: Services): PeriodicTask[] {
  return [
    { name: 'matchingRecover', run: () => services.matching.recoverStale() },
    { name: 'balanceImportJobs', run: () => services.balanceImport.failAbandonedJobs() },
    // reminders, escalations and scheduled rounds due by now (written once per person and key)
    { name: 'reminders', run: () => services.reminders.checkDue() },
    // what is pending because a kick was missed, and retries of refused mail
    { name: 'mail', run: () => services.mail.deliverPending() },
    { name: 'digests', run: () => services.mail.sendDueDigests() },
  ];
}
