// W&B's Python client's reads beyond one run: projects, artifact versions, sweeps, any URL.
import {
  artifactVersions,
  createClient,
  projectArtifactCollections,
  projectArtifactTypes,
  runSummary,
  sweepBestRun,
  sweepInfo,
  sweepRuns,
} from "wandb-query";

const wb = createClient(); // api = wandb.Api()

// api.projects("acme"): every page, as they are needed
for await (const project of wb.projects("acme")) {
  console.log(`${project.path}: ${project.runCount} runs, updated ${project.updatedAt?.toISOString()}`);
}

// api.artifact_types("acme/vision") and api.artifact_collections("acme/vision", "model")
const vision = wb.project("acme/vision");
const types = await projectArtifactTypes(vision).toArray();
const models = await projectArtifactCollections(vision, "model").toArray();
console.log(
  `types: ${types.map((type) => type.name).join(", ")}; models: ${models.map((c) => c.name).join(", ")}`,
);

// api.artifacts("model", "acme/vision/model"): every version, newest first, with its aliases
for await (const version of artifactVersions(vision, "model")) {
  console.log(`model:v${version.version} [${version.aliases.join(", ")}]`);
}

// sweep = api.sweep("acme/vision/k3j2h1g0"); sweep.best_run()
const sweep = wb.sweep("acme/vision/k3j2h1g0");
const { state, metric } = await sweepInfo(sweep);
const runCount = await sweepRuns(sweep).count();
const best = await sweepBestRun(sweep); // ordered by the config's metric and goal
if (best && metric) {
  const summary = await runSummary(best, { keys: [metric.name] });
  console.log(`sweep ${state}, ${runCount} runs; best ${best.id}: ${metric.name} ${summary[metric.name]}`);
}

// api.from_path(url): a run, a sweep, an artifact version or a project
const url = process.env.WANDB_URL ?? "https://wandb.ai/acme/vision/sweeps/k3j2h1g0?workspace=user-jd";
const target = await wb.fromPath(url);
if (target.kind === "sweep") console.log(`a sweep: ${target.sweep.path}`);
if (target.kind === "run") console.log(`a run: ${target.run.path}`);

// api.run("vision:1mbku38n"): no entity named, so the API key's default entity (one request)
const run = await wb.resolveRun("vision:1mbku38n");
console.log(`resolved ${run.path}`);
