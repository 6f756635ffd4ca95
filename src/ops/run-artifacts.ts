/** The artifact versions a run logged (outputs) and used (inputs). */
import { parseArtifactName } from "../artifact-paths.js";
import type { ArtifactVersionOf } from "../loaders/artifact-pages.js";
import { contextOf, type Run } from "../run.js";
import { type ArtifactVersion, matchesArtifactName, type UsedArtifactVersion } from "../wire/artifacts.js";
import { checkOptions, type OperationOptions, rejectThrown } from "./operation-options.js";

/**
 * Every artifact version the run logged (its outputs), all pages. The first page of many runs
 * comes in one batched request; only runs with more than 100 outputs cost more.
 *
 * @param run - The W&B run to get logged artifacts from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example List All Outputs
 * ```ts
 * const outputs = await runLoggedArtifactVersions(run);
 * for (const artifact of outputs) {
 *   console.log(`Logged: ${artifact.name}:${artifact.alias}`);
 *   console.log(`  Version: ${artifact.version}`);
 *   console.log(`  Size: ${artifact.size} bytes`);
 * }
 * ```
 *
 * @example Count Output Types
 * ```ts
 * const outputs = await runLoggedArtifactVersions(run);
 * const modelCount = outputs.filter((a) => a.name.includes("model")).length;
 * const dataCount = outputs.filter((a) => a.name.includes("data")).length;
 * console.log(`Models: ${modelCount}, Datasets: ${dataCount}`);
 * ```
 *
 * @see
 * - {@link runLoggedArtifactVersion} - Get specific artifact
 * - {@link runUsedArtifactVersions} - Get input artifacts
 */
export function runLoggedArtifactVersions(run: Run, options?: OperationOptions): Promise<ArtifactVersion[]> {
  return rejectThrown(() => {
    const context = contextOf(run, "runLoggedArtifactVersions");
    return context.loader.artifacts(
      run,
      "outputArtifacts",
      checkOptions(options, "runLoggedArtifactVersions"),
    );
  });
}

/**
 * Every artifact version the run used (its inputs, declared with `use_artifact`), all pages, each
 * with `usedAs`: the names the run used it under (see {@link UsedArtifactVersion}).
 * The first page of many runs comes in one batched request; only runs with more than 100 inputs
 * cost more.
 *
 * @param run - The W&B run to get used artifacts from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example List Input Dependencies
 * ```ts
 * const inputs = await runUsedArtifactVersions(run);
 * console.log("Run dependencies:");
 * for (const artifact of inputs) console.log(`- ${artifact.name}:v${artifact.version}`);
 * ```
 *
 * @example Verify Dataset Version
 * ```ts
 * const inputs = await runUsedArtifactVersions(run);
 * const dataset = inputs.find((a) => a.name === "training-data");
 * if (dataset && dataset.version !== 3) {
 *   console.warn(`Using outdated dataset v${dataset.version}`);
 * }
 * ```
 *
 * @see
 * - {@link runLoggedArtifactVersions} - Get output artifacts
 * - {@link runLoggedArtifactVersion} - Get specific output
 */
export function runUsedArtifactVersions(
  run: Run,
  options?: OperationOptions,
): Promise<UsedArtifactVersion[]> {
  return rejectThrown(() => {
    const context = contextOf(run, "runUsedArtifactVersions");
    return context.loader.artifacts(run, "inputArtifacts", checkOptions(options, "runUsedArtifactVersions"));
  });
}

/**
 * One version the run logged, named `"name:alias"`: split on the first `:` (a bare name means
 * `latest`); the first of the run's logged versions whose collection is `name` and whose version
 * is `alias` (`v3`) or carries it (`latest`, `best`, …). `undefined` when the run logged none.
 * `latest` matches only while the version still carries it: when a later run logs a newer
 * version, W&B moves the alias there. W&B's qualified forms are read too, as its Python users write
 * them: `"entity/project/name:alias"` and `"project/name:alias"` (that project of the run's
 * entity) match only a version of that project. A malformed name (`"model:"`, `"a/b/c/d:v1"`,
 * `""`) rejects with {@link errors!InvalidArgumentError | InvalidArgumentError}.
 *
 * @param run - The W&B run that logged the artifact
 * @param artifactVersionName - Artifact identifier as "name:alias" (e.g., "model:latest", "dataset:v2"),
 * "project/name:alias" or "entity/project/name:alias"; a bare name means `latest`
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Get Latest Model
 * ```ts
 * const model = await runLoggedArtifactVersion(run, "model:latest");
 * if (model) {
 *   console.log(`Model version: v${model.version}`);
 *   console.log(`Model size: ${model.size} bytes`);
 *   console.log(`Created: ${model.createdAt.toISOString()}`);
 * }
 * ```
 *
 * @example Verify Output Artifacts
 * ```ts
 * const requiredOutputs = ["model:latest", "evaluation:latest"];
 * const found = await Promise.all(requiredOutputs.map((name) => runLoggedArtifactVersion(run, name)));
 * const missing = requiredOutputs.filter((_, i) => !found[i]);
 * if (missing.length > 0) console.warn(`Missing outputs: ${missing.join(", ")}`);
 * ```
 *
 * @see
 * - {@link runLoggedArtifactVersions} - Get all logged artifacts
 * - {@link runUsedArtifactVersions} - Get input artifacts
 */
export async function runLoggedArtifactVersion(
  run: Run,
  artifactVersionName: string,
  options?: OperationOptions,
): Promise<ArtifactVersion | undefined> {
  return findArtifactVersion(
    run,
    "outputArtifacts",
    artifactVersionName,
    options,
    "runLoggedArtifactVersion",
  );
}

/**
 * One version the run used, named `"name:alias"`, by the same rule as
 * {@link runLoggedArtifactVersion} among the run's used versions: split on the first `:` (a bare
 * name means `latest`), the first whose collection is `name` and whose version is `alias` (`v3`) or
 * carries it. `undefined` when the run used none. `"entity/project/name:alias"` and
 * `"project/name:alias"` match only a version of that project; a malformed name rejects with
 * {@link errors!InvalidArgumentError | InvalidArgumentError}.
 *
 * @param run - The W&B run that used the artifact
 * @param artifactVersionName - Artifact identifier as "name:alias" (e.g. "training-data:v3", "dataset:latest"),
 * "project/name:alias" or "entity/project/name:alias"
 * @param options - `signal` rejects this call at once when aborted; `fresh: true` asks the server again instead of the cache
 *
 * @example Verify the Dataset a Run Trained On
 * ```ts
 * const dataset = await runUsedArtifactVersion(run, "training-data:v3");
 * if (!dataset) console.warn("the run did not train on training-data v3");
 * ```
 *
 * @see
 * - {@link runUsedArtifactVersions} - Get all used artifacts
 * - {@link runLoggedArtifactVersion} - Get a specific output
 */
export async function runUsedArtifactVersion(
  run: Run,
  artifactVersionName: string,
  options?: OperationOptions,
): Promise<UsedArtifactVersion | undefined> {
  return findArtifactVersion(run, "inputArtifacts", artifactVersionName, options, "runUsedArtifactVersion");
}

async function findArtifactVersion<D extends "outputArtifacts" | "inputArtifacts">(
  run: Run,
  direction: D,
  artifactVersionName: string,
  options: OperationOptions | undefined,
  operation: string,
): Promise<ArtifactVersionOf<D> | undefined> {
  const context = contextOf(run, operation);
  const checked = checkOptions(options, operation);
  const wanted = parseArtifactName(artifactVersionName, operation);
  const versions = await context.loader.artifacts(run, direction, checked);
  return versions.find((version) => matchesArtifactName(version, wanted, run.entity));
}
