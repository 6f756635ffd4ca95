/**
 * Artifact versions by name, their files and lineage, and the files runs saved. `client.artifact(path)`
 * is a handle like `client.run(path)`: it sends nothing. `artifactVersion` calls of one tick are
 * batched (one request per project); file URLs come in bulk; downloads stream, verify each file's
 * MD5, write under a temporary name and rename, skip what is already there, refresh expired URLs,
 * never send W&B credentials to a storage host, list references without fetching them, and refuse
 * paths that would leave the target folder. See the guide, docs/guides/artifacts-and-files.md.
 *
 * ```ts
 * import { createClient, downloadArtifact, readRunFile } from "wandb-query";
 * const wb = createClient();
 * await downloadArtifact(wb.artifact("acme/vision/model:production"), { dir: "./model" });
 * const report = await readRunFile(wb.run("acme/vision/1mbku38n"), "eval.json", { as: "json" });
 * ```
 *
 * @module artifacts-and-files
 */
export {
  type Artifact,
  type ArtifactDownload,
  type ArtifactFile,
  type ArtifactName,
  type ArtifactPathInput,
  type ArtifactRef,
  artifactConsumers,
  artifactFiles,
  artifactProducer,
  artifactVersion,
  type DownloadArtifactOptions,
  type DownloadedFile,
  type DownloadOptions,
  type DownloadProgress,
  type DownloadRunFilesOptions,
  downloadArtifact,
  downloadRunFiles,
  type FileReadAs,
  parseArtifactName,
  type ReadFileOptions,
  type RunFile,
  type RunFilesDownload,
  type RunFilesOptions,
  readArtifactFile,
  readRunFile,
  runFiles,
  runMetadata,
} from "../../src/index.js";
