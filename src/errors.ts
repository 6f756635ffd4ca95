/**
 * Every error the SDK raises is a {@link WandbError}; catch the subclasses with `instanceof`.
 *
 * A caller's own `AbortSignal` is the one exception: aborting rejects with the signal's reason
 * (an `AbortError` `DOMException` unless you passed another), as `fetch` does.
 *
 * @module
 */

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

// Secrets the process has handed to a client. Every message and cause an error carries is checked
// against them, so a key cannot leak through a server echo, a fetch error or a user hook.
const secrets = new Set<string>();

/** @internal Registers a credential (and its Basic-auth forms) to be scrubbed from every error. */
export function registerSecret(secret: string): void {
  if (secret.length < 4) return;
  secrets.add(secret);
  secrets.add(Buffer.from(`api:${secret}`).toString("base64"));
}

/** @internal Replaces every registered secret in `text`. */
export function scrubSecrets(text: string): string {
  let clean = text;
  for (const secret of secrets) {
    if (clean.includes(secret)) clean = clean.split(secret).join("[redacted]");
  }
  return clean;
}

function containsSecret(text: string): boolean {
  for (const secret of secrets) if (text.includes(secret)) return true;
  return false;
}

// A cause is kept as it is unless something in it spells a secret; then only a scrubbed summary of
// it survives, because util.inspect would print every nested property of the original.
function safeCause(cause: unknown): unknown {
  if (cause === undefined || secrets.size === 0) return cause;
  let rendered: string;
  try {
    rendered =
      cause instanceof Error
        ? `${cause.name}: ${cause.message}\n${cause.stack ?? ""}\n${String(safeJson(cause))}`
        : String(safeJson(cause));
  } catch {
    return new Error("(cause could not be inspected)");
  }
  if (!containsSecret(rendered)) return cause;
  const name = cause instanceof Error ? cause.name : typeof cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new Error(scrubSecrets(`${name}: ${message}`));
}

/**
 * `value` with every registered secret scrubbed from its strings, for data a server sent back (a
 * hostile or buggy server may echo the Authorization header into it). Unchanged when clean.
 */
function scrubDeep<T>(value: T): T {
  if (secrets.size === 0 || value === undefined) return value;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return value;
  }
  if (text === undefined || !containsSecret(text)) return value;
  return JSON.parse(scrubSecrets(text)) as T;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, Object.getOwnPropertyNames(value ?? {})) ?? "";
  } catch {
    return "";
  }
}

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
    super(scrubSecrets(message), cause === undefined ? undefined : { cause });
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

/** The request never got an answer: connection refused or reset, DNS, socket closed. */
export class WandbNetworkError extends WandbError {}

/**
 * The server answered with GraphQL `errors`, or with an HTTP error status other than 401, 403 and
 * 429 (`status` says which). `data` holds whatever partial data came with it.
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
    this.errors = scrubDeep(errors.map((entry) => ({ ...entry })));
    this.data = scrubDeep(data);
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), errors: this.errors };
  }
}

/** A body or a field the SDK cannot read: not JSON, a JSONString that does not parse, a bad date. */
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
  [WandbResponseError, "WandbResponseError"],
  [InvalidArgumentError, "InvalidArgumentError"],
  [RunStalledError, "RunStalledError"],
  [RunSchemaError, "RunSchemaError"],
];
for (const [errorClass, name] of errorNames) {
  Object.defineProperty(errorClass.prototype, "name", { value: name, writable: true, configurable: true });
}
