/**
 * Single-flight: identical reads made while one is on the wire share it. A listing page, a count,
 * a page of a run's artifacts or files asked by 50 callers at once is one request; the request is
 * aborted only when every caller waiting on it has aborted (the dispatcher's fan-in rule).
 */
import type { DocumentNode } from "graphql";
import { stableJson } from "../cache/cache-keys.js";
import { AbortFanIn, raceAbort } from "../transport/abort.js";
import type { Transport, TransportRequest, TransportResult } from "../transport/http-transport.js";

interface Flight {
  promise: Promise<unknown>;
  fanIn: AbortFanIn;
}

/** The reads in flight of one client, by a key that names the read exactly. */
export class SingleFlight {
  private readonly flights = new Map<string, Flight>();

  /**
   * `job`'s result, shared with every call of the same `key` made while it runs. A `fresh` call
   * never joins: it starts its own, which later calls of the key join instead.
   */
  run<T>(
    key: string,
    signal: AbortSignal | undefined,
    fresh: boolean,
    job: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const existing = fresh ? undefined : this.flights.get(key);
    if (existing?.fanIn.join(signal)) return raceAbort(existing.promise as Promise<T>, signal);
    const fanIn = new AbortFanIn();
    fanIn.join(signal);
    const promise = job(fanIn.signal);
    const flight: Flight = { promise, fanIn };
    this.flights.set(key, flight);
    const done = () => {
      fanIn.dispose();
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    promise.then(done, done);
    return raceAbort(promise, signal);
  }

  /** How many reads are in flight (for tests). */
  get size(): number {
    return this.flights.size;
  }
}

/** A key for a GraphQL read: its document and its variables, in a stable order. */
export function readKey(document: DocumentNode, variables: unknown): string {
  return `${operationName(document)}\n${stableJson(variables)}`;
}

const names = new WeakMap<DocumentNode, string>();

function operationName(document: DocumentNode): string {
  let name = names.get(document);
  if (name === undefined) {
    const operation = document.definitions.find((definition) => definition.kind === "OperationDefinition");
    name = operation && "name" in operation && operation.name ? operation.name.value : "anonymous";
    names.set(document, name);
  }
  return name;
}

/**
 * The transport with single-flight for `documents`: an identical request (same document, same
 * variables) made while one is in flight shares it. Other documents (the batched ones, whose
 * loaders join in flight by run and field group) pass through untouched.
 */
export function singleFlightTransport(transport: Transport, documents: ReadonlySet<DocumentNode>): Transport {
  const flights = new SingleFlight();
  return {
    stats: transport.stats,
    slots: transport.slots,
    request<TData, TVariables>(
      request: TransportRequest<TData, TVariables>,
    ): Promise<TransportResult<TData>> {
      if (!documents.has(request.document)) return transport.request(request);
      return flights.run(readKey(request.document, request.variables), request.signal, false, (signal) =>
        transport.request({ ...request, signal }),
      );
    },
  };
}
