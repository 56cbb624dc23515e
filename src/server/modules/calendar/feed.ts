import ical, { ICalCalendarMethod } from 'ical-generator';
import { formatDeadline, parseDeadline } from '../../../domain/deadline.js';
import type { Locale, Vocabulary } from '../../../domain/i18n.js';
import type { Params } from '../../i18n/catalogue.js';
import { renderMessage, type MessageCode } from '../../i18n/messages.js';
import type { AnswerDue, DepartmentRef, FindingRef, MeasureDeadline, MeetingRow, PlanRequest } from './repository.js';

/** What one feed shows, loaded under its owner's access. */
export interface FeedContent {
  measures: MeasureDeadline[];
  planRequests: PlanRequest[];
  /** Open rounds: per department (a department's submission) or, for central coordination, the round as a whole. */
  rounds: { id: string; name: string; dueOn: string; department: DepartmentRef | null }[];
  answers: AnswerDue[];
  meetings: MeetingRow[];
}

export interface FeedFrame {
  locale: Locale;
  vocabulary: Vocabulary;
  /** The municipality's IANA zone, announced to clients (every event is all-day, so no time is converted). */
  timeZone: string;
  name: string;
  description: string;
  /** The web app's origin, e.g. https://tilsyn.kk.dk, for each event's link. */
  baseUrl: string;
  /** The feed's DTSTAMP: now by the injected clock. */
  stamp: Date;
}

/** One all-day event, format-free (the tests and the builder share it). */
export interface FeedEvent {
  uid: string;
  /** The day (YYYY-MM-DD): a deadline's is the last day of its period. */
  day: string;
  summary: string;
  description: string;
  url: string;
}

/** The day after an ISO date: an all-day event's DTEND is exclusive. */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The events of a feed in its owner's language; a confidential finding is named by number and year only. */
export function feedEvents(content: FeedContent, frame: FeedFrame): FeedEvent[] {
  const t = (code: MessageCode, params?: Params) => renderMessage(frame.locale, code, params);
  const se = frame.vocabulary === 'SE';
  const finding = (f: FindingRef) =>
    f.confidential
      ? t(se ? 'calendar.findingSE' : 'calendar.finding', { number: f.number, year: f.year })
      : t(se ? 'calendar.findingTitledSE' : 'calendar.findingTitled', { number: f.number, year: f.year, title: f.title });
  const findingShort = (f: FindingRef) => t(se ? 'calendar.findingSE' : 'calendar.finding', { number: f.number, year: f.year });
  const department = (d: DepartmentRef) => t('calendar.department', { code: d.code, name: d.name });
  const link = (path: string) => `${frame.baseUrl}${path}`;
  const lines = (...parts: (string | null)[]) => parts.filter((p): p is string => p !== null).join('\n');
  const kind = (k: AnswerDue['kind']) => t(`calendar.kind.${k}`);
  const events: FeedEvent[] = [];

  for (const m of content.measures) {
    const parsed = m.deadline ? parseDeadline(m.deadline) : null;
    const shown = parsed?.ok ? formatDeadline(parsed.value, frame.locale) : m.due;
    const url = link(`/plans/${m.planId}`);
    events.push({
      uid: `measure-${m.id}@tilsyn`,
      day: m.due,
      summary: `${
        m.finding.confidential
          ? t(se ? 'calendar.measureSummaryUntitledSE' : 'calendar.measureSummaryUntitled', { measure: m.number })
          : t(se ? 'calendar.measureSummarySE' : 'calendar.measureSummary', { measure: m.number, title: m.title })
      } – ${findingShort(m.finding)}`,
      description: lines(finding(m.finding), department(m.department), t('calendar.deadline', { deadline: shown }), t('calendar.open', { url })),
      url,
    });
  }
  for (const r of content.planRequests) {
    const url = link(`/findings/${r.finding.id}`);
    events.push({
      uid: `plan-request-${r.finding.id}-${r.department.id}@tilsyn`,
      day: r.due,
      summary: `${t(se ? 'calendar.planSummarySE' : 'calendar.planSummary', { department: r.department.code })} – ${findingShort(r.finding)}`,
      description: lines(finding(r.finding), department(r.department), t('calendar.open', { url })),
      url,
    });
  }
  for (const r of content.rounds) {
    const url = link(r.department ? `/rounds/${r.id}/departments/${r.department.id}` : '/rounds');
    events.push({
      uid: r.department ? `round-${r.id}-${r.department.id}@tilsyn` : `round-${r.id}@tilsyn`,
      day: r.dueOn,
      summary: r.department
        ? t('calendar.roundDepartmentSummary', { round: r.name, department: r.department.code })
        : t('calendar.roundSummary', { round: r.name }),
      description: lines(r.department ? department(r.department) : null, t('calendar.open', { url })),
      url,
    });
  }
  for (const a of content.answers) {
    if (a.due === null) continue;
    const url = link(`/plans/${a.planId}`);
    events.push({
      uid: `answer-${a.id}@tilsyn`,
      day: a.due,
      summary: `${t('calendar.answerSummary', { kind: kind(a.kind) })} – ${findingShort(a.finding)}`,
      description: lines(finding(a.finding), department(a.department), t('calendar.open', { url })),
      url,
    });
  }
  for (const m of content.meetings) {
    const treated = content.answers.filter((a) => a.decisionPlan.includes(m.id));
    if (!treated.length) continue;
    const url = link(`/plans/${treated[0]!.planId}`);
    const what =
      treated.length === 1 ? `${kind(treated[0]!.kind)} – ${findingShort(treated[0]!.finding)}` : t('calendar.meetingItems', { count: treated.length });
    events.push({
      uid: `meeting-${m.id}@tilsyn`,
      day: m.heldOn,
      summary: t('calendar.meetingSummary', { body: m.body, what }),
      description: lines(
        m.agendaItem ? t('calendar.agendaItem', { item: m.agendaItem }) : null,
        t('calendar.treats'),
        ...treated.map((a) => `– ${kind(a.kind)}: ${finding(a.finding)} (${a.department.code})`),
        t('calendar.open', { url }),
      ),
      url,
    });
  }
  return events.sort((a, b) => (a.day === b.day ? (a.uid < b.uid ? -1 : 1) : a.day < b.day ? -1 : 1));
}

/**
 * The feed as iCalendar text. Every event is all-day (deadlines, due dates and meeting days are
 * dates): written as DATE values, so no client shifts them across midnight, whatever its zone.
 * The municipality's zone goes out as X-WR-TIMEZONE for clients that place new events.
 */
export function renderFeed(content: FeedContent, frame: FeedFrame): string {
  const calendar = ical({
    name: frame.name,
    description: frame.description,
    prodId: { company: 'Tilsyn', product: 'calendar', language: frame.locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
    x: [{ key: 'X-WR-TIMEZONE', value: frame.timeZone }],
  });
  for (const e of feedEvents(content, frame)) {
    calendar.createEvent({
      id: e.uid,
      // Dates at UTC midnight without a zone: ical-generator writes their UTC calendar day
      start: new Date(`${e.day}T00:00:00Z`),
      end: new Date(`${nextDay(e.day)}T00:00:00Z`),
      allDay: true,
      stamp: frame.stamp,
      summary: e.summary,
      description: e.description,
      url: e.url,
    });
  }
  return calendar.toString();
}
