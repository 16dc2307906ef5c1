/**
 * The one error tree of atlas-run. Every failure the tool reports is one of these classes, so the
 * CLI can map it to an exit code and a message without guessing, and nothing else leaks a stack.
 */

export interface AtlasErrorOptions {
  cause?: unknown;
}

/** Root of every error atlas-run throws on purpose. `exitCode` is what the CLI exits with. */
export class AtlasError extends Error {
  readonly exitCode: number = 1;

  constructor(message: string, options: AtlasErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}

/** Bad command line, bad item, missing credential: exit 2, a one-line hint, nothing sent. */
export class UsageError extends AtlasError {
  override readonly exitCode: number = 2;
  readonly hint: string | undefined;

  constructor(message: string, options: AtlasErrorOptions & { hint?: string } = {}) {
    super(message, options);
    this.hint = options.hint;
  }
}

/** One problem found in an input file, located so an editor can jump to it. */
export interface SourceIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
  /** The offending source line with a caret under the column, ready to print. */
  excerpt?: string;
}

/** A workflow, vars file or other input that cannot be used. Carries every issue found, not just the first. */
export class WorkflowError extends AtlasError {
  override readonly exitCode: number = 2;
  readonly issues: readonly SourceIssue[];

  constructor(issues: readonly SourceIssue[], options: AtlasErrorOptions = {}) {
    super(issues.map(formatIssueHeadline).join('\n'), options);
    this.issues = issues;
  }
}

export function formatIssueHeadline(issue: SourceIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

/** Where a request went: used by every API-side error so messages always name method and path. */
export interface RequestTarget {
  method: string;
  /** Path as sent, starting with `/v1/…`, without query string secrets (there are none in Fivetran's API). */
  path: string;
}

/** The API answered with a non-2xx status. */
export class ApiError extends AtlasError {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Fivetran's `code` string (e.g. `NotFound_Connection`), when the body had one. */
  readonly code: string | undefined;
  /** Fivetran's `message` text, when the body had one. */
  readonly apiMessage: string | undefined;
  /** True when the request may have been applied although it failed (5xx after a write). */
  readonly mayHaveBeenApplied: boolean;

  constructor(
    target: RequestTarget & { status: number; code?: string; apiMessage?: string; mayHaveBeenApplied?: boolean },
    options: AtlasErrorOptions & { message?: string } = {},
  ) {
    super(options.message ?? formatApiMessage(target), options);
    this.method = target.method;
    this.path = target.path;
    this.status = target.status;
    this.code = target.code;
    this.apiMessage = target.apiMessage;
    this.mayHaveBeenApplied = target.mayHaveBeenApplied ?? false;
  }

  /** Fivetran spells not-found codes per entity (`NotFound_Group`…); the prefix is what matters. */
  get isNotFound(): boolean {
    return this.status === 404 || (this.code?.startsWith('NotFound') ?? false);
  }
}

function formatApiMessage(t: { method: string; path: string; status: number; code?: string; apiMessage?: string }): string {
  const detail = [t.code, t.apiMessage].filter(Boolean).join(': ');
  return `${t.method} ${t.path} → ${t.status}${detail ? ` ${detail}` : ''}`;
}

/** The server answered 2xx or an error, but the body was not the `{code, message, data}` JSON we expect. */
export class InvalidResponseError extends AtlasError {
  readonly method: string;
  readonly path: string;
  readonly status: number;

  constructor(target: RequestTarget & { status: number; reason: string }, options: AtlasErrorOptions = {}) {
    super(`${target.method} ${target.path} → ${target.status} invalid response: ${target.reason}`, options);
    this.method = target.method;
    this.path = target.path;
    this.status = target.status;
  }
}

/** Connection refused, reset, DNS failure… the request may or may not have reached the server. */
export class NetworkError extends AtlasError {
  readonly method: string;
  readonly path: string;
  readonly mayHaveBeenApplied: boolean;

  constructor(target: RequestTarget & { reason: string; mayHaveBeenApplied: boolean }, options: AtlasErrorOptions = {}) {
    super(`${target.method} ${target.path} → network error: ${target.reason}`, options);
    this.method = target.method;
    this.path = target.path;
    this.mayHaveBeenApplied = target.mayHaveBeenApplied;
  }
}

/** No complete answer within the client's timeout. */
export class TimeoutError extends AtlasError {
  readonly method: string;
  readonly path: string;
  readonly timeoutMs: number;
  readonly mayHaveBeenApplied: boolean;

  constructor(target: RequestTarget & { timeoutMs: number; mayHaveBeenApplied: boolean }, options: AtlasErrorOptions = {}) {
    super(`${target.method} ${target.path} → timed out after ${target.timeoutMs} ms`, options);
    this.method = target.method;
    this.path = target.path;
    this.timeoutMs = target.timeoutMs;
    this.mayHaveBeenApplied = target.mayHaveBeenApplied;
  }
}

/** A `${{ … }}` expression that does not parse or fails to evaluate. */
export class ExpressionError extends AtlasError {
  readonly expression: string;

  constructor(expression: string, message: string, options: AtlasErrorOptions = {}) {
    super(message, options);
    this.expression = expression;
  }
}

/** The user pressed Ctrl-C: in-flight work finished, nothing new started. */
export class InterruptedError extends AtlasError {
  override readonly exitCode: number = 130;
}

/** True when a failed write might nevertheless have been applied by the server. */
export function mayHaveBeenApplied(error: unknown): boolean {
  return (
    (error instanceof ApiError || error instanceof NetworkError || error instanceof TimeoutError) &&
    error.mayHaveBeenApplied
  );
}

export function isAtlasError(error: unknown): error is AtlasError {
  return error instanceof AtlasError;
}

/** A step could not do its job for a reason of its own (an assertion, a command's exit code, a wait that timed out). */
export class StepError extends AtlasError {}
