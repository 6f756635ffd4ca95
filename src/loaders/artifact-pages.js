/**
 * The pages after the first of a run's logged or used artifacts. The first page comes with the
 * batched request; only a run with more versions than a page holds costs requests of its own.
 */
import { RunInputArtifactsDocument, RunOutputArtifactsDocument, } from "../_generated/graphql.js";
import { WandbResponseError } from "../errors.js";
import { readArtifactPage } from "../wire/artifacts.js";
import { requireRun, throwIfErrors } from "./answers.js";
/** Versions per page, as W&B's Python client asks for. */
export const artifactPageSize = 100;
/** Reads `firstPage` and fetches every page after it; versions seen twice are kept once. */
export async function collectArtifactPages(transport, ref, runPath, direction, firstPage, operation, signal) {
    const seen = new Set();
    const versions = [];
    const add = (page, op) => {
        for (const version of readArtifactPage(page, { runPath, operation: op })) {
            if (!seen.has(version.id)) {
                seen.add(version.id);
                versions.push(version);
            }
        }
    };
    if (!firstPage)
        return versions;
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
        if (!page)
            break;
        add(page, operationName);
        ({ endCursor, hasNextPage } = page.pageInfo);
        if (hasNextPage && endCursor === previous) {
            throw new WandbResponseError(`${direction} of run ${runPath}: the cursor did not advance (${previous})`, {
                operation: operationName,
                runPath,
                field: direction,
            });
        }
    }
    return versions;
}
async function fetchPage(transport, ref, runPath, direction, after, signal) {
    const request = {
        variables: { entity: ref.entity, project: ref.project, run: ref.id, first: artifactPageSize, after },
        signal,
        runs: [runPath],
    };
    const answer = direction === "outputArtifacts"
        ? await transport.request({ document: RunOutputArtifactsDocument, ...request })
        : await transport.request({ document: RunInputArtifactsDocument, ...request });
    throwIfErrors(answer, runPath);
    const run = requireRun(answer.data?.project, ref, answer.operationName);
    return { page: run[direction] ?? null, operationName: answer.operationName };
}
//# sourceMappingURL=artifact-pages.js.map