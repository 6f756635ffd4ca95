/**
 * Every error the SDK raises is a {@link WandbError}; catch the subclasses with `instanceof`.
 *
 * A caller's own `AbortSignal` is the one exception: aborting rejects with the signal's reason
 * (an `AbortError` `DOMException` unless you passed another), as `fetch` does.
 *
 * @module
 */
// Secrets the process has handed to a client. Every message and cause an error carries is checked
// against them, so a key cannot leak through a server echo, a fetch error or a user hook.
const secrets = new Set();
/** @internal Registers a credential (and its Basic-auth forms) to be scrubbed from every error. */
export function registerSecret(secret) {
    if (secret.length < 4)
        return;
    secrets.add(secret);
    secrets.add(Buffer.from(`api:${secret}`).toString("base64"));
}
/** @internal Replaces every registered secret in `text`. */
export function scrubSecrets(text) {
    let clean = text;
    for (const secret of secrets) {
        if (clean.includes(secret))
            clean = clean.split(secret).join("[redacted]");
    }
    return clean;
}
function containsSecret(text) {
    for (const secret of secrets)
        if (text.includes(secret))
            return true;
    return false;
}
// A cause is kept as it is unless something in it spells a secret; then only a scrubbed summary of
// it survives, because util.inspect would print every nested property of the original.
function safeCause(cause) {
    if (cause === undefined || secrets.size === 0)
        return cause;
    let rendered;
    try {
        rendered =
            cause instanceof Error
                ? `${cause.name}: ${cause.message}\n${cause.stack ?? ""}\n${String(safeJson(cause))}`
                : String(safeJson(cause));
    }
    catch {
        return new Error("(cause could not be inspected)");
    }
    if (!containsSecret(rendered))
        return cause;
    const name = cause instanceof Error ? cause.name : typeof cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    return new Error(scrubSecrets(`${name}: ${message}`));
}
/**
 * `value` with every registered secret scrubbed from its strings, for data a server sent back (a
 * hostile or buggy server may echo the Authorization header into it). Unchanged when clean.
 */
function scrubDeep(value) {
    if (secrets.size === 0 || value === undefined)
        return value;
    let text;
    try {
        text = JSON.stringify(value);
    }
    catch {
        return value;
    }
    if (text === undefined || !containsSecret(text))
        return value;
    return JSON.parse(scrubSecrets(text));
}
function safeJson(value) {
    try {
        return JSON.stringify(value, Object.getOwnPropertyNames(value ?? {})) ?? "";
    }
    catch {
        return "";
    }
}
/** The root of every error the SDK raises. */
export class WandbError extends Error {
    /** The GraphQL operation or SDK function the error came from. */
    operation;
    /** The HTTP status, when the server answered. */
    status;
    /** The run (`entity/project/id`) the error concerns, when known. */
    runPath;
    constructor(message, context = {}) {
        const cause = safeCause(context.cause);
        super(scrubSecrets(message), cause === undefined ? undefined : { cause });
        this.operation = context.operation;
        this.status = context.status;
        this.runPath = context.runPath;
        if (this.stack)
            this.stack = scrubSecrets(this.stack);
    }
    /** A plain object for logs: name, message and context, never a credential. */
    toJSON() {
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
export class WandbAuthError extends WandbError {
}
/** The server answered `null` for a run: it does not exist or the key may not read it. */
export class RunNotFoundError extends WandbError {
}
/** The server answered `null` for a project. */
export class ProjectNotFoundError extends WandbError {
    /** `entity/project`. */
    projectPath;
    constructor(projectPath, context = {}) {
        super(`project ${projectPath} not found (it does not exist, or this API key may not read it)`, context);
        this.projectPath = projectPath;
    }
    toJSON() {
        return { ...super.toJSON(), projectPath: this.projectPath };
    }
}
/** HTTP 429 after every retry allowed, or a wait longer than the time left. */
export class WandbRateLimitError extends WandbError {
    /** How long the server asked to wait (`Retry-After` or `RateLimit-Reset`), when it said. */
    retryAfterMs;
    constructor(message, retryAfterMs, context = {}) {
        super(message, context);
        this.retryAfterMs = retryAfterMs;
    }
    toJSON() {
        return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
    }
}
/** An attempt ran past `timeoutMs` on every try, or the call ran past `retry.maxElapsedMs`. */
export class WandbTimeoutError extends WandbError {
    /** HTTP attempts made. */
    attempts;
    /** Milliseconds from the first attempt to giving up. */
    elapsedMs;
    constructor(message, attempts, elapsedMs, context = {}) {
        super(message, context);
        this.attempts = attempts;
        this.elapsedMs = elapsedMs;
    }
    toJSON() {
        return { ...super.toJSON(), attempts: this.attempts, elapsedMs: this.elapsedMs };
    }
}
/** The request never got an answer: connection refused or reset, DNS, socket closed. */
export class WandbNetworkError extends WandbError {
}
/**
 * The server answered with GraphQL `errors`, or with an HTTP error status other than 401, 403 and
 * 429 (`status` says which). `data` holds whatever partial data came with it.
 */
export class WandbGraphQLError extends WandbError {
    errors;
    data;
    constructor(message, errors, data, context = {}) {
        super(message, context);
        this.errors = scrubDeep(errors.map((entry) => ({ ...entry })));
        this.data = scrubDeep(data);
    }
    toJSON() {
        return { ...super.toJSON(), errors: this.errors };
    }
}
/** A body or a field the SDK cannot read: not JSON, a JSONString that does not parse, a bad date. */
export class WandbResponseError extends WandbError {
    /** The field that could not be read (`config`, `summaryMetrics`, `createdAt`, …), when it was one. */
    field;
    constructor(message, context = {}) {
        super(message, context);
        this.field = context.field;
    }
    toJSON() {
        return { ...super.toJSON(), field: this.field };
    }
}
/** A bad argument or option, raised before any request is sent. */
export class InvalidArgumentError extends WandbError {
}
// Names live on the prototypes, not as instance fields, so the stack's first line (captured inside
// the Error constructor, before any field is set) already says which class it is. Literal strings
// survive minifiers that rename classes.
const errorNames = [
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
];
for (const [errorClass, name] of errorNames) {
    Object.defineProperty(errorClass.prototype, "name", { value: name, writable: true, configurable: true });
}
//# sourceMappingURL=errors.js.map