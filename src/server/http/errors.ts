import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Locale } from '../../domain/i18n.js';
import { localeFromHeader } from './locale.js';
import { multipartParseProblem } from './multipart.js';
import { type FieldError, Problem, type ProblemCode } from './problem.js';

function requestLocale(req: FastifyRequest): Locale {
  return req.actor?.locale ?? localeFromHeader(req.headers['accept-language']) ?? 'da';
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: Problem): FastifyReply {
  const locale = requestLocale(req);
  const body: Record<string, unknown> = {
    type: `urn:tilsyn:problem:${problem.code}`,
    title: problem.title(locale),
    status: problem.status,
    instance: req.url,
    ...problem.extra,
  };
  const detail = problem.detailText(locale);
  if (detail) body.detail = detail;
  // The catalogue code and params beside the rendered text, for clients that word it themselves
  const code = problem.detailCode();
  if (code) {
    body.code = code.code;
    if (code.params) body.params = code.params;
  }
  if (problem.errors.length) body.errors = problem.renderedErrors(locale);
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}

const pgConstraintMessages: Record<string, FieldError> = {
  findings_number_uq: { field: 'body.number', code: 'finding.numberTaken', message: 'Another finding of this report has that number' },
  measures_number_uq: { field: 'body.number', code: 'measure.numberTaken', message: 'Another measure of this plan has that number' },
  action_plans_finding_department_uq: { field: 'body.departmentId', code: 'plan.exists', message: 'That department already has a plan for this finding' },
  departments_code_uq: { field: 'body.code', code: 'department.codeTaken', message: 'Another department has that code' },
  committees_code_uq: { field: 'body.code', code: 'committee.codeTaken', message: 'Another committee has that code' },
  users_email_uq: { field: 'body.email', code: 'user.emailTaken', message: 'Another user has that e-mail address' },
  follow_up_rounds_name_uq: { field: 'body.name', code: 'round.nameTaken', message: 'Another round has that name' },
};

/** The PostgreSQL error behind an error, unwrapping the ORM's wrapper (`cause`). */
export function pgError(err: unknown): { code?: string; constraint?: string } | null {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e as { code?: string; constraint?: string };
  }
  return null;
}

/** PostgreSQL errors that a concurrent request can still cause after the service's own checks. */
function fromDatabaseError(raw: unknown): Problem | null {
  const err = pgError(raw);
  if (!err) return null;
  if (err.code === '23505') {
    const fieldError = err.constraint ? pgConstraintMessages[err.constraint] : undefined;
    return new Problem(409, 'conflict', 'The change conflicts with existing data', fieldError ? [fieldError] : []);
  }
  if (err.code === '23503') return new Problem(422, 'validation', 'The change refers to something that does not exist');
  if (err.code === '22001') return new Problem(422, 'validation', 'A value is too long');
  // Input the boundary should have refused (a character or a date the database cannot hold): the caller's fault, not a 500
  if (err.code === '22021' || err.code === '22P05') return new Problem(400, 'badRequest', 'A text holds a character that cannot be stored');
  if (err.code === '22007' || err.code === '22008') return new Problem(400, 'badRequest', 'A date is out of range');
  if (err.code === '40001' || err.code === '40P01') return new Problem(409, 'conflict', 'Concurrent change; try again');
  return null;
}

const statusCodes: Record<number, ProblemCode> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'notFound',
  413: 'payloadTooLarge',
  415: 'unsupportedMediaType',
  409: 'conflict',
  429: 'tooManyRequests',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, new Problem(404, 'notFound', `No route ${req.method} ${req.url}`)));
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof Problem) return sendProblem(req, reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors: FieldError[] = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return {
          field: [err.validationContext ?? 'body', path].filter(Boolean).join('.'),
          code: `schema.${(v.params as { issue?: { code?: string } }).issue?.code ?? v.keyword}`,
          message: v.message ?? 'Invalid value',
        };
      });
      return sendProblem(req, reply, new Problem(400, 'badRequest', null, errors));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return sendProblem(req, reply, new Problem(500, 'internal'));
    }
    const db = fromDatabaseError(err);
    if (db) return sendProblem(req, reply, db);
    const multipart = multipartParseProblem(err);
    if (multipart) return sendProblem(req, reply, multipart);
    const status = err.statusCode ?? 500;
    if (status < 500) {
      return sendProblem(req, reply, new Problem(status, statusCodes[status] ?? 'badRequest', err.message));
    }
    // Never leak internals: the log has the stack, the client a generic problem.
    req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, new Problem(500, 'internal'));
  });
}
