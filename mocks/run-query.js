/**
 * The run lists a project's `runs` and `runCount` answer from, kept per filters and order (a small
 * LRU), so paging through a listing sorts once: a later page costs its own size, not a re-sort of
 * the project.
 */
import { compileFilters, filtersKey } from "./filters.js";
import { Lru } from "./lru.js";
import { compileOrder, defaultOrder } from "./order.js";
const cachedQueries = 32;
/** The filtered and sorted run lists of one project. */
export class RunQueries {
    runs;
    byName;
    filtered = new Lru(cachedQueries);
    sorted = new Lru(cachedQueries);
    constructor(runs, byName) {
        this.runs = runs;
        this.byName = byName;
    }
    /** The runs `filters` matches, in the project's own order. */
    matching(filters) {
        return this.filtered.getOrCreate(filtersKey(filters), () => {
            const filter = compileFilters(filters);
            const candidates = filter.names
                ? [...new Set(filter.names)].flatMap((name) => this.byName.get(name) ?? [])
                : this.runs;
            return candidates.filter((run) => filter.test(run));
        });
    }
    /** The runs `filters` matches, sorted by `order`: the stable list a listing's cursors index. */
    select(filters, order) {
        const orderKey = order?.trim() || defaultOrder;
        return this.sorted.getOrCreate(`${filtersKey(filters)}\n${orderKey}`, () => compileOrder(orderKey)(this.matching(filters)));
    }
}
//# sourceMappingURL=run-query.js.map