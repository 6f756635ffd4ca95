/** What an artifact version is and what it holds: `artifactVersion`, `artifactFiles`, `readArtifactFile`. */
import type { Artifact, ArtifactContext } from "../artifact.js";
import { artifactContextOf } from "../artifact.js";
import { FileNotFoundError, InvalidArgumentError } from "../errors.js";
import { fetchFile } from "../files/fetch-file.js";
import { memorySink } from "../files/sinks.js";
import { fetchFileUrls, fetchManifestUrl } from "../loaders/artifact-requests.js";
import type { ArtifactVersion } from "../wire/artifacts.js";
import { decodeFile } from "../wire/file-content.js";
import type { JsonValue } from "../wire/json.js";
import { type ArtifactFile, type ManifestContents, parseManifest } from "../wire/manifest.js";
import type { StoredFileUrl } from "../wire/run-files.js";
import { checkReadOptions, type ReadFileOptions } from "./file-options.js";
import { checkOptions, type OperationOptions } from "./operation-options.js";

/** A base64 MD5 as W&B records it: 16 bytes, 24 characters. */
const base64Md5 = /^[A-Za-z0-9+/]{22}==$/;

/** A manifest larger than this is refused: 100,000 files take about 20 MB. */
const maxManifestBytes = 512 * 1024 * 1024;
/** How long a manifest stays in a shared store: it never changes, but the store's room is not free. */
const sharedManifestTtlMs = 7 * 24 * 60 * 60 * 1000;

/**
 * The version an artifact name stands for, as {@link run-operations!runLoggedArtifactVersions | runLoggedArtifactVersions} returns versions:
 * its collection (sequence) name, version number, own aliases, type, size, file count, digest,
 * metadata. An alias (`latest`, `production`) names whichever version carries it when asked; the
 * answer is kept for the client's life (`fresh: true` asks again). Every `artifactVersion` call
 * made in one tick goes out together: one request per project, at most `maxBatchSize` versions
 * in each. With a shared store (`cache: store`), a version asked by number (`model:v3`) that
 * another client on the store has read comes from the store, for an hour (docs/guides/services.md).
 *
 * @param artifact - A handle from `client.artifact(path)`.
 * @param options - See {@link run-operations!OperationOptions | OperationOptions}.
 * @returns The version; rejects with {@link errors!ArtifactNotFoundError | ArtifactNotFoundError}
 * when no version answers to the name (or the key may not read it).
 *
 * @example Resolve an alias
 * ```ts
 * const version = await artifactVersion(wb.artifact("acme/vision/model:production"));
 * console.log(`${version.qualifiedName}, ${version.size} bytes, aliases ${version.aliases.join(", ")}`);
 * ```
 *
 * @example Many at once, one request per project
 * ```ts
 * const names = ["model:latest", "model:best", "training-data:v3"];
 * const versions = await Promise.all(names.map((name) => artifactVersion(wb.artifact(name))));
 * ```
 *
 * @see
 * - {@link artifactFiles} - What the version holds
 * - {@link artifactProducer} - The run that logged it
 * - {@link run-operations!runLoggedArtifactVersion | runLoggedArtifactVersion} - A version among a run's outputs
 */
export async function artifactVersion(
  artifact: Artifact,
  options?: OperationOptions,
): Promise<ArtifactVersion> {
  const context = artifactContextOf(artifact, "artifactVersion");
  return { ...(await context.artifacts.version(artifact, checkOptions(options, "artifactVersion"))) };
}

/** The largest manifest (bytes of JSON) a shared store is given. */
const maxSharedManifestBytes = 8 * 1024 * 1024;

/** @internal The manifest of a version, kept by the client once read. */
export function manifestOf(
  context: ArtifactContext,
  version: ArtifactVersion,
  operation: string,
  options: OperationOptions,
): Promise<ManifestContents> {
  return context.artifacts.manifest(
    version.id,
    async (signal) => {
      // A committed version's manifest never changes, and its digest names it: replicas share it.
      const manifestSource = { artifactPath: version.qualifiedName, operation };
      const { maxManifestEntries } = context.files;
      const sharedRead = `${version.id}\n${version.digest}`;
      if (context.shared && !options.fresh) {
        const stored = await context.shared.get("manifest", sharedRead);
        if (typeof stored === "string") {
          try {
            return parseManifest(stored, manifestSource, maxManifestEntries);
          } catch {
            // An entry that is not a manifest (or too large for this client) is a miss.
          }
        }
      }
      const refresh = () => fetchManifestUrl(context.transport, version, signal);
      const source = {
        file: "manifest",
        owner: version.qualifiedName,
        size: null,
        md5: null,
        url: undefined,
        refresh,
      };
      const sink = memorySink(maxManifestBytes, `the manifest of ${version.qualifiedName}`, operation);
      const bytes = await fetchFile(source, sink, context.files.policy(operation), signal);
      const manifest = parseManifest(bytes, manifestSource, maxManifestEntries);
      // Shared as its text, while small enough for a store to hold comfortably: a dataset's
      // million-entry manifest is read from storage by each replica instead.
      if (context.shared && bytes.length <= maxSharedManifestBytes) {
        context.shared.set("manifest", sharedRead, Buffer.from(bytes).toString("utf8"), sharedManifestTtlMs);
      }
      return manifest;
    },
    options,
  );
}

/** @internal The storage URL, size and MD5 of one file of the version, asked by its path. */
export async function storedFile(
  context: ArtifactContext,
  version: ArtifactVersion,
  path: string,
  operation: string,
  signal: AbortSignal | undefined,
): Promise<StoredFileUrl> {
  const stored = (await fetchFileUrls(context.transport, version, { names: [path], signal })).get(path);
  if (!stored) throw noSuchFile(version, [path], operation);
  return stored;
}

/** @internal The error for paths the version does not hold. */
export function noSuchFile(
  version: ArtifactVersion,
  paths: readonly string[],
  operation: string,
): FileNotFoundError {
  return new FileNotFoundError(
    `artifact ${version.qualifiedName} has no file ${paths.map((path) => JSON.stringify(path)).join(", ")}`,
    paths[0] as string,
    { operation },
  );
}

/**
 * Every file of the version, from its manifest, in path order: `{ path, size, digest, ref? }`. A
 * stored file's `digest` is its base64 MD5; a reference entry (`ref`: `s3://…`, `gs://…`, a URL)
 * names where its bytes live, which the SDK never fetches. The manifest is read once per client
 * and version.
 *
 * @param artifact - A handle from `client.artifact(path)`.
 * @param options - See {@link run-operations!OperationOptions | OperationOptions}.
 *
 * @example List what a model holds
 * ```ts
 * for (const file of await artifactFiles(wb.artifact("acme/vision/model:latest"))) {
 *   console.log(file.ref ? `${file.path} -> ${file.ref}` : `${file.path} (${file.size} bytes)`);
 * }
 * ```
 *
 * @see
 * - {@link readArtifactFile} - One file's content
 * - {@link downloadArtifact} - Every file to disk
 */
export async function artifactFiles(artifact: Artifact, options?: OperationOptions): Promise<ArtifactFile[]> {
  const operation = "artifactFiles";
  const context = artifactContextOf(artifact, operation);
  const checked = checkOptions(options, operation);
  const version = await context.artifacts.version(artifact, checked);
  const manifest = await manifestOf(context, version, operation, checked);
  return manifest.files.toArray();
}

/**
 * One file of the version, read into memory and verified against the MD5 W&B recorded: as parsed
 * JSON (`as: "json"`, bare `NaN` and `Infinity` accepted, as Python's `json.dump` writes them), as
 * UTF-8 text (`"text"`), or as bytes (`"bytes"`, the default). It costs a request for the file's
 * URL and one download; the manifest is not read. A file larger than `maxBytes` (64 MiB) is
 * refused: download it instead.
 *
 * @param artifact - A handle from `client.artifact(path)`.
 * @param path - The file's path within the artifact, e.g. `"eval/metrics.json"`.
 * @param options - `as`, `maxBytes`, and see {@link run-operations!OperationOptions | OperationOptions}.
 * @returns The content; rejects with {@link errors!FileNotFoundError | FileNotFoundError} when
 * the version has no such file, {@link errors!DigestMismatchError | DigestMismatchError} when the
 * bytes do not match on every attempt, {@link errors!InvalidArgumentError | InvalidArgumentError}
 * for a reference entry.
 *
 * @example Gate on a metric a run wrote into its model
 * ```ts
 * const metrics = await readArtifactFile<{ accuracy: number }>(
 *   wb.artifact("acme/vision/model:latest"),
 *   "eval/metrics.json",
 *   { as: "json" },
 * );
 * if (metrics.accuracy < 0.9) process.exitCode = 1;
 * ```
 *
 * @see
 * - {@link artifactFiles} - The paths there are
 * - {@link readRunFile} - A file a run saved
 */
export function readArtifactFile<T = JsonValue>(
  artifact: Artifact,
  path: string,
  options: ReadFileOptions & { as: "json" },
): Promise<T>;
export function readArtifactFile(
  artifact: Artifact,
  path: string,
  options: ReadFileOptions & { as: "text" },
): Promise<string>;
export function readArtifactFile(
  artifact: Artifact,
  path: string,
  options?: ReadFileOptions & { as?: "bytes" | undefined },
): Promise<Uint8Array>;
export async function readArtifactFile(
  artifact: Artifact,
  path: string,
  options?: ReadFileOptions,
): Promise<JsonValue | string | Uint8Array> {
  const operation = "readArtifactFile";
  const context = artifactContextOf(artifact, operation);
  const checked = checkReadOptions(options, operation);
  if (typeof path !== "string" || path === "") {
    throw new InvalidArgumentError(`${operation}: path must be a file's path within the artifact`, {
      operation,
    });
  }
  const version = await context.artifacts.version(artifact, checked);
  const owner = version.qualifiedName;
  const refused = (ref: string) =>
    new InvalidArgumentError(
      `${operation}: ${path} of ${owner} is a reference to ${ref}; the SDK does not fetch references`,
      { operation },
    );
  const lookUp = async () => {
    const stored = await storedFile(context, version, path, operation, checked.signal);
    if (!/^https?:/i.test(stored.url)) throw refused(stored.url);
    return stored;
  };
  const first = await lookUp();
  let md5 = first.md5;
  if (md5 === null || !base64Md5.test(md5)) {
    // W&B records no MD5 for a reference, whose URL may well be https: the manifest tells, and
    // gives the digest the bytes are held to when it is a stored file after all.
    const { files } = await manifestOf(context, version, operation, checked);
    const index = files.indexOf(path);
    const entry = index < 0 ? undefined : files.file(index);
    if (!entry) throw noSuchFile(version, [path], operation);
    if (entry.ref !== undefined) throw refused(entry.ref);
    md5 = entry.digest;
  }
  const source = {
    file: path,
    owner,
    size: first.size,
    md5,
    url: first.url,
    refresh: async () => (await lookUp()).url,
  };
  const bytes = await fetchFile(
    source,
    memorySink(checked.maxBytes, path, operation),
    context.files.policy(operation),
    checked.signal,
  );
  return decodeFile(bytes, checked.as, { file: path, owner, operation });
}
