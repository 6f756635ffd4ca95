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

/**
 * The files of a manifest, stored compactly (a million entries take about a hundred bytes each:
 * the path and digest strings, and the size in a typed array), in path order. Entries become
 * {@link ArtifactFile} objects only when asked for.
 */
export class ManifestFiles {
  constructor(
    private readonly paths: readonly string[],
    private readonly digests: Digests,
    /** NaN where the manifest gives no size. */
    private readonly sizes: Float64Array,
    private readonly refs: ReadonlyMap<number, string>,
  ) {}

  get count(): number {
    return this.paths.length;
  }

  path(index: number): string {
    return this.paths[index] as string;
  }

  size(index: number): number | null {
    const size = this.sizes[index] as number;
    return Number.isNaN(size) ? null : size;
  }

  digest(index: number): string {
    return this.digests.get(index);
  }

  ref(index: number): string | undefined {
    return this.refs.get(index);
  }

  /** Entry `index` as a fresh object. */
  file(index: number): ArtifactFile {
    const file: ArtifactFile = { path: this.path(index), size: this.size(index), digest: this.digest(index) };
    const ref = this.refs.get(index);
    if (ref !== undefined) file.ref = ref;
    return file;
  }

  /** Every entry as fresh objects, in path order. */
  toArray(): ArtifactFile[] {
    return Array.from({ length: this.count }, (_, index) => this.file(index));
  }

  /** The index of `path`, or -1 (binary search: the paths are sorted). */
  indexOf(path: string): number {
    let low = 0;
    let high = this.paths.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.paths[middle] as string;
      if (at === path) return middle;
      if (at < path) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}

/**
 * Digests by index: a base64 MD5 (24 characters, what W&B records for a stored file) kept as its
 * 16 bytes, anything else (a reference's ETag or URI) as its string.
 */
export class Digests {
  private bytes = new Uint8Array(16 * 1024);
  private readonly others = new Map<number, string>();
  private count = 0;

  add(digest: string): void {
    const index = this.count++;
    if (this.bytes.length < this.count * 16) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (digest.length === 24 && digest.endsWith("==")) {
      const at = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + index * 16, 16);
      // Node's base64 reader skips what is not base64: only a digest that reads back the same is kept as bytes.
      if (at.write(digest, "base64") === 16 && at.toString("base64") === digest) return;
    }
    this.others.set(index, digest);
  }

  get(index: number): string {
    return (
      this.others.get(index) ??
      Buffer.from(this.bytes.buffer, this.bytes.byteOffset + index * 16, 16).toString("base64")
    );
  }

  /** The digests in `order` (indexes into this store), as a new store. */
  reordered(order: readonly number[]): Digests {
    const copy = new Digests();
    for (const from of order) copy.add(this.get(from));
    return copy;
  }
}

/** What the SDK reads of a manifest. */
export interface ManifestContents {
  /** `"V1"` or `"V2"` (W&B's storage layout); `"V1"` when absent, as W&B's client assumes. */
  storageLayout: string;
  /** In path order. */
  files: ManifestFiles;
}

/** Where a manifest came from, for messages. */
export interface ManifestSource {
  /** `entity/project/name:vN`. */
  artifactPath: string;
  operation: string;
}

/** Below this size a manifest the fast reader finds odd is read again by the full JSON reader, for its message. */
const fullParseLimit = 16 * 1024 * 1024;

const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const comma = 0x2c;
const colon = 0x3a;

/** Thrown by the scanner where the bytes are not the JSON object it expects. */
class ScanError extends Error {}

/**
 * Reads a manifest's bytes without building the JSON tree: the top-level object is scanned, each
 * entry of `contents` parsed alone (a few dozen bytes at a time) and kept compactly, so a
 * manifest of a million files costs about its own size again, not ten times it. Anything but a
 * manifest (not JSON, no `contents` object, an entry without a string digest, a size that is not
 * a whole number, more than `maxEntries` entries) is a {@link WandbResponseError}.
 */
export function parseManifest(
  input: string | Uint8Array,
  source: ManifestSource,
  maxEntries = Number.POSITIVE_INFINITY,
): ManifestContents {
  const fail = (why: string, cause?: unknown): never => {
    throw new WandbResponseError(`the manifest of ${source.artifactPath} cannot be read: ${why}`, {
      operation: source.operation,
      field: "manifest",
      cause,
    });
  };
  const bytes =
    typeof input === "string"
      ? Buffer.from(input, "utf8")
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  try {
    return scanManifest(bytes, maxEntries, fail);
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    // A small odd manifest is read in full, for the exact message; a large one is not worth the memory.
    if (bytes.length <= fullParseLimit) return parseWhole(bytes.toString("utf8"), maxEntries, fail);
    return fail(error.message, error);
  }
}

function scanManifest(bytes: Buffer, maxEntries: number, fail: (why: string) => never): ManifestContents {
  const end = bytes.length;
  const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
  const skip = (at: number) => {
    while (at < end && isSpace(bytes[at] as number)) at++;
    return at;
  };
  /** The index of the closing quote of the string opening at `at`. */
  const stringEnd = (at: number) => {
    let i = at + 1;
    while (i < end) {
      const c = bytes[i] as number;
      if (c === quote) return i;
      i += c === backslash ? 2 : 1;
    }
    throw new ScanError(`a string at byte ${at} does not end`);
  };
  /** The index just past the value starting at `at`. */
  const valueEnd = (at: number) => {
    const first = bytes[at];
    if (first === quote) return stringEnd(at) + 1;
    if (first === openBrace || first === openBracket) {
      let depth = 0;
      let i = at;
      while (i < end) {
        const c = bytes[i] as number;
        if (c === quote) i = stringEnd(i);
        else if (c === openBrace || c === openBracket) depth++;
        else if (c === closeBrace || c === closeBracket) {
          depth--;
          if (depth === 0) return i + 1;
        }
        i++;
      }
      throw new ScanError(`a value at byte ${at} does not end`);
    }
    let i = at;
    while (i < end) {
      const c = bytes[i] as number;
      if (c === comma || c === closeBrace || c === closeBracket || isSpace(c)) break;
      i++;
    }
    if (i === at) throw new ScanError(`no value at byte ${at}`);
    return i;
  };
  const key = (at: number): [string, number] => {
    if (bytes[at] !== quote) throw new ScanError(`no key at byte ${at}`);
    const close = stringEnd(at);
    const raw = bytes.subarray(at + 1, close);
    const text = raw.includes(backslash)
      ? (JSON.parse(bytes.toString("utf8", at, close + 1)) as string)
      : raw.toString("utf8");
    let next = skip(close + 1);
    if (bytes[next] !== colon) throw new ScanError(`no ":" at byte ${next}`);
    next = skip(next + 1);
    return [text, next];
  };
  /** Calls `member` for each member of the object opening at `at`; returns the index past it. */
  const members = (at: number, member: (name: string, valueAt: number) => number) => {
    if (bytes[at] !== openBrace) throw new ScanError(`no object at byte ${at}`);
    let i = skip(at + 1);
    if (bytes[i] === closeBrace) return i + 1;
    for (;;) {
      const [name, valueAt] = key(i);
      i = skip(member(name, valueAt));
      if (bytes[i] === comma) {
        i = skip(i + 1);
        continue;
      }
      if (bytes[i] === closeBrace) return i + 1;
      throw new ScanError(`no "," or "}" at byte ${i}`);
    }
  };
  const start = skip(0);
  if (bytes[start] !== openBrace) {
    if (bytes[start] === openBracket) fail("not a JSON object");
    throw new ScanError("not a JSON object");
  }
  let layout = "V1";
  let sawContents = false;
  const paths: string[] = [];
  const digests = new Digests();
  let sizes = new Float64Array(1024);
  const refs = new Map<number, string>();
  const after = members(start, (name, valueAt) => {
    const valueStop = valueEnd(valueAt);
    if (name === "storagePolicyConfig") {
      const config = JSON.parse(bytes.toString("utf8", valueAt, valueStop)) as JsonValue;
      layout = isObject(config) && typeof config.storageLayout === "string" ? config.storageLayout : "V1";
    }
    if (name !== "contents") return valueStop;
    if (bytes[valueAt] !== openBrace) fail("no contents object");
    sawContents = true;
    return members(valueAt, (path, entryAt) => {
      const entryStop = valueEnd(entryAt);
      if (paths.length >= maxEntries) {
        fail(
          `it lists more than ${maxEntries} files (maxManifestEntries); raise maxManifestEntries to read it`,
        );
      }
      const text = bytes.toString("utf8", entryAt, entryStop);
      let entry: JsonValue;
      try {
        // The engine's parser on each entry alone: faster than any scan in JavaScript (measured).
        entry = JSON.parse(text) as JsonValue;
      } catch {
        entry = parseTolerantJson(text);
      }
      const file = readEntry(path, entry, fail);
      const index = paths.length;
      if (index === sizes.length) {
        const grown = new Float64Array(sizes.length * 2);
        grown.set(sizes);
        sizes = grown;
      }
      paths.push(file.path);
      digests.add(file.digest);
      sizes[index] = file.size ?? Number.NaN;
      if (file.ref !== undefined) refs.set(index, file.ref);
      return entryStop;
    });
  });
  if (skip(after) !== end) throw new ScanError(`bytes after the object at byte ${after}`);
  if (!sawContents) fail("no contents object");
  return { storageLayout: layout, files: sortedFiles(paths, digests, sizes.subarray(0, paths.length), refs) };
}

/** Checks one entry. */
function readEntry(path: string, entry: JsonValue, fail: (why: string) => never): ArtifactFile {
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
  return file;
}

/**
 * The entries in path order. W&B's client writes them sorted, so the common case is one pass that
 * finds them in order; otherwise an index is sorted and the columns rebuilt.
 */
function sortedFiles(
  paths: string[],
  digests: Digests,
  sizes: Float64Array,
  refs: Map<number, string>,
): ManifestFiles {
  let sorted = true;
  for (let i = 1; i < paths.length && sorted; i++) sorted = (paths[i - 1] as string) < (paths[i] as string);
  if (sorted) return new ManifestFiles(paths, digests, Float64Array.from(sizes), refs);
  // A key given twice: the last one counts, as JSON.parse reads it.
  const last = new Map<string, number>();
  paths.forEach((path, index) => {
    last.set(path, index);
  });
  const order = [...last.values()].sort((a, b) => {
    const pa = paths[a] as string;
    const pb = paths[b] as string;
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
  const sortedRefs = new Map<number, string>();
  order.forEach((from, to) => {
    const ref = refs.get(from);
    if (ref !== undefined) sortedRefs.set(to, ref);
  });
  return new ManifestFiles(
    order.map((from) => paths[from] as string),
    digests.reordered(order),
    Float64Array.from(order, (from) => sizes[from] as number),
    sortedRefs,
  );
}

/** The full JSON reader, for small manifests the scanner found odd: exact messages, tolerant JSON. */
function parseWhole(
  text: string,
  maxEntries: number,
  fail: (why: string, cause?: unknown) => never,
): ManifestContents {
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
  const paths: string[] = [];
  const digests = new Digests();
  const sizes: number[] = [];
  const refs = new Map<number, string>();
  for (const path in contents) {
    if (paths.length >= maxEntries) {
      fail(
        `it lists more than ${maxEntries} files (maxManifestEntries); raise maxManifestEntries to read it`,
      );
    }
    const file = readEntry(path, contents[path] as JsonValue, fail);
    if (file.ref !== undefined) refs.set(paths.length, file.ref);
    paths.push(path);
    digests.add(file.digest);
    sizes.push(file.size ?? Number.NaN);
  }
  return { storageLayout: layout, files: sortedFiles(paths, digests, Float64Array.from(sizes), refs) };
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
