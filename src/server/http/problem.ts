import type { Locale } from '../../domain/i18n.js';
import type { Params } from '../i18n/catalogue.js';
import { type MessageCode, renderMessage } from '../i18n/messages.js';
import { problemTitles } from '../i18n/messages/http.js';

/**
 * One invalid field of a request, named by its path (`body.measures.0.deadline`). `code` is what
 * clients branch on; `message` is a catalogue message (rendered in the caller's language when the
 * problem is sent) or, for the schema validator's own findings, a fixed text.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string | Detail;
  /** What a client needs beside a fixed-text message (ids to link to); a catalogue message carries its own. */
  params?: Params;
}

/** A field error as the response carries it. */
export interface RenderedFieldError {
  field: string;
  code: string;
  message: string;
  params?: Params;
}

export type ProblemCode = keyof typeof problemTitles;

/** A message of the server catalogue (i18n/messages/) with its params, rendered per request. */
export interface Detail {
  code: MessageCode;
  params?: Params;
}

export const detail = (code: MessageCode, params?: Params): Detail => (params ? { code, params } : { code });

/**
 * An error that becomes an RFC 9457 problem+json response. Thrown by services and routes with a
 * catalogue message (`detail(code, params)`); the app's error handler renders it in the request's
 * language. A plain string is for texts that are not translated (the database's own errors).
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: Detail | string | null = null,
    readonly errors: FieldError[] = [],
    /** Extra members, e.g. the current representation on a version conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(typeof detail === 'string' ? detail : detail === null ? code : renderMessage('en', detail.code, detail.params));
    this.name = 'Problem';
  }

  title(locale: Locale): string {
    return problemTitles[this.code][locale];
  }

  detailText(locale: Locale): string | undefined {
    if (this.detail === null) return undefined;
    if (typeof this.detail === 'string') return this.detail;
    return renderMessage(locale, this.detail.code, this.detail.params);
  }

  /** The catalogue code and params of the detail, for clients that render their own text. */
  detailCode(): Detail | undefined {
    return this.detail !== null && typeof this.detail !== 'string' ? this.detail : undefined;
  }

  /** The errors as sent; members beside field, code and message (an import's sheet and row, a limit) stay, in their order. */
  renderedErrors(locale: Locale): RenderedFieldError[] {
    return this.errors.map((error) => {
      const { message } = error;
      if (typeof message === 'string') return { ...error, message };
      return { ...error, message: renderMessage(locale, message.code, message.params), ...(message.params ? { params: message.params } : {}) };
    });
  }
}

/** A field error with a catalogue message: `fieldError('body.number', 'measure.numberTaken', 'plans.numberTaken', { number })`. */
export function fieldError(field: string, code: string, message: MessageCode, params?: Params): FieldError {
  return { field, code, message: detail(message, params) };
}

/** A field error whose message is a text as written: an English-only check, or a text already rendered (the domain's own). */
export function fixedError(field: string, code: string, message: string): FieldError {
  return { field, code, message };
}

/** 404 for a resource of this municipality; another municipality's ids answer the same way. */
export function notFound(resource: string, id: string): Problem {
  return new Problem(404, 'notFound', detail('resource.notFound', { resource, id }));
}

/** 422: the request is well-formed but breaks a rule; each broken field is named. */
export function invalid(errors: FieldError[]): Problem {
  return new Problem(422, 'validation', null, errors);
}

/** 422 on one field with a catalogue message. */
export function invalidField(field: string, code: string, message: MessageCode, params?: Params): Problem {
  return invalid([fieldError(field, code, message, params)]);
}

export function conflict(detail: Detail, errors: FieldError[] = []): Problem {
  return new Problem(409, 'conflict', detail, errors);
}

export function versionConflict(current: unknown, currentVersion: number): Problem {
  return new Problem(409, 'versionConflict', null, [], { currentVersion, current });
}
