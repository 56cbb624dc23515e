import { hostname } from 'node:os';
import type { Database } from './db/engine.js';
import { queues } from './jobs/queue.js';
import { createAccessService } from './modules/access/service.js';
import { createAuthService } from './modules/auth/service.js';
import { createTokenService } from './modules/auth/tokens.js';
import { createCalendarService } from './modules/calendar/service.js';
import { createBalanceService } from './modules/balance/service.js';
import { createBalanceReportService } from './modules/balance-report/service.js';
import { createBalanceImportService } from './modules/balance-import/service.js';
import { createAttachmentsService } from './modules/attachments/service.js';
import { createDocumentsService } from './modules/documents/service.js';
import { createFindingService } from './modules/findings/service.js';
import { createRoundsService } from './modules/rounds/service.js';
import { createHistoryService } from './modules/history/service.js';
import { createImportService } from './modules/imports/service.js';
import { createOverviewService } from './modules/overview/service.js';
import { createPlansService } from './modules/plans/service.js';
import { createMatchingService } from './modules/matching/service.js';
import { createRiskService } from './modules/risk/service.js';
import { createRemindersService } from './modules/reminders/service.js';
import { createSearchService } from './modules/search/service.js';
import type { ServiceOptions } from './service-options.js';
import { createTasksService } from './modules/tasks/service.js';
import { createTenancyService } from './modules/tenancy/service.js';
import { createNotificationsService } from './modules/notifications/service.js';
import { createMailService } from './modules/mail/service.js';

/** One service per domain, each built from the database and its typed dependencies. */
export function createServices(db: Database, opts: ServiceOptions) {
  const auth = createAuthService(db, opts.auth);
  const balance = createBalanceService(db, opts);
  const jobs = opts.jobs;
  return {
    auth,
    tokens: createTokenService(db, opts.clock),
    access: createAccessService(db, auth),
    tenancy: createTenancyService(db),
    findings: createFindingService(db, opts),
    plans: createPlansService(db, opts),
    rounds: createRoundsService(db, opts),
    attachments: createAttachmentsService(db, opts),
    search: createSearchService(db),
    history: createHistoryService(db, opts),
    overview: createOverviewService(db),
    tasks: createTasksService(db),
    imports: createImportService(db, { clock: opts.clock }),
    documents: createDocumentsService(db),
    balance,
    balanceReport: createBalanceReportService(db),
    balanceImport: createBalanceImportService(db, {
      jobs: {
        dataDir: opts.dataDir,
        clock: opts.clock,
        secretBox: opts.secretBox,
        actorOf: (mid, userId) => auth.actorOfUser(mid, userId, null, 'system'),
        dispatch: jobs
          ? async (mid, jobId) => void (await jobs.send(queues.balanceImport, { municipalityId: mid, jobId }, { retryLimit: 0, expireInHours: 23 }))
          : null,
      },
    }),
    risk: createRiskService(db, opts),
    calendar: createCalendarService(db, { clock: opts.clock, auth }),
    matching: createMatchingService(db, {
      dataDir: opts.dataDir,
      secretBox: opts.secretBox,
      balance,
      clock: opts.clock,
      actorOf: (mid, userId) => auth.actorOfUser(mid, userId, null, 'system'),
      dispatch: jobs
        ? async (mid, runId) => {
            await jobs.send(queues.matchingRun, { municipalityId: mid, runId }, { retryLimit: 5, retryDelay: 2, expireInHours: 23 });
          }
        : null,
      workerId: jobs?.workerId ?? `${hostname()}:${process.pid}`,
      staleSeconds: opts.staleRunSeconds,
    }),
    notifications: createNotificationsService(db, opts),
    mail: createMailService(db, opts),
    reminders: createRemindersService(db, opts),
  };
}

export type Services = ReturnType<typeof createServices>;

export type { ServiceOptions };
