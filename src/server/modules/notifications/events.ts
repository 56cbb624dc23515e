import type { Executor } from '../../db/engine.js';
import type { NotificationKind } from '../../db/schema/values.js';
import { roundsReads } from '../rounds/reads.js';
import { notify, usersWithRole, type NotificationInput } from './outbox.js';
import { notificationsRepository as repo, type DepartmentFacts, type FindingFacts } from './repository.js';
import type { NotificationParams } from './texts.js';

/**
 * Who hears of each event of the loop, called by the services inside the event's transaction
 * (the notifications commit with the event or not at all). One function per event: it decides
 * the recipients, never the actor who did it, and the params the texts fill in. The dedupe key
 * names the event (with the version the command left, where the same event can recur), so a
 * retried write adds nothing.
 */

/** Who acted (never notified of their own doing), and when, from the service's clock. */
interface By {
  municipalityId: string;
  userId: string | null;
  at: Date;
}

/** The finding's params: number and year always, the title only when the finding is not confidential (params reach mails). */
function findingParams(f: FindingFacts | undefined): NotificationParams {
  if (!f) return {};
  return { findingNumber: f.number, findingYear: f.year, ...(f.confidential ? {} : { findingTitle: f.title }) };
}

const departmentParams = (d: DepartmentFacts | undefined): NotificationParams => (d ? { department: d.code, departmentName: d.name } : {});

const coordinatorsOf = (ex: Executor, mid: string, departmentId: string) => usersWithRole(ex, mid, 'departmentCoordinator', departmentId);
const centralCoordination = (ex: Executor, mid: string) => usersWithRole(ex, mid, 'centralCoordinator', null);

async function send(
  ex: Executor,
  by: By,
  recipients: readonly string[],
  n: { kind: NotificationKind; link: string; params: NotificationParams; dedupeKey: string; findingId?: string | null; dueOn?: string | null },
): Promise<void> {
  const to = [...new Set(recipients)].filter((id) => id !== by.userId);
  const inputs: NotificationInput[] = to.map((userId) => ({ municipalityId: by.municipalityId, userId, createdAt: by.at, ...n }));
  await notify(ex, inputs);
}

async function department(ex: Executor, mid: string, id: string): Promise<DepartmentFacts | undefined> {
  return (await repo.departments(ex, mid, [id]))[0];
}

/** Central coordination asked departments for their plans for a finding: each department's coordinators hear it. */
export async function planRequested(ex: Executor, by: By, findingId: string, departmentIds: readonly string[], dueOn: string): Promise<void> {
  const mid = by.municipalityId;
  const finding = await repo.finding(ex, mid, findingId);
  for (const d of await repo.departments(ex, mid, [...departmentIds])) {
    await send(ex, by, await coordinatorsOf(ex, mid, d.id), {
      kind: 'planRequested',
      link: `/findings/${findingId}`,
      params: { ...findingParams(finding), ...departmentParams(d), dueOn },
      findingId,
      dueOn,
      dedupeKey: `finding:${findingId}:department:${d.id}:planRequested`,
    });
  }
}

/**
 * A plan moved in its review: submitted (central coordination hears it), returned or approved (the
 * department's coordinators do). `version` is the plan's after the move (a plan may be submitted
 * and returned several times in one revision); an approval is keyed by its revision.
 */
export async function planReviewed(
  ex: Executor,
  by: By,
  kind: 'planSubmitted' | 'planReturned' | 'planApproved',
  planId: string,
  version: number,
): Promise<void> {
  const mid = by.municipalityId;
  const plan = await repo.plan(ex, mid, planId);
  if (!plan) return;
  const finding = plan.findingId ? await repo.finding(ex, mid, plan.findingId) : undefined;
  const recipients = kind === 'planSubmitted' ? await centralCoordination(ex, mid) : await coordinatorsOf(ex, mid, plan.departmentId);
  const event = kind === 'planSubmitted' ? `submitted:v${version}` : kind === 'planReturned' ? `returned:v${version}` : `approved:${plan.revision}`;
  await send(ex, by, recipients, {
    kind,
    link: `/plans/${planId}`,
    params: {
      ...findingParams(finding),
      ...departmentParams(await department(ex, mid, plan.departmentId)),
      ...(kind === 'planApproved' ? { revision: plan.revision } : {}),
    },
    findingId: plan.findingId,
    dedupeKey: `plan:${planId}:${event}`,
  });
}

/** A round opened: the coordinators of each department it asks about, each with the link to their department's part. */
export async function roundOpened(ex: Executor, by: By, round: { id: string; name: string; dueOn: string }): Promise<void> {
  const mid = by.municipalityId;
  for (const d of await roundsReads.progressByDepartment(ex, mid, round.id)) {
    await send(ex, by, await coordinatorsOf(ex, mid, d.departmentId), {
      kind: 'roundOpened',
      link: `/rounds/${round.id}/departments/${d.departmentId}`,
      params: { roundName: round.name, dueOn: round.dueOn, department: d.code, departmentName: d.name },
      dueOn: round.dueOn,
      dedupeKey: `round:${round.id}:department:${d.departmentId}:opened`,
    });
  }
}

/**
 * A department's answer in a round moved: submitted (central coordination hears it), returned
 * or accepted (the department's coordinators do). `version` is the submission's after the move.
 */
export async function answerReviewed(
  ex: Executor,
  by: By,
  kind: 'answerSubmitted' | 'answerReturned' | 'answerAccepted',
  submission: { id: string; roundId: string; departmentId: string; version: number },
  round: { name: string; dueOn: string },
): Promise<void> {
  const mid = by.municipalityId;
  const recipients = kind === 'answerSubmitted' ? await centralCoordination(ex, mid) : await coordinatorsOf(ex, mid, submission.departmentId);
  const event = kind === 'answerSubmitted' ? 'submitted' : kind === 'answerReturned' ? 'returned' : 'accepted';
  await send(ex, by, recipients, {
    kind,
    link: `/rounds/${submission.roundId}/departments/${submission.departmentId}`,
    params: { roundName: round.name, dueOn: round.dueOn, ...departmentParams(await department(ex, mid, submission.departmentId)) },
    dedupeKey: `submission:${submission.id}:${event}:v${submission.version}`,
  });
}

/**
 * A department's part of a finding was closed, or reopened after being closed: that department's
 * coordinators and central coordination hear it. Other moves notify no one. `version` is the part's after the move.
 */
export async function findingPartMoved(
  ex: Executor,
  by: By,
  part: { findingId: string; departmentId: string; from: string; to: string; version: number },
): Promise<void> {
  const kind: NotificationKind | null = part.to === 'closed' ? 'findingClosed' : part.from === 'closed' && part.to === 'inProgress' ? 'findingReopened' : null;
  if (!kind) return;
  const mid = by.municipalityId;
  const recipients = [...(await coordinatorsOf(ex, mid, part.departmentId)), ...(await centralCoordination(ex, mid))];
  await send(ex, by, recipients, {
    kind,
    link: `/findings/${part.findingId}`,
    params: { ...findingParams(await repo.finding(ex, mid, part.findingId)), ...departmentParams(await department(ex, mid, part.departmentId)) },
    findingId: part.findingId,
    dedupeKey: `finding:${part.findingId}:department:${part.departmentId}:${kind === 'findingClosed' ? 'closed' : 'reopened'}:v${part.version}`,
  });
}
