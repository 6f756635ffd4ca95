/** `client.runs(project, …)`: the runs of a project, filtered and ordered by the server, paged. */
import { ListRunsDocument, RunCountDocument } from "../_generated/graphql.js";
import { InvalidArgumentError, WandbResponseError } from "../errors.js";
import { checkOrder, serializeFilters } from "../filters.js";
import { requireProject, throwIfErrors } from "../loaders/answers.js";
import { assertKnownOptions } from "../options.js";
import { raceAbort, throwIfAborted } from "../transport/abort.js";
import { readLightFields } from "../wire/run-fields.js";
import { checkCount } from "./operation-options.js";
const optionNames = new Set(["filters", "order", "pageSize", "limit", "signal"]);
/**
 * The runs of a project as an async iterable: `for await (const run of query)`. Each page is one
 * request; each run arrives with its light fields, so `runName`, `runCreatedAt`, `runState`, … on
 * it send nothing. A run the server repeats across pages is yielded once, and a cursor that does
 * not advance raises WandbResponseError instead of looping.
 */
export class RunQuery {
    #context;
    #project;
    #filters;
    #order;
    #pageSize;
    #limit;
    #signal;
    /** @internal Use `client.runs()`. */
    constructor(context, project, options = {}) {
        if (typeof options !== "object" || options === null)
            throw new InvalidArgumentError("runs: options must be an object");
        assertKnownOptions(options, optionNames, "runs");
        this.#context = context;
        this.#project = project;
        this.#filters = serializeFilters(options.filters);
        this.#order = checkOrder(options.order);
        this.#pageSize = checkCount(options.pageSize, "pageSize", "runs", 50);
        this.#limit = options.limit === undefined ? undefined : checkCount(options.limit, "limit", "runs", 1);
        this.#signal = options.signal;
    }
    async *[Symbol.asyncIterator]() {
        const { entity, project } = this.#project;
        const seen = new Set();
        let after = null;
        let yielded = 0;
        for (;;) {
            throwIfAborted(this.#signal);
            const wanted = this.#limit === undefined ? this.#pageSize : Math.min(this.#pageSize, this.#limit - yielded);
            const answer = await raceAbort(this.#context.transport.request({
                document: ListRunsDocument,
                variables: { entity, project, filters: this.#filters, order: this.#order, first: wanted, after },
                signal: this.#signal,
            }), this.#signal);
            throwIfErrors(answer);
            const connection = requireProject(answer.data?.project, this.#project, answer.operationName).runs;
            if (!connection)
                return;
            this.#context.countFetched(connection.edges.length);
            for (const edge of connection.edges) {
                const name = edge.node.name;
                if (seen.has(name))
                    continue;
                seen.add(name);
                const ref = { entity, project, id: name };
                const light = readLightFields(edge.node, `${entity}/${project}/${name}`, answer.operationName);
                yield this.#context.makeRun(ref, light);
                yielded++;
                if (this.#limit !== undefined && yielded >= this.#limit)
                    return;
            }
            if (!connection.pageInfo.hasNextPage)
                return;
            // W&B's client pages runs with the last edge's cursor; endCursor is the fallback.
            const next = connection.edges.at(-1)?.cursor ?? connection.pageInfo.endCursor;
            if (!next || next === after) {
                throw new WandbResponseError(`${answer.operationName}: W&B said more runs follow in ${entity}/${project} but the cursor did not advance (${String(next)})`, { operation: answer.operationName });
            }
            after = next;
        }
    }
    /** Every run (up to `limit`) in one array. */
    async toArray() {
        const runs = [];
        for await (const run of this)
            runs.push(run);
        return runs;
    }
    /** How many runs match the filters, as the server counts them (`runCount`); ignores `limit`. */
    async count() {
        const { entity, project } = this.#project;
        const answer = await raceAbort(this.#context.transport.request({
            document: RunCountDocument,
            variables: { entity, project, filters: this.#filters },
            signal: this.#signal,
        }), this.#signal);
        throwIfErrors(answer);
        return requireProject(answer.data?.project, this.#project, answer.operationName).runCount ?? 0;
    }
}
//# sourceMappingURL=run-query.js.map