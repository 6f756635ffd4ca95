/** `downloadArtifact`: every file of a version (or those chosen) to a folder, verified. */

import { likePattern } from "../../shared/like-pattern.js";
import { type Artifact, artifactContextOf } from "../artifact.js";
import { type DownloadedFile, type DownloadList, downloadInto } from "../files/download-files.js";
import type { FileSource } from "../files/fetch-file.js";
import { fetchFileUrls, fileUrlPages } from "../loaders/artifact-requests.js";
import type { ArtifactVersion } from "../wire/artifacts.js";
import type { ArtifactFile, ManifestFiles } from "../wire/manifest.js";
import type { StoredFileUrl } from "../wire/run-files.js";
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
  const { files } = await manifestOf(context, version, operation, checked);
  const chosen = choose(files, paths, pattern, version, operation);
  let storedCount = 0;
  for (const index of chosen) if (files.ref(index) === undefined) storedCount++;
  const stored = new Uint32Array(storedCount);
  const references: ArtifactFile[] = [];
  for (let at = 0, k = 0; at < chosen.length; at++) {
    const index = chosen[at] as number;
    if (files.ref(index) === undefined) stored[k++] = index;
    else references.push(files.file(index));
  }
  const owner = version.qualifiedName;
  const { transport } = context;
  // Which manifest entries still need a URL: the pager keeps only those.
  const wanted = new Uint8Array(files.count);
  let urls: UrlSource = { take: async () => undefined };
  const lookUp = async (path: string) => storedFile(context, version, path, operation, checked.signal);
  const list: DownloadList = {
    count: stored.length,
    name: (k) => files.path(stored[k] as number),
    size: (k) => files.size(stored[k] as number),
    md5: (k) => files.digest(stored[k] as number),
    source: (k) => {
      const index = stored[k] as number;
      const path = files.path(index);
      let first = true;
      const source: FileSource = {
        file: path,
        owner,
        size: files.size(index),
        md5: files.digest(index),
        url: undefined,
        refresh: async () => {
          // The first URL comes from the bulk pages; a later one (expired) is asked by name.
          const url = (first ? await urls.take(path) : undefined) ?? (await lookUp(path));
          first = false;
          // The manifest's size first; W&B's file record when the manifest has none.
          if (source.size === null && Number.isSafeInteger(url.size) && url.size >= 0) source.size = url.size;
          return url.url;
        },
      };
      return source;
    },
  };
  const run = context.files.downloadRun(operation, checked);
  const downloaded = await downloadInto(
    checked.dir,
    `the manifest of ${owner}`,
    list,
    run,
    async (missing) => {
      for (const k of missing) wanted[stored[k] as number] = 1;
      if (missing.length <= byNameLimit && missing.length < stored.length) {
        const names = Array.from(missing, (k) => files.path(stored[k] as number));
        const map = await fetchFileUrls(transport, version, { names, signal: checked.signal });
        urls = { take: async (path) => map.get(path) };
        return;
      }
      const pages = fileUrlPages(transport, version, { signal: checked.signal });
      urls = new UrlPager(pages, (name) => {
        const index = files.indexOf(name);
        return index >= 0 && wanted[index] === 1;
      });
    },
  );
  return { ...downloaded, version: { ...version }, references };
}

/** Where the first URL of each file comes from. */
interface UrlSource {
  take(path: string): Promise<StoredFileUrl | undefined>;
}

/**
 * The bulk URL pages, read as the download needs them: a file whose URL has not come yet waits
 * for the next page (one request at a time, shared); only URLs still wanted are kept, and each is
 * dropped once taken, so memory holds a page or so, not every URL of a million files.
 */
class UrlPager implements UrlSource {
  private readonly urls = new Map<string, StoredFileUrl>();
  private done = false;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly pages: AsyncGenerator<Map<string, StoredFileUrl>>,
    private readonly wanted: (name: string) => boolean,
  ) {}

  async take(path: string): Promise<StoredFileUrl | undefined> {
    for (;;) {
      const url = this.urls.get(path);
      if (url) {
        this.urls.delete(path);
        return url;
      }
      if (this.done) return undefined;
      this.pending ??= this.pages.next().then(
        (page) => {
          this.pending = undefined;
          if (page.done) {
            this.done = true;
            return;
          }
          for (const [name, stored] of page.value) if (this.wanted(name)) this.urls.set(name, stored);
        },
        (error: unknown) => {
          this.pending = undefined;
          throw error;
        },
      );
      await this.pending;
    }
  }
}

/** The indexes of the manifest's files that `paths` or `pattern` choose (all without either). */
function choose(
  files: ManifestFiles,
  paths: readonly string[] | undefined,
  pattern: string | undefined,
  version: ArtifactVersion,
  operation: string,
): Uint32Array {
  if (paths) {
    const indexes = paths.map((path) => files.indexOf(path));
    const unknown = paths.filter((_, at) => (indexes[at] as number) < 0);
    if (unknown.length > 0) throw noSuchFile(version, unknown, operation);
    return Uint32Array.from(indexes);
  }
  const all = Uint32Array.from({ length: files.count }, (_, index) => index);
  if (!pattern) return all;
  const like = likePattern(pattern);
  return all.filter((index) => like.test(files.path(index)));
}
