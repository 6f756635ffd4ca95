/** `downloadArtifact`: every file of a version (or those chosen) to a folder, verified. */

import { likePattern } from "../../shared/like-pattern.js";
import { type Artifact, artifactContextOf } from "../artifact.js";
import { type DownloadedFile, downloadInto } from "../files/download-files.js";
import type { FileSource } from "../files/fetch-file.js";
import { fetchFileUrls } from "../loaders/artifact-requests.js";
import type { ArtifactVersion } from "../wire/artifacts.js";
import type { ArtifactFile } from "../wire/manifest.js";
import { manifestOf, noSuchFile, storedFile } from "./artifact-ops.js";
import { checkDownloadOptions, checkFileChoice, type DownloadArtifactOptions } from "./file-options.js";

/**
 * What {@link downloadArtifact} did.
 *
 * @example
 * ```ts
 * const result = await downloadArtifact(art, { dir: "./model" });
 * // { dir: "/home/ci/model", version: {…}, bytesDownloaded: 262556,
 * //   files: [{ path: "model.pt", localPath: "/home/ci/model/model.pt", size: 262144, status: "downloaded" }, …],
 * //   references: [{ path: "data/val", ref: "s3://acme-datasets/imagenet/val", … }] }
 * ```
 */
export interface ArtifactDownload {
  /** The folder, absolute. */
  dir: string;
  /** The version downloaded. */
  version: ArtifactVersion;
  /** Every stored file chosen: downloaded, or skipped because it was already there, verified. */
  files: DownloadedFile[];
  /** Reference entries chosen: listed, not fetched (their bytes live at `ref`). */
  references: ArtifactFile[];
  /** Bytes fetched; files already present count nothing. */
  bytesDownloaded: number;
}

/** Below this many files to fetch, their URLs are asked by name rather than paged in bulk. */
const byNameLimit = 100;

/**
 * Downloads the version's files into `dir`, each at its path below it. Files stream to disk
 * `concurrency` at a time (memory stays flat whatever their size), each under a temporary name,
 * renamed once its size and MD5 match the manifest, so an interrupted or corrupt download never
 * leaves a file that looks complete. Files already there with the right MD5 are skipped. URLs come
 * in bulk (one request per 5,000 files, W&B's own page size); an expired presigned URL is asked
 * again; dropped connections, cut-off bodies and 5xx are retried within the client's `retry`
 * limits. Reference entries (`s3://…`, `gs://…`, URLs) are reported, never fetched. A manifest
 * path that would land outside `dir` (`../x`, `/x`, `C:\x`) refuses the whole download before
 * anything is written. W&B's credentials go only to the W&B host, never to storage.
 *
 * @param artifact - A handle from `client.artifact(path)`.
 * @param options - `dir` (required), `paths` or `pattern` (LIKE syntax, `%.json`) to choose files,
 * `concurrency` (default 8), `onProgress`, and see {@link run-operations!OperationOptions | OperationOptions}.
 * @returns What was downloaded, skipped and left as references; rejects with
 * {@link errors!DigestMismatchError | DigestMismatchError} naming the file whose bytes never
 * matched, {@link errors!WandbResponseError | WandbResponseError} for a path that escapes `dir`.
 *
 * @example Download a model for a deployment step
 * ```ts
 * const { files, bytesDownloaded } = await downloadArtifact(wb.artifact("acme/vision/model:production"), {
 *   dir: "./model",
 *   onProgress: (p) => process.stderr.write(`\r${p.filesDone}/${p.filesTotal} files`),
 * });
 * console.log(`${files.length} files, ${bytesDownloaded} bytes fetched`);
 * ```
 *
 * @example Only the JSON files
 * ```ts
 * await downloadArtifact(art, { dir: "./reports", pattern: "%.json" });
 * ```
 *
 * @see
 * - {@link artifactFiles} - The files, without downloading
 * - {@link readArtifactFile} - One file into memory
 * - {@link downloadRunFiles} - A run's own files
 */
export async function downloadArtifact(
  artifact: Artifact,
  options: DownloadArtifactOptions,
): Promise<ArtifactDownload> {
  const operation = "downloadArtifact";
  const context = artifactContextOf(artifact, operation);
  const checked = checkDownloadOptions(options, operation, ["paths", "pattern"]);
  const { names: paths, pattern } = checkFileChoice(checked.paths, checked.pattern, "paths", operation);
  const version = await context.artifacts.version(artifact, checked);
  const manifest = await manifestOf(context, version, operation, checked);
  const chosen = choose(manifest.files, paths, pattern, version, operation);
  const references = chosen.filter((file) => file.ref !== undefined);
  const { transport } = context;
  const owner = version.qualifiedName;
  const sources: FileSource[] = chosen
    .filter((file) => file.ref === undefined)
    .map((file) => ({
      file: file.path,
      owner,
      size: file.size,
      md5: file.digest,
      url: undefined,
      refresh: async () => (await storedFile(context, version, file.path, operation, checked.signal)).url,
    }));
  const run = context.files.downloadRun(operation, checked);
  const downloaded = await downloadInto(
    checked.dir,
    `the manifest of ${owner}`,
    sources,
    run,
    async (missing) => {
      const names =
        missing.length <= byNameLimit && missing.length < sources.length
          ? missing.map((s) => s.file)
          : undefined;
      const urls = await fetchFileUrls(transport, version, { names, signal: checked.signal });
      for (const source of missing) {
        const stored = urls.get(source.file);
        source.url = stored?.url;
        // The manifest's size first; W&B's file record when the manifest has none.
        if (source.size === null && stored && Number.isSafeInteger(stored.size) && stored.size >= 0) {
          source.size = stored.size;
        }
      }
    },
  );
  return { ...downloaded, version: { ...version }, references: references.map((file) => ({ ...file })) };
}

/** The manifest's files that `paths` or `pattern` choose (all without either). */
function choose(
  files: readonly ArtifactFile[],
  paths: readonly string[] | undefined,
  pattern: string | undefined,
  version: ArtifactVersion,
  operation: string,
): ArtifactFile[] {
  if (paths) {
    const byPath = new Map(files.map((file) => [file.path, file]));
    const unknown = paths.filter((path) => !byPath.has(path));
    if (unknown.length > 0) throw noSuchFile(version, unknown, operation);
    return paths.map((path) => byPath.get(path) as ArtifactFile);
  }
  if (pattern) {
    const like = likePattern(pattern);
    return files.filter((file) => like.test(file.path));
  }
  return [...files];
}
