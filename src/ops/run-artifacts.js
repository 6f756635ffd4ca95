/** The artifact versions a run logged (outputs) and used (inputs). */
import { InvalidArgumentError } from "../errors.js";
import { contextOf } from "../run.js";
import { matchesArtifactName, splitArtifactName } from "../wire/artifacts.js";
import { checkOptions } from "./operation-options.js";
/**
 * Every artifact version the run logged (its outputs), all pages. The first page of many runs
 * comes in one batched request; only runs with more than 100 outputs cost more.
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
 */
export async function runLoggedArtifactVersions(run, options) {
    const context = contextOf(run, "runLoggedArtifactVersions");
    return context.loader.artifacts(run, "outputArtifacts", checkOptions(options, "runLoggedArtifactVersions"));
}
/**
 * Every artifact version the run used (its inputs, declared with `use_artifact`), all pages.
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
 */
export async function runUsedArtifactVersions(run, options) {
    const context = contextOf(run, "runUsedArtifactVersions");
    return context.loader.artifacts(run, "inputArtifacts", checkOptions(options, "runUsedArtifactVersions"));
}
/**
 * One version the run logged, named `"name:alias"`: split on the first `:` (a bare name means
 * `latest`); the first of the run's logged versions whose collection is `name` and whose version
 * is `alias` (`v3`) or carries it (`latest`, `best`, …). `undefined` when the run logged none.
 * `latest` matches only while the version still carries it: when a later run logs a newer
 * version, W&B moves the alias there.
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
 */
export async function runLoggedArtifactVersion(run, artifactVersionName, options) {
    const context = contextOf(run, "runLoggedArtifactVersion");
    const checked = checkOptions(options, "runLoggedArtifactVersion");
    if (typeof artifactVersionName !== "string" ||
        artifactVersionName === "" ||
        artifactVersionName.startsWith(":")) {
        throw new InvalidArgumentError(`runLoggedArtifactVersion: expected "name:alias" (e.g. "model:latest", "dataset:v2"), got ${JSON.stringify(artifactVersionName)}`, { operation: "runLoggedArtifactVersion" });
    }
    const { name, alias } = splitArtifactName(artifactVersionName);
    const versions = await context.loader.artifacts(run, "outputArtifacts", checked);
    return versions.find((version) => matchesArtifactName(version, name, alias));
}
//# sourceMappingURL=run-artifacts.js.map