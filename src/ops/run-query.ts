/** `client.runs(project, …)`: the runs of a project, filtered and ordered by the server, paged. */
import { ListRunsDocument, type ListRunsQuery, RunCountDocument } from "../_generated/graphql.js";
import { InvalidArgumentError, WandbResponseError } from "../errors.js";
import { checkOrder, type RunFilters, serializeFilters } from "../filters.js";
import { requireProject, throwIfErrors } from "../loaders/answers.js";
import { assertKnownOptions } from "../options.js";
import type { ProjectRef, RunRef } from "../paths.js";
import type { Run } from "../run.js";
import { raceAbort, throwIfAborted } from "../transport/abort.js";
import type { Transport, TransportResult } from "../transport/http-transport.js";
import { type LightFields, readLightFields } from "../wire/run-fields.js";
import { checkCount } from "./operation-options.js";

/** Options of `client.runs()`. */
export interface RunQueryOptions {
  /** W&B's Mongo-style filter, e.g. `{ state: "finished", "config.lr.value": { $lt: 0.01 } }`. */
  filters?: RunFilters | undefined;
  /** `"+field"` or `"-field"`; default `"+created_at"` (oldest first). */
  order?: string | undefined;
  /** Runs per request. Default 50. */
  pageSize?: number | undefined;
  /** Stop after this many runs. Default: all. */
  limit?: number | undefined;
  /** Stops the listing; the pending step rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** @internal What a query needs from its client. */
export interface RunQueryContext {
  transport: Transport;
  makeRun(ref: RunRef, primed: LightFields): Run;
  countFetched(runs: number): void;
}

const optionNames = new Set(["filters", "order", "pageSize", "limit", "signal"]);

/**
 * The runs of a project as an async iterable: `for await (const run of query)`. Each page is one
 * request; each run arrives with its light fields, so `runName`, `runCreatedAt`, `runState`, … on
 * it send nothing. A run the server repeats across pages is yielded once, and a cursor that does
 * not advance raises WandbResponseError instead of looping.
 */
export class RunQuery implements AsyncIterable<Run> {
  readonly #context: RunQueryContext;
  readonly #project: ProjectRef;
  readonly #filters: string;
  readonly #order: string;
  readonly #pageSize: number;
  readonly #limit: number | undefined;
  readonly #signal: AbortSignal | undefined;

  /** @internal Use `client.runs()`. */
  constructor(context: RunQueryContext, project: ProjectRef, options: RunQueryOptions = {}) {
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

  /** Yields the runs page by page, asking for the next page when the current one is used up. */
  async *[Symbol.asyncIterator](): AsyncIterator<Run> {
    const { entity, project } = this.#project;
    const seen = new Set<string>();
    let after: string | null = null;
    let yielded = 0;
    for (;;) {
      throwIfAborted(this.#signal);
      const wanted =
        this.#limit === undefined ? this.#pageSize : Math.min(this.#pageSize, this.#limit - yielded);
      const answer: TransportResult<ListRunsQuery> = await raceAbort(
        this.#context.transport.request({
          document: ListRunsDocument,
          variables: { entity, project, filters: this.#filters, order: this.#order, first: wanted, after },
          signal: this.#signal,
        }),
        this.#signal,
      );
      throwIfErrors(answer);
      const connection = requireProject(answer.data?.project, this.#project, answer.operationName).runs;
      if (!connection) return;
      this.#context.countFetched(connection.edges.length);
      for (const edge of connection.edges) {
        const name = edge.node.name;
        if (seen.has(name)) continue;
        seen.add(name);
        const ref = { entity, project, id: name };
        const light = readLightFields(edge.node, `${entity}/${project}/${name}`, answer.operationName);
        yield this.#context.makeRun(ref, light);
        yielded++;
        if (this.#limit !== undefined && yielded >= this.#limit) return;
      }
      if (!connection.pageInfo.hasNextPage) return;
      // W&B's client pages runs with the last edge's cursor; endCursor is the fallback.
      const next: string | null = connection.edges.at(-1)?.cursor ?? connection.pageInfo.endCursor;
      if (!next || next === after) {
        throw new WandbResponseError(
          `${answer.operationName}: W&B said more runs follow in ${entity}/${project} but the cursor did not advance (${String(next)})`,
          { operation: answer.operationName },
        );
      }
      after = next;
    }
  }

  /** Every run (up to `limit`) in one array. */
  async toArray(): Promise<Run[]> {
    const runs: Run[] = [];
    for await (const run of this) runs.push(run);
    return runs;
  }

  /** How many runs match the filters, as the server counts them (`runCount`); ignores `limit`. */
  async count(): Promise<number> {
    const { entity, project } = this.#project;
    const answer = await raceAbort(
      this.#context.transport.request({
        document: RunCountDocument,
        variables: { entity, project, filters: this.#filters },
        signal: this.#signal,
      }),
      this.#signal,
    );
    throwIfErrors(answer);
    return requireProject(answer.data?.project, this.#project, answer.operationName).runCount;
  }
}
