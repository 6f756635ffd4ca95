/**
 * A run description with `entity: "acme"` and `project: "vision"` unless given; every other field
 * keeps the defaults {@link MockRun} documents.
 *
 * @example
 * ```ts
 * createMockWandb({ runs: [mockRun({ id: "r1", summary: { acc: 0.9 } })] });
 * ```
 */
export function mockRun(fields) {
    return { entity: "acme", project: "vision", ...fields };
}
/**
 * `count` history rows for steps `firstStep`, `firstStep + 1`, …; `row(step, i)` gives each row's
 * keys (`_step` is added). Returning `undefined` for a key leaves it out, so sparse rows are easy:
 * `(step) => ({ loss: 1 / (step + 1), "val/acc": step % 10 === 0 ? 0.5 : undefined })`.
 */
export function mockHistory(count, row, firstStep = 0) {
    const rows = [];
    for (let i = 0; i < count; i++) {
        const step = firstStep + i;
        const out = { _step: step };
        for (const [key, value] of Object.entries(row(step, i)))
            if (value !== undefined)
                out[key] = value;
        rows.push(out);
    }
    return rows;
}
//# sourceMappingURL=run-helpers.js.map