/**
 * The fault plan: which requests get a 429, a 5xx, a dropped connection or a truncated body, and
 * how long each answer waits. Rate limits go by request count; the rest by a seeded PRNG that draws
 * the same number of values for every request, so a seed always gives the same sequence.
 */
import { createRandom } from "./random.js";
const serverErrorStatuses = [500, 502, 503, 504];
/** Makes the plan; throws a `RangeError` on options that make no sense. */
export function createFaultPlan(faults = {}) {
    checkFaults(faults);
    const seed = faults.seed ?? 1;
    let random = createRandom(seed);
    let count = 0;
    return {
        next() {
            const index = count++;
            // Six draws per request, used or not, keep later requests' draws independent of outcomes.
            const [latency, drop, serverError, status, truncate, cut] = Array.from({ length: 6 }, () => random.next());
            return {
                delayMs: latencyOf(faults.latencyMs, latency),
                rateLimited: isRateLimited(faults.rateLimit, index),
                drop: drop < (faults.dropRate ?? 0),
                serverErrorStatus: serverError < (faults.serverErrorRate ?? 0)
                    ? serverErrorStatuses[Math.floor(status * serverErrorStatuses.length)]
                    : undefined,
                truncate: truncate < (faults.truncateRate ?? 0)
                    ? (length) => Math.max(1, Math.min(length - 1, Math.floor(cut * length)))
                    : undefined,
            };
        },
        reset() {
            random = createRandom(seed);
            count = 0;
        },
    };
}
function latencyOf(latency, draw) {
    if (latency === undefined)
        return 0;
    if (typeof latency === "number")
        return latency;
    return Math.round(latency.min + draw * (latency.max - latency.min));
}
function isRateLimited(rateLimit, index) {
    if (!rateLimit)
        return false;
    const first = rateLimit.firstRequests ?? 0;
    if (index < first)
        return true;
    const every = rateLimit.burstEvery;
    if (!every)
        return false;
    return (index - first) % every >= every - (rateLimit.burstLength ?? 1);
}
/** The headers of a 429: `Retry-After` in the asked format, and W&B's `RateLimit-*` trio. */
export function rateLimitHeaders(rateLimit, nowMs) {
    const seconds = rateLimit?.retryAfterSeconds ?? 1;
    const retryAfter = rateLimit?.retryAfterFormat === "http-date"
        ? new Date(nowMs + seconds * 1000).toUTCString()
        : String(seconds);
    return {
        "retry-after": retryAfter,
        "ratelimit-limit": "1000",
        "ratelimit-remaining": "0",
        "ratelimit-reset": String(Math.ceil(seconds)),
    };
}
function checkFaults(faults) {
    for (const key of ["serverErrorRate", "dropRate", "truncateRate"]) {
        const rate = faults[key];
        if (rate !== undefined && !(rate >= 0 && rate <= 1))
            throw new RangeError(`faults.${key} must be in [0, 1]`);
    }
    const latency = faults.latencyMs;
    if (typeof latency === "number" && !(latency >= 0))
        throw new RangeError("faults.latencyMs must be >= 0");
    if (typeof latency === "object" && !(latency.min >= 0 && latency.max >= latency.min)) {
        throw new RangeError("faults.latencyMs needs 0 <= min <= max");
    }
    const rateLimit = faults.rateLimit;
    if (!rateLimit)
        return;
    const { firstRequests, burstEvery, burstLength, retryAfterSeconds } = rateLimit;
    if (firstRequests !== undefined && !(Number.isInteger(firstRequests) && firstRequests >= 0)) {
        throw new RangeError("faults.rateLimit.firstRequests must be a non-negative integer");
    }
    if (burstEvery !== undefined && !(Number.isInteger(burstEvery) && burstEvery > 0)) {
        throw new RangeError("faults.rateLimit.burstEvery must be a positive integer");
    }
    if (burstLength !== undefined && !(Number.isInteger(burstLength) && burstLength >= 1)) {
        throw new RangeError("faults.rateLimit.burstLength must be a positive integer");
    }
    if (burstLength !== undefined && burstEvery !== undefined && burstLength > burstEvery) {
        throw new RangeError("faults.rateLimit.burstLength must not exceed burstEvery");
    }
    if (retryAfterSeconds !== undefined && !(retryAfterSeconds >= 0)) {
        throw new RangeError("faults.rateLimit.retryAfterSeconds must be >= 0");
    }
}
//# sourceMappingURL=faults.js.map