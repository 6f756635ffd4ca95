/** Where a version came from and where it went: `artifactProducer`, `artifactConsumers`. */
import { type Artifact, artifactContextOf } from "../artifact.js";
import { fetchConsumersPage, fetchProducer } from "../loaders/artifact-requests.js";
import { ceilingFor, PageGuard } from "../loaders/paging.js";
import type { Run } from "../run.js";
import { raceAbort } from "../transport/abort.js";
import { checkOptions, type OperationOptions } from "./operation-options.js";

/**
 * The run that logged the version, as a {@link Run} handle (its fields are fetched when asked, as
 * for any run), or `null` when no run did: W&B records a user as the creator of a version saved
 * outside a run (`artifact.save()` from a script). It costs one request, after the version itself.
 *
 * @param artifact - A handle from `client.artifact(path)`.
 * @param options - See {@link run-operations!OperationOptions | OperationOptions}.
 *
 * @example Which run trained the production model, and how well
 * ```ts
 * const producer = await artifactProducer(wb.artifact("acme/vision/model:production"));
 * if (producer) console.log(producer.path, (await runSummary(producer, { keys: ["accuracy"] })).accuracy);
 * ```
 *
 * @see
 * - {@link artifactConsumers} - The runs that used it
 * - {@link run-operations!runLoggedArtifactVersions | runLoggedArtifactVersions} - From the run's side
 */
export async function artifactProducer(artifact: Artifact, options?: OperationOptions): Promise<Run | null> {
  const operation = "artifactProducer";
  const context = artifactContextOf(artifact, operation);
  const checked = checkOptions(options, operation);
  const version = await context.artifacts.version(artifact, checked);
  const producer = await raceAbort(fetchProducer(context.transport, version, checked.signal), checked.signal);
  return producer ? context.makeRun(producer) : null;
}

/**
 * Every run that used the version (declared it with `use_artifact`), as {@link Run} handles, page
 * by page (50 runs per request). A cursor that is missing, does not advance or comes back, or pages
 * that bring nothing new, end the iteration with a
 * {@link errors!WandbResponseError | WandbResponseError}; a run listed twice is yielded once.
 *
 * @param artifact - A handle from `client.artifact(path)`.
 * @param options - See {@link run-operations!OperationOptions | OperationOptions}.
 *
 * @example Every evaluation of a dataset version
 * ```ts
 * for await (const run of artifactConsumers(wb.artifact("acme/vision/training-data:v3"))) {
 *   console.log(run.path, await runJobType(run));
 * }
 * ```
 *
 * @see
 * - {@link artifactProducer} - The run that logged it
 * - {@link run-operations!runUsedArtifactVersions | runUsedArtifactVersions} - From the run's side
 */
export function artifactConsumers(artifact: Artifact, options?: OperationOptions): AsyncIterable<Run> {
  const operation = "artifactConsumers";
  const context = artifactContextOf(artifact, operation);
  const checked = checkOptions(options, operation);
  return {
    async *[Symbol.asyncIterator]() {
      const version = await context.artifacts.version(artifact, checked);
      const seen = new Set<string>();
      let guard: PageGuard | undefined;
      let after: string | undefined;
      for (;;) {
        const page = await raceAbort(
          fetchConsumersPage(context.transport, version, after, checked.signal),
          checked.signal,
        );
        let fresh = 0;
        for (const ref of page.runs) {
          const run = context.makeRun(ref);
          if (seen.has(run.path)) continue;
          seen.add(run.path);
          fresh++;
          yield run;
        }
        if (!page.hasNextPage) return;
        // W&B counts no users of a version: the guard stops cursors that stall, cycle or bring nothing.
        guard ??= new PageGuard(
          { what: `runs that used ${version.qualifiedName}`, operation: page.operation },
          ceilingFor(maxConsumersWithoutCount, `at most ${maxConsumersWithoutCount} runs assumed`),
        );
        after = guard.next(page.endCursor, fresh);
      }
    },
  };
}

/** The most runs a version's users are paged up to (W&B sends no count of them). */
const maxConsumersWithoutCount = 100_000;
