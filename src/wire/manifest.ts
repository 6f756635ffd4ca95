/**
 * An artifact version's manifest (the JSON W&B's client writes, version 1) read into the list of
 * its files. Each file's path is the key of `contents` (W&B does not repeat it inside the entry); a
 * stored file's `digest` is the base64 of its raw MD5, a reference entry (`ref`) points elsewhere
 * and its digest is whatever W&B recorded for it (an ETag, or the URI itself).
 */
import { WandbResponseError } from "../errors.js";
import { type JsonObject, type JsonValue, parseTolerantJson } from "./json.js";

/**
 * One file of an artifact version, as its manifest lists it.
 *
 * @example
 * ```ts
 * const files = await artifactFiles(wb.artifact("acme/vision/model:v5"));
 * // [{ path: "config.json", size: 212, digest: "mZFLkyvTelC5g8XnyQrpOw==" },
 * //  { path: "data/val", size: 0, digest: "s3://acme-datasets/imagenet/val", ref: "s3://acme-datasets/imagenet/val" }, …]
 * ```
 */
export interface ArtifactFile {
  /** The path within the artifact, e.g. `"eval/metrics.json"`. */
  path: string;
  /** Bytes; `null` when the manifest does not say. */
  size: number | null;
  /**
   * A stored file's base64 MD5 (W&B's `digest`); for a reference, what W&B recorded for it (an
   * ETag, or the URI).
   */
  digest: string;
  /**
   * For a reference entry only: where the bytes live (`s3://…`, `gs://…`, `https://…`). The SDK
   * lists references and never fetches them.
   */
  ref?: string;
}

/** What the SDK reads of a manifest. */
export interface ManifestContents {
  /** `"V1"` or `"V2"` (W&B's storage layout); `"V1"` when absent, as W&B's client assumes. */
  storageLayout: string;
  /** In path order. */
  files: ArtifactFile[];
}

/** Where a manifest came from, for messages. */
export interface ManifestSource {
  /** `entity/project/name:vN`. */
  artifactPath: string;
  operation: string;
}

/**
 * Reads a manifest. Anything but a manifest (not JSON, no `contents` object, an entry without a
 * string digest, a size that is not a whole number) is a {@link WandbResponseError}.
 */
export function parseManifest(text: string, source: ManifestSource): ManifestContents {
  const fail = (why: string, cause?: unknown): never => {
    throw new WandbResponseError(`the manifest of ${source.artifactPath} cannot be read: ${why}`, {
      operation: source.operation,
      field: "manifest",
      cause,
    });
  };
  let value: JsonValue;
  try {
    value = parseTolerantJson(text);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), error);
  }
  if (!isObject(value)) return fail("not a JSON object");
  const contents = value.contents;
  if (!isObject(contents)) return fail("no contents object");
  const config = value.storagePolicyConfig;
  const layout = isObject(config) && typeof config.storageLayout === "string" ? config.storageLayout : "V1";
  const files: ArtifactFile[] = [];
  for (const [path, entry] of Object.entries(contents)) {
    if (!isObject(entry) || typeof entry.digest !== "string") {
      return fail(`entry ${JSON.stringify(path)} has no digest`);
    }
    const size = entry.size;
    if (
      size !== undefined &&
      size !== null &&
      !(typeof size === "number" && Number.isSafeInteger(size) && size >= 0)
    ) {
      return fail(`entry ${JSON.stringify(path)} has size ${JSON.stringify(size)}`);
    }
    const file: ArtifactFile = { path, size: typeof size === "number" ? size : null, digest: entry.digest };
    if (typeof entry.ref === "string") file.ref = entry.ref;
    files.push(file);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { storageLayout: layout, files };
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
