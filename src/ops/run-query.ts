/** `client.runs(project, …)`: the runs of a project, filtered and ordered by the server, paged. */
import { ListRunsDocument, type ListRunsQuery, RunCountDocument } from "../_generated/graphql.js";
import type { ListingCache } from "../cache/listing-cache.js";
import { InvalidArgumentError, WandbResponseError } from "../errors.js";
import { checkOrder, type RunFilters, serializeFilters } from "../filters.js";
import { requireProject, throwIfErrors } from "../loaders/answers.js";
import { ceilingFor, type PageCeiling, PageGuard } from "../loaders/paging.js";
import { assertKnownOptions } from "../options.js";
import type { ProjectRef, RunRef } from "../paths.js";
import type { Run } from "../run.js";
import { raceAbort, throwIfAborted } from "../transport/abort.js";
import type { TransportResult } from "../transport/http-transport.js";
import { readConnection } from "../wire/connections.js";
import { expectCount } from "../wire/fields.js";
import { type LightFields, readLightFields } from "../wire/run-fields.js";
import { checkCount } from "./operation-options.js";
import { SeenIds } from "./seen-ids.js";

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
  /**
   * Ask W&B for every page (and the count), even when a page is kept (`cacheTtlMs`) or an
   * identical one is in flight; what comes back refreshes the cache.
   */
  fresh?: boolean | undefined;
}

/** @internal What a query needs from its client. */
export interface RunQueryContext {
  /** Pages and counts go through it: shared in flight, kept for `cacheTtlMs`. */
  listings: ListingCache;
  makeRun(ref: RunRef, primed: LightFields): Run;
  countFetched(runs: number): void;
}

const optionNames = new Set(["filters", "order", "pageSize", "limit", "signal", "fresh"]);

type ListRunsEdge = NonNullable<NonNullable<ListRunsQuery["project"]>["runs"]>["edges"][number];

/** A server that sends no runCount gets this many runs' worth of pages (W&B advises fewer per project). */
const maxRunsWithoutCount = 1_000_000;

/**
 * The runs of a project as an async iterable: `for await (const run of query)`. Each page is one
 * request; each run arrives with its light fields, so `runName`, `runCreatedAt`, `runState`, … on
 * it send nothing. A run the server repeats across pages is yielded once. Paging cannot go on
 * forever: a cursor that does not advance or comes back, pages that bring no new run while W&B
 * says more follow, or more pages than the runs W&B counted need, raise WandbResponseError.
 */
export class RunQuery implements AsyncIterable<Run> {
  readonly #context: RunQueryContext;
  readonly #project: ProjectRef;
  readonly #filters: string;
  readonly #order: string;
  readonly #pageSize: number;
  readonly #limit: number | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #fresh: boolean;

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
    if (options.fresh !== undefined && typeof options.fresh !== "boolean")
      throw new InvalidArgumentError("runs: fresh must be true or false");
    this.#fresh = options.fresh === true;
  }

  /** Yields the runs page by page, asking for the next page when the current one is used up. */
  async *[Symbol.asyncIterator](): AsyncIterator<Run> {
    const { entity, project } = this.#project;
    const seen = new SeenIds();
    let guard: PageGuard | undefined;
    let after: string | null = null;
    let yielded = 0;
    for (;;) {
      throwIfAborted(this.#signal);
      const wanted =
        this.#limit === undefined ? this.#pageSize : Math.min(this.#pageSize, this.#limit - yielded);
      const answer: TransportResult<ListRunsQuery> = await raceAbort(
        this.#context.listings.request(
          {
            document: ListRunsDocument,
            variables: {
              entity,
              project,
              filters: this.#filters,
              order: this.#order,
              first: wanted,
              after,
              withCount: guard === undefined,
            },
            signal: this.#signal,
            project: `${entity}/${project}`,
          },
          { fresh: this.#fresh, valid: (data) => this.#readable(data) },
        ),
        this.#signal,
      );
      throwIfErrors(answer);
      const { operationName } = answer;
      const found = requireProject(answer.data?.project, this.#project, operationName);
      guard ??= new PageGuard(
        { what: `runs of ${entity}/${project}`, operation: operationName },
        this.#ceiling(found.runCount),
      );
      const page = readConnection<ListRunsEdge>(
        found.runs,
        { path: "project.runs", operation: operationName },
        "error",
      );
      if (!page) return;
      this.#context.countFetched(page.edges.length);
      let fresh = 0;
      for (const edge of page.edges) {
        const name: unknown = edge.node.name;
        if (typeof name !== "string" || name === "") {
          throw new WandbResponseError(
            `${operationName}: W&B sent a run without a name in ${entity}/${project}`,
            { operation: operationName, field: "project.runs.edges.node.name" },
          );
        }
        if (!seen.add(name)) continue;
        fresh++;
        const ref = { entity, project, id: name };
        const light = readLightFields(edge.node, `${entity}/${project}/${name}`, operationName);
        yield this.#context.makeRun(ref, light);
        yielded++;
        if (this.#limit !== undefined && yielded >= this.#limit) return;
      }
      if (!page.hasNextPage) return;
      // W&B's client pages runs with the last edge's cursor; endCursor is the fallback.
      after = guard.next(page.lastEdgeCursor ?? page.endCursor, fresh);
    }
  }

  /** Whether a runs page from the shared store reads as a page from W&B would (else: a miss). */
  #readable(data: ListRunsQuery | null): boolean {
    const { entity, project } = this.#project;
    return succeeds(() => {
      const found = requireProject(data?.project, this.#project, "ListRuns");
      const page = readConnection<ListRunsEdge>(
        found.runs,
        { path: "project.runs", operation: "ListRuns" },
        "error",
      );
      for (const edge of page?.edges ?? []) {
        const name: unknown = edge.node.name;
        if (typeof name !== "string" || name === "") return false;
        readLightFields(edge.node, `${entity}/${project}/${name}`, "ListRuns");
      }
      return true;
    });
  }

  /** The most pages this listing may read: from the runs W&B counted (or the limit, if lower). */
  #ceiling(runCount: number | null | undefined): PageCeiling {
    const counted = typeof runCount === "number" && Number.isFinite(runCount) ? runCount : undefined;
    if (this.#limit !== undefined && (counted === undefined || this.#limit < counted)) {
      return ceilingFor(this.#limit, `the listing stops at limit ${this.#limit}`);
    }
    if (counted !== undefined) return ceilingFor(counted, `W&B counted ${counted} runs`);
    return ceilingFor(
      maxRunsWithoutCount,
      `W&B gave no runCount; at most ${maxRunsWithoutCount} runs assumed`,
    );
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
      this.#context.listings.request(
        {
          document: RunCountDocument,
          variables: { entity, project, filters: this.#filters },
          signal: this.#signal,
          project: `${entity}/${project}`,
        },
        {
          fresh: this.#fresh,
          valid: (data) =>
            succeeds(() =>
              expectCount(requireProject(data?.project, this.#project, "RunCount").runCount, {
                field: "project.runCount",
                operation: "RunCount",
              }),
            ),
        },
      ),
      this.#signal,
    );
    throwIfErrors(answer);
    const { operationName: operation } = answer;
    const { runCount } = requireProject(answer.data?.project, this.#project, operation);
    return expectCount(runCount, { field: "project.runCount", operation });
  }
}

/** Whether `read` returns a truthy value without throwing. */
function succeeds(read: () => unknown): boolean {
  try {
    return read() !== false;
  } catch {
    return false;
  }
}
