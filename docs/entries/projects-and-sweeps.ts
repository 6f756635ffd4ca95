/**
 * Projects, their artifact types, collections and versions, sweeps, and any W&B URL or path as a
 * handle: the reads W&B's Python client users reach for after runs (`api.projects`,
 * `api.artifact_collections`, `api.artifacts`, `api.sweep`, `sweep.best_run()`, `api.from_path`).
 * `client.project(path)` and `client.sweep(path)` are handles like `client.run(path)`: they send
 * nothing. Listings page through W&B's cursors under the same page guard as `client.runs()`. See
 * the guide, docs/guides/projects-and-sweeps.md.
 *
 * ```ts
 * import { createClient, sweepBestRun } from "wandb-query";
 * const wb = createClient();
 * const target = await wb.fromPath("https://wandb.ai/acme/vision/sweeps/k3j2h1g0?workspace=user-jd");
 * if (target.kind === "sweep") console.log((await sweepBestRun(target.sweep))?.path);
 * ```
 *
 * @module projects-and-sweeps
 */
export {
  type ArtifactCollectionInfo,
  type ArtifactTypeInfo,
  artifactVersions,
  type ListingOptions,
  type PagedListing,
  type PathHandle,
  type Project,
  type ProjectInfo,
  type ProjectRef,
  projectArtifactCollections,
  projectArtifactTypes,
  projectInfo,
  type Sweep,
  type SweepBestRunOptions,
  type SweepInfo,
  type SweepMetric,
  type SweepRef,
  sweepBestRun,
  sweepInfo,
  sweepRuns,
} from "../../src/index.js";
