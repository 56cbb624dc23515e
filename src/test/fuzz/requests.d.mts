// Types of requests.mjs (plain JavaScript so that bench/fuzz.mjs can use it without a build).

export interface FuzzOperation {
  key: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: unknown; required?: boolean }[];
  queryParams: { name: string; schema: unknown; required?: boolean }[];
  bodyType: string | null;
  bodySchema: unknown;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /**
   * user: as the acting user with its API token, session: with its browser session (the caller
   * adds either credential); none: without one; bogus: a made-up one.
   */
  auth: 'user' | 'session' | 'none' | 'bogus';
  /** For a change in a session: ok (the caller adds the session's CSRF token), missing, or wrong (already in the headers). */
  csrf?: 'ok' | 'missing' | 'wrong';
}

export interface FuzzResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

export interface FuzzFailure {
  op: string;
  mode: string;
  request: FuzzRequest;
  /** null: no answer (the request threw or timed out). */
  status: number | null;
  body: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  /** The time budget ended the run before `requests` were sent. */
  interrupted: boolean;
  operations: number;
  /** Operations that answered at least once with something other than 400 (got past validation). */
  reached: number;
  /** Operations that answered 2xx at least once. */
  succeeded: number;
  byClass: Record<string, number>;
  byStatus: Record<string, number>;
  perOperation: Map<string, { calls: number; ms: number; statuses: Record<string, number> }>;
  failures: FuzzFailure[];
  seconds: number;
}

export declare function operationsOf(doc: unknown): FuzzOperation[];
export declare function kindOf(name: string): string;
export declare function pathKindOf(path: string): string;

export declare class FuzzState {
  protectedIds: Set<string>;
  constructor(init?: { own?: Record<string, string[]>; foreign?: Record<string, string[]>; protectedIds?: Iterable<string> });
  addOwn(kind: string, id: string): void;
}

export declare class Credentials {
  constructor(how: {
    issueToken: () => Promise<{ value: string; id: string }>;
    tokenRevoked: (value: string) => Promise<boolean>;
    signIn?: () => Promise<{ cookie: string; csrf: string }>;
    sessionAlive?: (cookie: string) => Promise<boolean>;
    state: FuzzState;
  });
  renewed: { token: number; session: number };
  headers(req: FuzzRequest): Promise<Record<string, string>>;
  after(req: FuzzRequest, res: FuzzResponse): Promise<void>;
}

export declare function runFuzz(opts: {
  doc: unknown;
  seed: number;
  requests: number;
  state: FuzzState;
  send: (req: FuzzRequest) => Promise<FuzzResponse>;
  skip?: (op: FuzzOperation) => boolean;
  /** Call the operation only every n-th round (expensive ones). */
  every?: (op: FuzzOperation) => number;
  /** Share of requests without a credential (a half as many again with a made-up one); default 0.03. */
  unauthenticatedShare?: number;
  /** Share of requests made in the user's browser session instead of with its token; default 0 (the caller must handle 'session'). */
  sessionShare?: number;
  /** Per request (default 60 s): a request that gets no answer by then is a failure. */
  timeoutMs?: number;
  /** Stop drawing new requests after this long (the run so far is reported). */
  budgetMs?: number;
  onProgress?: (done: number) => void;
}): Promise<FuzzReport>;

export declare function describeFailure(f: FuzzFailure): string;
