/**
 * A tiny least-recently-used map. The mock keeps a few filtered and sorted run lists so that paging
 * through 100,000 runs costs one sort, not one per page, without holding every query ever asked.
 */
export class Lru {
    capacity;
    entries = new Map();
    constructor(capacity) {
        this.capacity = capacity;
    }
    /** The value for `key`, made with `make` (and kept) when absent. */
    getOrCreate(key, make) {
        const found = this.entries.get(key);
        if (found !== undefined || this.entries.has(key)) {
            // Re-inserting moves the key to the young end of the Map's insertion order.
            this.entries.delete(key);
            this.entries.set(key, found);
            return found;
        }
        const value = make();
        this.entries.set(key, value);
        if (this.entries.size > this.capacity) {
            const oldest = this.entries.keys().next();
            if (!oldest.done)
                this.entries.delete(oldest.value);
        }
        return value;
    }
    clear() {
        this.entries.clear();
    }
}
//# sourceMappingURL=lru.js.map