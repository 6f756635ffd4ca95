// W&B's own GraphQL client never retries these: the answer would not change.
const neverRetried = new Set([400, 401, 403, 404, 409, 410, 413, 422, 501]);
/** HTTP statuses worth another attempt: 429, 5xx but 501, and other 4xx W&B's client retries. */
export function isRetryableStatus(status) {
    return status >= 400 && !neverRetried.has(status);
}
/**
 * The wait a 429 or 503 asks for: `Retry-After` (seconds or an HTTP date), else `RateLimit-Reset`
 * (seconds). Undefined when neither header says.
 */
export function serverRequestedDelayMs(headers, nowMs) {
    const retryAfter = headers.get("retry-after")?.trim();
    if (retryAfter) {
        if (/^\d+(\.\d+)?$/.test(retryAfter))
            return Number(retryAfter) * 1000;
        const date = Date.parse(retryAfter);
        if (!Number.isNaN(date))
            return Math.max(0, date - nowMs);
    }
    return rateLimitResetMs(headers);
}
/** `RateLimit-Reset` in milliseconds, when present and sane. */
export function rateLimitResetMs(headers) {
    const reset = headers.get("ratelimit-reset")?.trim();
    if (reset && /^\d+(\.\d+)?$/.test(reset))
        return Number(reset) * 1000;
    return undefined;
}
/**
 * Capped exponential backoff with jitter: attempt n (1-based) waits a random time between half
 * and all of min(maxDelayMs, minDelayMs * 2^(n-1)), so clients that failed together spread out.
 */
export function backoffDelayMs(attempt, retry, random = Math.random) {
    const ceiling = Math.min(retry.maxDelayMs, retry.minDelayMs * 2 ** Math.min(attempt - 1, 30));
    return ceiling / 2 + random() * (ceiling / 2);
}
//# sourceMappingURL=retry-policy.js.map