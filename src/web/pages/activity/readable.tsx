import type { TFunction } from 'i18next';
import { formatDay, formatNumber } from '../../format';
import { formatDateTime } from '../../components/activity/forms';
import i18n, { intlLocale, type Language } from '../../i18n';

/**
 * The audit trail as people read it: field names and values in the reader's language and
 * vocabulary, dates in the locale's form, people by name, and never raw JSON. The trail records
 * whole representations; these helpers pick the fields that changed and say them in words.
 */
export interface Reader {
  t: TFunction;
  lang: Language;
  context: 'SE' | undefined;
  /** Names of the users the entry's changes refer to, by id. */
  people: Record<string, string>;
}

/** Bookkeeping that says nothing to a reader: ids, versions, timestamps of the row itself, search columns. */
const hidden = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'municipalityId',
  'createdBy',
  'updatedBy',
  'passwordHash',
  'searchVector',
  'target',
  'authorName',
  'deadlineDue',
  'newDeadlineDue',
  'overallDeadlineDue',
]);
/** Ids shown as a person's name. */
const personField = /(By|UserId)$/;
const isHidden = (field: string) => hidden.has(field) || (/Id$/.test(field) && !personField.test(field));

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A catalogue text when there is one, else the fallback (never the raw key). */
function label(r: Reader, key: string, fallback: string): string {
  return i18n.exists(key) ? r.t(key, { context: r.context }) : fallback;
}

/** A camelCase name as words: the last resort for a field the catalogue does not know yet. */
const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

export const fieldLabel = (r: Reader, field: string) => label(r, `activity.history.fields.${field}`, words(field));
export const resourceLabel = (r: Reader, resource: string) => label(r, `activity.history.resources.${resource}`, words(resource));
export const actionLabel = (r: Reader, action: string) => label(r, `activity.history.actions.${action}`, words(action));

/** An enumerated value (a state, a status, a grade, a kind) in words. */
function enumValue(r: Reader, field: string, value: string): string | null {
  const keys =
    field === 'state'
      ? [`activity.history.values.state.${value}`, `state.${value}`]
      : field === 'grade'
        ? [`grade.${value}`]
        : field === 'status' || field === 'kind' || field === 'subjectKind'
          ? [`activity.history.values.${field}.${value}`]
          : [];
  for (const key of keys) if (i18n.exists(key)) return r.t(key, { context: r.context });
  return null;
}

/** One line for an object inside a value: a deadline, a measure, a recommendation, a department, a meeting … */
function summarise(r: Reader, o: Record<string, unknown>): string {
  if (typeof o.display === 'string') return o.display;
  if (o.number !== undefined && typeof o.title === 'string') return `${String(o.number)}. ${o.title}`;
  if (o.number !== undefined && typeof o.text === 'string') return `${String(o.number)}. ${o.text}`;
  if (typeof o.code === 'string' && typeof o.state === 'string') return `${o.code}: ${enumValue(r, 'state', o.state) ?? o.state}`;
  if (typeof o.code === 'string' && typeof o.name === 'string') return `${o.code} ${o.name}`;
  if (typeof o.body === 'string' && typeof o.heldOn === 'string')
    return `${o.body}, ${formatDay(o.heldOn, r.lang)}${typeof o.agendaItem === 'string' ? `, ${o.agendaItem}` : ''}`;
  if (typeof o.approvedOn === 'string')
    return `${formatDay(o.approvedOn, r.lang)}${typeof o.approvedBy === 'string' && r.people[o.approvedBy] ? `, ${r.people[o.approvedBy]}` : ''}`;
  if (typeof o.title === 'string') return o.title;
  if (typeof o.name === 'string') return o.name;
  if (typeof o.reason === 'string') return o.reason;
  return fields(o)
    .map(([k, v]) => `${fieldLabel(r, k)}: ${valueText(r, k, v)}`)
    .join('; ');
}

/** The fields of a representation a reader cares about. */
export const fields = (o: Record<string, unknown>) => Object.entries(o).filter(([k]) => !isHidden(k));

/** A value in words; lists and nested objects become lines joined by "; " (the table shows them one per line). */
export function valueText(r: Reader, field: string, value: unknown): string {
  return valueLines(r, field, value).join('; ');
}

/** A value as lines of text. */
export function valueLines(r: Reader, field: string, value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [r.t('activity.history.none')];
  if (typeof value === 'boolean') return [r.t(value ? 'activity.history.yes' : 'activity.history.no')];
  if (typeof value === 'number') return [formatNumber(value, r.lang)];
  if (typeof value === 'string') {
    if (personField.test(field)) return [r.people[value] ?? r.t('activity.history.none')];
    const named = enumValue(r, field, value);
    if (named) return [named];
    if (ISO_DAY.test(value)) return [formatDay(value, r.lang)];
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return [formatDateTime(value, intlLocale[r.lang])];
    return [value];
  }
  if (Array.isArray(value)) {
    if (!value.length) return [r.t('activity.history.none')];
    // A list of ids (recommendations a measure answers, say) says only how many.
    if (value.every((v) => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v))) return [r.t('activity.history.items', { count: value.length })];
    return value.map((v) => (v && typeof v === 'object' ? summarise(r, v as Record<string, unknown>) : valueText(r, field, v)));
  }
  if (typeof value === 'object') return [summarise(r, value as Record<string, unknown>)];
  return [String(value)];
}

/** The fields a change touched, with their value before and after (a new resource: every field it has). */
export function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !isHidden(k));
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/** What a change was about, in a few words: the measure's number and title, the round's name … */
export function subjectOf(change: { before: unknown; after: unknown }): string | null {
  const o = ((change.after && typeof change.after === 'object' ? change.after : change.before) ?? {}) as Record<string, unknown>;
  if (o.number !== undefined && typeof o.title === 'string') return `${String(o.number)}. ${o.title}`;
  if (typeof o.title === 'string') return o.title;
  if (typeof o.name === 'string') return o.name;
  if (typeof o.departmentCode === 'string') return o.departmentCode;
  if (typeof o.fileName === 'string') return o.fileName;
  return null;
}
