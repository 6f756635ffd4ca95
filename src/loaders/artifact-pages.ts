/**
 * A run's logged or used artifact versions: the first page comes with the batched request; only a
 * run with more versions than a page holds costs requests of its own, one per further page, each
 * through the page guard.
 */
import {
  type ArtifactFieldsFragment,
  RunInputArtifactsDocument,
  RunOutputArtifactsDocument,
} from "../_generated/graphql.js";
import type { RunHandle } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import {
  type ArtifactVersion,
  toArtifactVersion,
  toUsedArtifactVersion,
  type UsedArtifactVersion,
} from "../wire/artifacts.js";
import { type ConnectionPage, readConnection } from "../wire/connections.js";
import { requireRun, throwIfErrors } from "./answers.js";
import { ceilingFor, PageGuard } from "./paging.js";

/** The artifact connections of a run. */
export type ArtifactDirection = "outputArtifacts" | "inputArtifacts";

/** The versions of each direction: used versions also say what the run used them as. */
export type ArtifactVersionOf<D extends ArtifactDirection> = D extends "inputArtifacts"
  ? UsedArtifactVersion
  : ArtifactVersion;

/** Versions per page, as W&B's Python client asks for. */
export const artifactPageSize = 100;

/** What reading a run's artifact pages needs. */
export interface ArtifactPagesContext<D extends ArtifactDirection> {
  transport: Transport;
  run: RunHandle;
  direction: D;
  operation: string;
  /** Where the run node of the first page sits in its answer, e.g. `project.runs.edges.0.node`. */
  path: string;
}

// Logged versions come from an ArtifactConnection, used ones from an InputArtifactConnection,
// whose edges also carry usedAs.
type ArtifactEdge = { node: ArtifactFieldsFragment; usedAs?: readonly string[] };

/**
 * The versions of `first` (the batch's page) and of every page after it; a version seen twice is
 * kept once. Synchronous when the first page is the only one.
 */
export function readArtifactVersions<D extends ArtifactDirection>(
  first: unknown,
  context: ArtifactPagesContext<D>,
): Array<ArtifactVersionOf<D>> | Promise<Array<ArtifactVersionOf<D>>> {
  const { run, direction, operation, path } = context;
  const page = readConnection<ArtifactEdge>(
    first,
    { path: `${path}.${direction}`, operation, runPath: run.path },
    "skip",
  );
  const versions: Array<ArtifactVersionOf<D>> = [];
  if (!page) return versions;
  addVersions(versions, undefined, page, context, operation);
  if (!page.hasNextPage) return versions;
  return readFurtherPages(versions, page, totalCountOf(first), context);
}

async function readFurtherPages<D extends ArtifactDirection>(
  versions: Array<ArtifactVersionOf<D>>,
  first: ConnectionPage<ArtifactEdge>,
  totalCount: number | undefined,
  context: ArtifactPagesContext<D>,
): Promise<Array<ArtifactVersionOf<D>>> {
  const { run, direction, operation } = context;
  const seen = new Set(versions.map((version) => version.id));
  const guard = new PageGuard(
    { what: `${direction} of run ${run.path}`, operation, runPath: run.path, field: direction },
    totalCount === undefined
      ? ceilingFor(versions.length + maxVersionsWithoutCount, "W&B gave no totalCount")
      : ceilingFor(totalCount, `W&B counted ${totalCount} versions`),
  );
  let page = first;
  let fresh = versions.length;
  while (page.hasNextPage) {
    const after = guard.next(page.endCursor, fresh);
    const answer = await fetchPage(context, after);
    const next = readConnection<ArtifactEdge>(
      answer.connection,
      { path: `project.run.${direction}`, operation: answer.operationName, runPath: run.path },
      "skip",
    );
    if (!next) break;
    fresh = addVersions(versions, seen, next, context, answer.operationName);
    page = next;
  }
  return versions;
}

/** A server that sends no count gets this many versions' worth of pages. */
const maxVersionsWithoutCount = 100_000;

/** Adds the versions of a page not seen yet, built straight from its edges; returns how many. */
function addVersions<D extends ArtifactDirection>(
  versions: Array<ArtifactVersionOf<D>>,
  seen: Set<string> | undefined,
  page: ConnectionPage<ArtifactEdge>,
  context: ArtifactPagesContext<D>,
  operation: string,
): number {
  const source = { runPath: context.run.path, operation };
  const used = context.direction === "inputArtifacts";
  let added = 0;
  for (const edge of page.edges) {
    const version = (
      used
        ? toUsedArtifactVersion(edge as { node: ArtifactFieldsFragment; usedAs: readonly string[] }, source)
        : toArtifactVersion(edge.node, source)
    ) as ArtifactVersionOf<D> | undefined;
    if (!version) continue;
    // The first page needs no set: a page is short, and most runs have one or two versions.
    const repeated = seen ? seen.has(version.id) : versions.some((other) => other.id === version.id);
    if (repeated) continue;
    seen?.add(version.id);
    versions.push(version);
    added++;
  }
  return added;
}

function totalCountOf(connection: unknown): number | undefined {
  const count = (connection as { totalCount?: unknown }).totalCount;
  return typeof count === "number" && Number.isFinite(count) ? count : undefined;
}

async function fetchPage<D extends ArtifactDirection>(
  context: ArtifactPagesContext<D>,
  after: string,
): Promise<{ connection: unknown; operationName: string }> {
  const { transport, run, direction } = context;
  const request = {
    variables: { entity: run.entity, project: run.project, run: run.id, first: artifactPageSize, after },
    // No caller's signal: the pages answer every caller waiting on this run's versions and fill
    // the cache; a caller who aborts stops waiting on its own.
    signal: undefined,
    runs: [run.path],
    project: `${run.entity}/${run.project}`,
  };
  const answer =
    direction === "outputArtifacts"
      ? await transport.request({ document: RunOutputArtifactsDocument, ...request })
      : await transport.request({ document: RunInputArtifactsDocument, ...request });
  throwIfErrors(answer, run.path);
  const found = requireRun<Partial<Record<ArtifactDirection, unknown>>>(
    answer.data?.project,
    run,
    answer.operationName,
  );
  return { connection: found[direction] ?? null, operationName: answer.operationName };
}
