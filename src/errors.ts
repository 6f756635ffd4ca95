/**
 * Every error the SDK raises is a {@link WandbError}; catch the subclasses with `instanceof`.
 *
 * A caller's own `AbortSignal` is the one exception: aborting rejects with the signal's reason
 * (an `AbortError` `DOMException` unless you passed another), as `fetch` does.
 *
 * @module
 */
import { excerpt, safeCause, scrubData, scrubSecrets } from "./secrets.js";

/** Where an error happened, as far as the SDK knows. */
export interface WandbErrorContext {
  /** The GraphQL operation (`RunsByName`, `ListRuns`, …) or SDK function the error came from. */
  operation?: string | undefined;
  /** The HTTP status of the answer, when there was one. */
  status?: number | undefined;
  /** The run (`entity/project/id`) the error concerns, when it concerns one. */
  runPath?: string | undefined;
  /** The underlying error. */
  cause?: unknown;
}

/** One entry of a GraphQL `errors` array, as the server sent it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number> | undefined;
  extensions?: Record<string, unknown> | undefined;
}

/** Longest message an error keeps; past it, the message is cut (a server may send megabytes). */
const maxMessageChars = 2000;

/** The root of every error the SDK raises. */
export class WandbError extends Error {
  /** The GraphQL operation or SDK function the error came from. */
  readonly operation: string | undefined;
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** The run (`entity/project/id`) the error concerns, when known. */
  readonly runPath: string | undefined;

  constructor(message: string, context: WandbErrorContext = {}) {
    const cause = safeCause(context.cause);
    super(excerpt(message, maxMessageChars, { oneLine: false }), cause === undefined ? undefined : { cause });
    this.operation = context.operation;
    this.status = context.status;
    this.runPath = context.runPath;
    if (this.stack) this.stack = scrubSecrets(this.stack);
  }

  /** A plain object for logs: name, message and context, never a credential. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      operation: this.operation,
      status: this.status,
      runPath: this.runPath,
    };
  }
}

/** No API key, or the server refused the one sent (HTTP 401 or 403). */
export class WandbAuthError extends WandbError {}

/** The server answered `null` for a run: it does not exist or the key may not read it. */
export class RunNotFoundError extends WandbError {}

/**
 * The server answered `null` for a project, or refused it with HTTP 403 while it accepts the API
 * key (then `status` is 403 and `cause` is the refusal).
 */
export class ProjectNotFoundError extends WandbError {
  /** `entity/project`. */
  readonly projectPath: string;
  /** @param detail - Appended to the message: how the server said so, when not with `null`. */
  constructor(projectPath: string, context: WandbErrorContext = {}, detail?: string) {
    const why = detail ? `: ${detail}` : "";
    super(
      `project ${projectPath} not found (it does not exist, or this API key may not read it)${why}`,
      context,
    );
    this.projectPath = projectPath;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), projectPath: this.projectPath };
  }
}

/** HTTP 429 after every retry allowed, or a wait longer than the time left. */
export class WandbRateLimitError extends WandbError {
  /** How long the server asked to wait (`Retry-After` or `RateLimit-Reset`), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs: number | undefined, context: WandbErrorContext = {}) {
    super(message, context);
    this.retryAfterMs = retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** An attempt ran past `timeoutMs` on every try, or the call ran past `retry.maxElapsedMs`. */
export class WandbTimeoutError extends WandbError {
  /** HTTP attempts made. */
  readonly attempts: number;
  /** Milliseconds from the first attempt to giving up. */
  readonly elapsedMs: number;
  constructor(message: string, attempts: number, elapsedMs: number, context: WandbErrorContext = {}) {
    super(message, context);
    this.attempts = attempts;
    this.elapsedMs = elapsedMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), attempts: this.attempts, elapsedMs: this.elapsedMs };
  }
}

/**
 * The request never got a whole answer: connection refused or reset, DNS, TLS, a socket closed
 * before the body ended.
 */
export class WandbNetworkError extends WandbError {
  /**
   * The system or TLS error code behind it, when there is one (`ECONNREFUSED`, `ECONNRESET`,
   * `ENOTFOUND`, `EAI_AGAIN`, `CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`, …).
   */
  readonly code: string | undefined;
  constructor(message: string, context: WandbErrorContext & { code?: string | undefined } = {}) {
    super(message, context);
    this.code = context.code;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), code: this.code };
  }
}

/**
 * The server answered with GraphQL `errors`, or with an HTTP error status other than 401, 403, 429
 * and 5xx (`status` says which; 5xx answers are {@link WandbServerError}, a subclass). `data`
 * holds whatever partial data came with it.
 */
export class WandbGraphQLError extends WandbError {
  readonly errors: readonly GraphQLErrorEntry[];
  readonly data: unknown;
  constructor(
    message: string,
    errors: readonly GraphQLErrorEntry[],
    data: unknown,
    context: WandbErrorContext = {},
  ) {
    super(message, context);
    const entries = errors.map((entry) => ({ ...entry }));
    // What cannot be checked for a secret is not kept: the data goes, the messages stay.
    this.errors =
      scrubData(entries) ?? entries.map((entry) => ({ message: excerpt(entry.message, maxMessageChars) }));
    this.data = scrubData(data);
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), errors: this.errors };
  }
}

/**
 * W&B failed to answer: HTTP 5xx (`status` says which), after every retry allowed (501 is never
 * retried). A subclass of {@link WandbGraphQLError}, so `errors` holds the messages of the body
 * when it had any; catch this class to tell "W&B is down" from "W&B refused the query".
 */
export class WandbServerError extends WandbGraphQLError {
  /** How long a 503 asked to wait (`Retry-After` or `RateLimit-Reset`), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    errors: readonly GraphQLErrorEntry[],
    data: unknown,
    retryAfterMs: number | undefined,
    context: WandbErrorContext = {},
  ) {
    super(message, errors, data, context);
    this.retryAfterMs = retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/**
 * A body or a field the SDK cannot read: not JSON, not a GraphQL answer, larger than
 * `maxResponseBytes`, a JSONString that does not parse, a bad date, `null` where W&B's schema
 * promises a value. Never retried: the same request would get the same answer.
 */
export class WandbResponseError extends WandbError {
  /** The field that could not be read (`config`, `summaryMetrics`, `createdAt`, …), when it was one. */
  readonly field: string | undefined;
  constructor(message: string, context: WandbErrorContext & { field?: string | undefined } = {}) {
    super(message, context);
    this.field = context.field;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

/** A bad argument or option, raised before any request is sent. */
export class InvalidArgumentError extends WandbError {}

/**
 * No artifact version answers to the name: its project, its collection or the alias does not exist,
 * or this API key may not read it (W&B answers `null` for all of these).
 */
export class ArtifactNotFoundError extends WandbError {
  /** `entity/project/name:alias`, as asked for. */
  readonly artifactPath: string;
  constructor(message: string, artifactPath: string, context: WandbErrorContext = {}) {
    super(message, context);
    this.artifactPath = artifactPath;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), artifactPath: this.artifactPath };
  }
}

/** A run or an artifact version has no file of that name or path. */
export class FileNotFoundError extends WandbError {
  /** The run file's name or the artifact file's path. */
  readonly file: string;
  constructor(message: string, file: string, context: WandbErrorContext = {}) {
    super(message, context);
    this.file = file;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), file: this.file };
  }
}

/**
 * The bytes downloaded do not match the digest W&B recorded for the file (base64 MD5), on every
 * attempt allowed; nothing was written under the file's name.
 */
export class DigestMismatchError extends WandbError {
  /** The run file's name or the artifact file's path. */
  readonly file: string;
  /** The digest W&B recorded (base64 MD5). */
  readonly expected: string;
  /** The digest of the bytes received (base64 MD5). */
  readonly actual: string;
  constructor(file: string, expected: string, actual: string, context: WandbErrorContext = {}) {
    super(`${file}: downloaded bytes have MD5 ${actual}, W&B recorded ${expected}`, context);
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), file: this.file, expected: this.expected, actual: this.actual };
  }
}

/**
 * `waitForRun` gave up on a run that stopped reporting: W&B still calls it `running`, but its last
 * heartbeat (or, before its first one, its creation) is older than `staleAfterMs`. W&B clients send
 * a heartbeat every 30 seconds while a run is alive.
 */
export class RunStalledError extends WandbError {
  /** The state W&B reports (`running`). */
  readonly state: string;
  /** The run's last heartbeat; `null` when it never sent one. */
  readonly heartbeatAt: Date | null;
  /** How long ago the run was last heard of (its heartbeat, else its creation), in milliseconds. */
  readonly silentForMs: number;
  constructor(
    message: string,
    details: { state: string; heartbeatAt: Date | null; silentForMs: number },
    context: WandbErrorContext = {},
  ) {
    super(message, context);
    this.state = details.state;
    this.heartbeatAt = details.heartbeatAt;
    this.silentForMs = details.silentForMs;
  }
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      state: this.state,
      heartbeatAt: this.heartbeatAt?.toISOString() ?? null,
      silentForMs: this.silentForMs,
    };
  }
}

/**
 * `source: "exports"` was asked of a run that has no Parquet history exports yet, or of a W&B
 * server that does not serve them (`parquetHistory`). `source: "auto"` reads pages instead.
 */
export class NoHistoryExportsError extends WandbError {}

/**
 * `downloadHistoryExports` with `requireComplete` (the default) on a run whose history is not all
 * exported yet: some rows are still only live, typically because the run is still running. Pass
 * `requireComplete: false` to take the files that exist.
 */
export class IncompleteRunHistoryError extends WandbError {
  /** How many rows are not exported yet. */
  readonly liveRows: number;
  constructor(message: string, liveRows: number, context: WandbErrorContext = {}) {
    super(message, context);
    this.liveRows = liveRows;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), liveRows: this.liveRows };
  }
}

/** One problem a schema found: what is wrong, and where (`[]` for the value as a whole). */
export interface SchemaIssue {
  message: string;
  /** Keys and array indexes from the top of the config or summary to the offending value. */
  path: ReadonlyArray<string | number>;
}

/**
 * A run's config or summary did not match the schema given to `runConfig` or `runSummary`. The
 * message names the run, the field and the first issues; `issues` lists every one.
 */
export class RunSchemaError extends WandbError {
  /** `config` or `summary`. */
  readonly section: "config" | "summary";
  /** Every issue the schema reported, in its order. */
  readonly issues: readonly SchemaIssue[];
  constructor(
    section: "config" | "summary",
    issues: readonly SchemaIssue[],
    context: WandbErrorContext = {},
  ) {
    super(schemaMessage(section, issues, context.runPath), context);
    this.section = section;
    this.issues = issues.map((issue) => ({ message: issue.message, path: [...issue.path] }));
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), section: this.section, issues: this.issues };
  }
}

const issuesInMessage = 3;

function schemaMessage(section: string, issues: readonly SchemaIssue[], runPath: string | undefined): string {
  const shown = issues
    .slice(0, issuesInMessage)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`);
  const more = issues.length > issuesInMessage ? `; and ${issues.length - issuesInMessage} more` : "";
  const run = runPath ? `run ${runPath}: ` : "";
  return `${run}${section} does not match the schema: ${shown.join("; ")}${more}`;
}

// Names live on the prototypes, not as instance fields, so the stack's first line (captured inside
// the Error constructor, before any field is set) already says which class it is. Literal strings
// survive minifiers that rename classes.
const errorNames: Array<[{ prototype: Error }, string]> = [
  [WandbError, "WandbError"],
  [WandbAuthError, "WandbAuthError"],
  [RunNotFoundError, "RunNotFoundError"],
  [ProjectNotFoundError, "ProjectNotFoundError"],
  [WandbRateLimitError, "WandbRateLimitError"],
  [WandbTimeoutError, "WandbTimeoutError"],
  [WandbNetworkError, "WandbNetworkError"],
  [WandbGraphQLError, "WandbGraphQLError"],
  [WandbServerError, "WandbServerError"],
  [WandbResponseError, "WandbResponseError"],
  [InvalidArgumentError, "InvalidArgumentError"],
  [ArtifactNotFoundError, "ArtifactNotFoundError"],
  [FileNotFoundError, "FileNotFoundError"],
  [DigestMismatchError, "DigestMismatchError"],
  [RunStalledError, "RunStalledError"],
  [RunSchemaError, "RunSchemaError"],
];
for (const [errorClass, name] of errorNames) {
  Object.defineProperty(errorClass.prototype, "name", { value: name, writable: true, configurable: true });
}
