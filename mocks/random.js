/**
 * A small seeded PRNG (mulberry32): the demo dataset and the fault plan must come out the same on
 * every run, which `Math.random` cannot promise.
 */
/** A {@link Random} seeded with `seed` (any number; only its low 32 bits count). */
export function createRandom(seed) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        int: (min, max) => min + Math.floor(next() * (max - min + 1)),
        pick: (items) => {
            if (items.length === 0)
                throw new RangeError("pick from an empty list");
            return items[Math.floor(next() * items.length)];
        },
        chance: (p) => next() < p,
    };
}
//# sourceMappingURL=random.js.map