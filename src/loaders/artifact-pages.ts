/**
 * The pages after the first of a run's logged or used artifacts. The first page comes with the
 * batched request; only a run with more versions than a page holds costs requests of its own.
 */
import {
  type LoggedArtifactPageFragment,
  RunInputArtifactsDocument,
  RunOutputArtifactsDocument,
  type UsedArtifactPageFragment,
} from "../_generated/graphql.js";
import { WandbResponseError } from "../errors.js";
import type { RunRef } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import {
  type ArtifactVersion,
  readLoggedArtifactPage,
  readUsedArtifactPage,
  type UsedArtifactVersion,
} from "../wire/artifacts.js";
import { requireRun, throwIfErrors } from "./answers.js";
import type { ArtifactDirection } from "./run-cache.js";

/** Versions per page, as W&B's Python client asks for. */
export const artifactPageSize = 100;

/**
 * A page of each direction as the queries select it: used versions come from an
 * `InputArtifactConnection`, whose edges also carry `usedAs`.
 */
export type ArtifactPageOf<D extends ArtifactDirection> = D extends "inputArtifacts"
  ? UsedArtifactPageFragment
  : LoggedArtifactPageFragment;

/** The versions of each direction. */
export type ArtifactVersionOf<D extends ArtifactDirection> = D extends "inputArtifacts"
  ? UsedArtifactVersion
  : ArtifactVersion;

/** Reads `firstPage` and fetches every page after it; versions seen twice are kept once. */
export async function collectArtifactPages<D extends ArtifactDirection>(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  direction: D,
  firstPage: ArtifactPageOf<D> | null | undefined,
  operation: string,
  signal: AbortSignal | undefined,
): Promise<Array<ArtifactVersionOf<D>>> {
  const seen = new Set<string>();
  const versions: Array<ArtifactVersionOf<D>> = [];
  const add = (page: ArtifactPageOf<D>, op: string) => {
    for (const version of readPage(direction, page, { runPath, operation: op })) {
      if (!seen.has(version.id)) {
        seen.add(version.id);
        versions.push(version);
      }
    }
  };
  if (!firstPage) return versions;
  add(firstPage, operation);
  let { endCursor, hasNextPage } = firstPage.pageInfo;
  while (hasNextPage) {
    const previous = endCursor;
    if (!previous) {
      throw new WandbResponseError(`${direction} of run ${runPath}: hasNextPage without an endCursor`, {
        operation,
        runPath,
        field: direction,
      });
    }
    const { page, operationName } = await fetchPage(transport, ref, runPath, direction, previous, signal);
    if (!page) break;
    add(page, operationName);
    ({ endCursor, hasNextPage } = page.pageInfo);
    if (hasNextPage && endCursor === previous) {
      throw new WandbResponseError(
        `${direction} of run ${runPath}: the cursor did not advance (${previous})`,
        {
          operation: operationName,
          runPath,
          field: direction,
        },
      );
    }
  }
  return versions;
}

function readPage<D extends ArtifactDirection>(
  direction: D,
  page: ArtifactPageOf<D>,
  source: { runPath: string; operation: string },
): Array<ArtifactVersionOf<D>> {
  // The conditional types do not narrow with `direction`; each branch reads the page its
  // direction's query selected.
  return (
    direction === "inputArtifacts"
      ? readUsedArtifactPage(page as UsedArtifactPageFragment, source)
      : readLoggedArtifactPage(page as LoggedArtifactPageFragment, source)
  ) as Array<ArtifactVersionOf<D>>;
}

async function fetchPage<D extends ArtifactDirection>(
  transport: Transport,
  ref: RunRef,
  runPath: string,
  direction: D,
  after: string,
  signal: AbortSignal | undefined,
): Promise<{ page: ArtifactPageOf<D> | null; operationName: string }> {
  const request = {
    variables: { entity: ref.entity, project: ref.project, run: ref.id, first: artifactPageSize, after },
    signal,
    runs: [runPath],
  };
  const answer =
    direction === "outputArtifacts"
      ? await transport.request({ document: RunOutputArtifactsDocument, ...request })
      : await transport.request({ document: RunInputArtifactsDocument, ...request });
  throwIfErrors(answer, runPath);
  const run = requireRun<Partial<Record<ArtifactDirection, ArtifactPageOf<ArtifactDirection> | null>>>(
    answer.data?.project,
    ref,
    answer.operationName,
  );
  // Each document selects its direction's own page (see readPage).
  return { page: (run[direction] ?? null) as ArtifactPageOf<D> | null, operationName: answer.operationName };
}
