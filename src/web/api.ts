/** One field error of a problem+json answer (`body.measures.2.deadline`). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** An API failure: the problem+json body's title, detail and field errors, in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
    readonly body: Record<string, unknown>,
  ) {
    super(detail ?? title);
  }
}

let csrfToken: string | null = null;
/** The session's CSRF token, echoed on every change (the server refuses changes without it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let language = 'da';
export function setApiLanguage(lang: string): void {
  language = lang;
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'accept-language': language,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    throw new ApiError(
      res.status,
      String(json.title ?? res.statusText),
      json.detail as string | undefined,
      (json.errors as FieldError[] | undefined) ?? [],
      json,
    );
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);

/** Uploads one file as multipart/form-data (field `file`); errors as ApiError like api(). */
export async function upload<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return postForm<T>(path, form);
}

/** POSTs a multipart/form-data body (fields and files in the order appended), with the CSRF token; errors as ApiError. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'accept-language': language, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body: form,
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok)
    throw new ApiError(
      res.status,
      String(json.title ?? res.statusText),
      json.detail as string | undefined,
      (json.errors as FieldError[] | undefined) ?? [],
      json,
    );
  return json as T;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

// The session's shapes are the server's (queries/session.ts); re-exported for the pages that import them from here.
export type { Role, SessionInfo } from './queries/session';
