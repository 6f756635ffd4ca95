/** Resolves after `ms` milliseconds (at once for 0). */
export function sleep(ms) {
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
//# sourceMappingURL=sleep.js.map