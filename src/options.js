/**
 * Client options: their types, their defaults, and where each comes from when not given
 * (environment, netrc). Everything is checked here, before any request.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "./errors.js";
export const defaultBaseUrl = "https://api.wandb.ai";
export const defaultRetry = {
    retries: 8,
    minDelayMs: 500,
    maxDelayMs: 30_000,
    maxElapsedMs: 120_000,
};
export const defaultTimeoutMs = 30_000;
const optionNames = new Set([
    "apiKey",
    "baseUrl",
    "entity",
    "project",
    "fetch",
    "timeoutMs",
    "retry",
    "maxBatchSize",
    "maxConcurrentRequests",
    "cache",
    "headers",
    "allowInsecureHttp",
    "onRequest",
]);
const retryOptionNames = new Set([
    "retries",
    "minDelayMs",
    "maxDelayMs",
    "maxElapsedMs",
]);
/** Checks that an options object names only known keys; typos fail loudly instead of being ignored. */
export function assertKnownOptions(options, known, what) {
    for (const name of Object.keys(options)) {
        if (!known.has(name)) {
            throw new InvalidArgumentError(`unknown ${what} option ${JSON.stringify(name)}; known options: ${[...known].join(", ")}`);
        }
    }
}
/** Applies defaults, the environment and netrc to the caller's options, and checks them all. */
export function resolveOptions(options = {}, sources = { env: process.env, home: homedir() }) {
    if (typeof options !== "object" || options === null) {
        throw new InvalidArgumentError("createClient options must be an object");
    }
    assertKnownOptions(options, optionNames, "createClient");
    const { env } = sources;
    const baseUrl = resolveBaseUrl(options, env);
    const retry = resolveRetry(options.retry);
    const headers = resolveHeaders(options.headers);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function")
        throw new InvalidArgumentError("fetch must be a function");
    if (options.onRequest !== undefined && typeof options.onRequest !== "function") {
        throw new InvalidArgumentError("onRequest must be a function");
    }
    if (options.apiKey !== undefined && (typeof options.apiKey !== "string" || options.apiKey.trim() === "")) {
        throw new InvalidArgumentError("apiKey must be a non-empty string");
    }
    const explicitKey = options.apiKey?.trim();
    let lookup;
    return {
        baseUrl,
        endpoint: `${baseUrl.href.replace(/\/+$/, "")}/graphql`,
        entity: optionalName(options.entity, "entity") ?? nonEmpty(env.WANDB_ENTITY),
        project: optionalName(options.project, "project") ?? nonEmpty(env.WANDB_PROJECT),
        fetch: fetchImpl,
        timeoutMs: resolveTimeout(options.timeoutMs, env.WANDB_HTTP_TIMEOUT),
        retry,
        maxBatchSize: positiveInteger(options.maxBatchSize, "maxBatchSize", 50),
        maxConcurrentRequests: positiveInteger(options.maxConcurrentRequests, "maxConcurrentRequests", 6),
        cache: optionalBoolean(options.cache, "cache") ?? true,
        headers,
        onRequest: options.onRequest,
        apiKey: () => {
            lookup ??= explicitKey ? { key: explicitKey } : lookUpApiKey(baseUrl, sources);
            return lookup;
        },
    };
}
function nonEmpty(value) {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
}
function optionalName(value, name) {
    if (value === undefined)
        return undefined;
    if (typeof value !== "string" || value.trim() === "" || value.includes("/")) {
        throw new InvalidArgumentError(`${name} must be a non-empty name without "/"`);
    }
    return value.trim();
}
function optionalBoolean(value, name) {
    if (value === undefined)
        return undefined;
    if (typeof value !== "boolean")
        throw new InvalidArgumentError(`${name} must be true or false`);
    return value;
}
/** A whole number >= 1, or the default when undefined. */
export function positiveInteger(value, name, fallback) {
    if (value === undefined)
        return fallback;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
        throw new InvalidArgumentError(`${name} must be a whole number >= 1, got ${String(value)}`);
    }
    return value;
}
function nonNegativeMs(value, name, fallback) {
    if (value === undefined)
        return fallback;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new InvalidArgumentError(`${name} must be a number of milliseconds >= 0, got ${String(value)}`);
    }
    return value;
}
function resolveRetry(retry) {
    if (retry === false)
        return { ...defaultRetry, retries: 0 };
    if (retry === undefined)
        return { ...defaultRetry };
    if (typeof retry !== "object" || retry === null) {
        throw new InvalidArgumentError("retry must be an object of limits, or false");
    }
    assertKnownOptions(retry, retryOptionNames, "retry");
    const resolved = {
        retries: retry.retries === 0 ? 0 : positiveInteger(retry.retries, "retry.retries", defaultRetry.retries),
        minDelayMs: nonNegativeMs(retry.minDelayMs, "retry.minDelayMs", defaultRetry.minDelayMs),
        maxDelayMs: nonNegativeMs(retry.maxDelayMs, "retry.maxDelayMs", defaultRetry.maxDelayMs),
        maxElapsedMs: nonNegativeMs(retry.maxElapsedMs, "retry.maxElapsedMs", defaultRetry.maxElapsedMs),
    };
    if (resolved.maxDelayMs < resolved.minDelayMs) {
        throw new InvalidArgumentError("retry.maxDelayMs must not be below retry.minDelayMs");
    }
    return resolved;
}
function resolveTimeout(option, fromEnv) {
    if (option !== undefined) {
        if (typeof option !== "number" || !Number.isFinite(option) || option <= 0) {
            throw new InvalidArgumentError(`timeoutMs must be a number of milliseconds > 0, got ${String(option)}`);
        }
        return option;
    }
    const text = nonEmpty(fromEnv);
    if (text === undefined)
        return defaultTimeoutMs;
    const seconds = Number(text);
    if (!Number.isFinite(seconds) || seconds <= 0) {
        throw new InvalidArgumentError(`WANDB_HTTP_TIMEOUT must be a number of seconds > 0, got ${JSON.stringify(text)}`);
    }
    return seconds * 1000;
}
function resolveHeaders(headers) {
    if (headers === undefined)
        return {};
    if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
        throw new InvalidArgumentError("headers must be an object of header names to string values");
    }
    const resolved = {};
    for (const [name, value] of Object.entries(headers)) {
        if (typeof value !== "string")
            throw new InvalidArgumentError(`header ${name} must be a string`);
        if (name.toLowerCase() === "authorization") {
            throw new InvalidArgumentError("headers must not set Authorization: pass apiKey instead");
        }
        resolved[name] = value;
    }
    return resolved;
}
const loopbackHosts = new Set(["localhost", "[::1]"]);
function isLoopback(hostname) {
    return loopbackHosts.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
function resolveBaseUrl(options, env) {
    const fromOption = options.baseUrl !== undefined;
    const text = fromOption ? options.baseUrl : (nonEmpty(env.WANDB_BASE_URL) ?? defaultBaseUrl);
    const source = fromOption ? "baseUrl" : "WANDB_BASE_URL";
    let url;
    try {
        if (typeof text !== "string")
            throw new TypeError("not a string");
        url = new URL(text);
    }
    catch {
        throw new InvalidArgumentError(`${source} is not a URL: ${JSON.stringify(String(text))}`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new InvalidArgumentError(`${source} must be an http(s) URL, got ${url.protocol}`);
    }
    if (url.username || url.password) {
        throw new InvalidArgumentError(`${source} must not carry credentials; pass apiKey instead`);
    }
    if (url.search || url.hash) {
        throw new InvalidArgumentError(`${source} must not have a query or fragment: ${url.origin}${url.pathname}`);
    }
    if (url.protocol === "http:" && !isLoopback(url.hostname) && options.allowInsecureHttp !== true) {
        throw new InvalidArgumentError(`${source} ${url.origin} is plain http to a host that is not loopback; the API key would cross ` +
            "the network unencrypted. Use https, or set allowInsecureHttp: true if you mean it.");
    }
    optionalBoolean(options.allowInsecureHttp, "allowInsecureHttp");
    return url;
}
function lookUpApiKey(baseUrl, sources) {
    const fromEnv = nonEmpty(sources.env.WANDB_API_KEY);
    if (fromEnv)
        return { key: fromEnv };
    const netrcPath = nonEmpty(sources.env.NETRC) ?? join(sources.home, ".netrc");
    // netrc machines are the base URL's netloc: host plus the port when the URL names one.
    const machine = baseUrl.host;
    const netrc = readNetrcPassword(netrcPath, machine);
    if ("password" in netrc)
        return { key: netrc.password };
    return {
        missing: `no W&B API key: set WANDB_API_KEY, pass apiKey, or add "machine ${machine}" with a password ` +
            `to the netrc file (${netrcPath}: ${netrc.problem})`,
    };
}
/** Reads the password of `machine` from a netrc file; never throws. */
export function readNetrcPassword(path, machine) {
    let text;
    try {
        text = readFileSync(path, "utf8");
    }
    catch (error) {
        const code = error.code;
        if (code === "ENOENT")
            return { problem: "no such file" };
        return { problem: `could not be read (${code ?? "error"}), ignored` };
    }
    const password = parseNetrc(text).get(machine);
    return password ? { password } : { problem: `no entry with a password for machine ${machine}` };
}
/** machine -> password. Follows the netrc grammar: tokens, quoted tokens, comments, macdef bodies. */
export function parseNetrc(text) {
    const tokens = tokenizeNetrc(text);
    const passwords = new Map();
    let machine;
    for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token === "machine") {
            machine = tokens[++i];
        }
        else if (token === "default") {
            // A default entry is meant for any host; the SDK never sends it to W&B.
            machine = undefined;
        }
        else if (token === "password" && machine !== undefined) {
            const password = tokens[++i];
            if (password && !passwords.has(machine))
                passwords.set(machine, password);
        }
        else if (token === "login" || token === "account" || token === "password") {
            i++;
        }
    }
    return passwords;
}
function tokenizeNetrc(text) {
    const tokens = [];
    const lines = text.split(/\r?\n/);
    for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
        const line = lines[lineIndex];
        if (line.trimStart().startsWith("#"))
            continue;
        const lineTokens = line.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
        for (const raw of lineTokens) {
            tokens.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw);
            if (raw === "macdef") {
                // A macro body runs to the next empty line and holds no netrc tokens.
                while (lineIndex + 1 < lines.length && lines[lineIndex + 1].trim() !== "")
                    lineIndex++;
                break;
            }
        }
    }
    return tokens;
}
//# sourceMappingURL=options.js.map