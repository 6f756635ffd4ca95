/**
 * The storage side of the fake W&B: every file's bytes (run files, artifact files, manifests) on a
 * storage host of its own, as W&B keeps them in a bucket, behind presigned URLs that can expire.
 * GraphQL hands out two kinds of URL: `directUrl` on the storage host (fetched without
 * credentials) and `url` on the W&B host, which checks the key and redirects to storage. Every
 * request is logged with whether it carried an `Authorization` header, so a test can assert that
 * credentials never reach the storage host.
 *
 * Faults (see {@link MockFileFaults}) are counted per file: its first downloads are answered with
 * an expired URL, then cut short, then with corrupt bytes, as configured; later ones succeed.
 */
import { FileContent } from "./file-content.js";
import type { MockFileContent, MockFileFaults, MockFileRequestRecord } from "./types.js";

/** A file as the store keeps it. */
export interface StoredFile {
  /** The opaque name in URLs. */
  readonly key: string;
  /** What it is to its owner: an artifact file's path, a run file's name, or `manifest`. */
  readonly file: string;
  /** `entity/project/name:vN` of the artifact, or `entity/project/id` of the run. */
  readonly owner: string;
  readonly content: FileContent;
  /** Whether the file faults apply to it (manifests only when `faults.files.manifests`). */
  readonly faultable: boolean;
}

interface FileState {
  /** The signature of the URLs handed out; a URL with an older one has expired. */
  generation: number;
  /** Downloads answered so far, for the fault plan. */
  downloads: number;
}

/** What a shell (msw or the HTTP server) sends back for a file request. */
export type FileAnswer =
  | {
      kind: "bytes";
      /** 206 for a Range request. */
      status: 200 | 206;
      headers: Record<string, string>;
      content: FileContent;
      /** The first byte sent (a Range request); default 0. */
      start?: number;
      /** After the last byte sent (a Range request); default the file's size. */
      end?: number;
      /** Stop before this byte offset and break the connection (a cut-off body). */
      cutAt?: number;
      /** Send the bytes with their first one flipped (a body that does not match its digest). */
      corrupt?: boolean;
    }
  | { kind: "text"; status: number; headers: Record<string, string>; body: string };

const xml = { "content-type": "application/xml" };

/** Every stored file of one mock, and the answers to requests for them. */
export class FileStore {
  /** Every file request so far, appended in place. */
  readonly requests: MockFileRequestRecord[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly states = new Map<StoredFile, FileState>();
  private readonly faults: MockFileFaults;

  constructor(
    /** `https://host[:port]` of the storage host, no trailing slash. */
    readonly origin: string,
    faults: MockFileFaults | undefined,
  ) {
    this.faults = checkFileFaults(faults ?? {});
  }

  /** Stores a file. `content` may be made lazily (a manifest). */
  add(owner: string, file: string, content: MockFileContent | FileContent, manifest = false): StoredFile {
    const key = `f${this.files.size + 1}`;
    const stored: StoredFile = {
      key,
      file,
      owner,
      content: content instanceof FileContent ? content : FileContent.of(content, `${owner} ${file}`),
      faultable:
        (manifest ? this.faults.manifests === true : true) &&
        (this.faults.paths === undefined || this.faults.paths.includes(file)),
    };
    this.files.set(key, stored);
    this.states.set(stored, { generation: 0, downloads: 0 });
    return stored;
  }

  /** The presigned storage URL of `stored`, valid until the store expires it. */
  directUrl(stored: StoredFile): string {
    return `${this.origin}/blobs/${stored.key}?sig=${this.stateOf(stored).generation}`;
  }

  /** The W&B-host URL of `stored` (`File.url`): checks the key, then redirects to storage. */
  apiUrl(apiOrigin: string, stored: StoredFile): string {
    return `${apiOrigin}/files/${stored.key}`;
  }

  /**
   * Answers `GET {storage}/blobs/<key>?sig=<n>`; with a `Range` header (`bytes=a-b`, `bytes=a-`,
   * `bytes=-n`), 206 and those bytes, or 416 when they lie past the end.
   */
  serveStorage(pathAndQuery: string, hasAuthorization: boolean, range?: string): FileAnswer {
    const url = new URL(pathAndQuery, "http://storage");
    const stored = this.files.get(url.pathname.replace(/^\/blobs\//, ""));
    const log = (status: number, bytes: number, fault?: MockFileRequestRecord["fault"]) =>
      this.log("storage", stored, status, hasAuthorization, bytes, fault);
    if (!stored || !url.pathname.startsWith("/blobs/")) {
      log(404, 0);
      return { kind: "text", status: 404, headers: xml, body: s3Error("NoSuchKey", "no such object") };
    }
    const state = this.stateOf(stored);
    if (url.searchParams.get("sig") !== String(state.generation)) {
      log(403, 0, "expired-url");
      return {
        kind: "text",
        status: 403,
        headers: xml,
        body: s3Error("AccessDenied", "Request has expired"),
      };
    }
    const fault = stored.faultable ? this.nextFault(state) : undefined;
    if (fault === "expired-url") {
      state.generation++;
      log(403, 0, fault);
      return {
        kind: "text",
        status: 403,
        headers: xml,
        body: s3Error("AccessDenied", "Request has expired"),
      };
    }
    const { size } = stored.content;
    const wanted = range === undefined ? undefined : byteRange(range, size);
    if (wanted === "unsatisfiable") {
      log(416, 0);
      return {
        kind: "text",
        status: 416,
        headers: { ...xml, "content-range": `bytes */${size}` },
        body: s3Error("InvalidRange", "The requested range is not satisfiable"),
      };
    }
    const start = wanted?.start ?? 0;
    const end = wanted?.end ?? size;
    const headers: Record<string, string> = {
      "content-type": "application/octet-stream",
      "content-length": String(end - start),
      "accept-ranges": "bytes",
      etag: `"${Buffer.from(stored.content.md5(), "base64").toString("hex")}"`,
    };
    if (wanted) headers["content-range"] = `bytes ${start}-${end - 1}/${size}`;
    const answer: FileAnswer = {
      kind: "bytes",
      status: wanted ? 206 : 200,
      headers,
      content: stored.content,
      start,
      end,
    };
    if (fault === "cut-body") answer.cutAt = start + Math.floor((end - start) / 2);
    if (fault === "corrupt-body") answer.corrupt = true;
    log(answer.status, (answer.cutAt ?? end) - start, fault);
    return answer;
  }

  /**
   * Answers `GET {api}/files/<key>`: 401 when `authorized` is false, else a 302 to the file's
   * current storage URL, as W&B's file URLs redirect to a signed bucket URL.
   */
  serveApi(pathAndQuery: string, authorized: boolean, hasAuthorization: boolean): FileAnswer {
    const key = new URL(pathAndQuery, "http://api").pathname.replace(/^\/files\//, "");
    const stored = this.files.get(key);
    if (!stored) {
      this.log("api", undefined, 404, hasAuthorization, 0);
      return { kind: "text", status: 404, headers: { "content-type": "text/plain" }, body: "not found" };
    }
    if (!authorized) {
      this.log("api", stored, 401, hasAuthorization, 0);
      return { kind: "text", status: 401, headers: { "content-type": "text/plain" }, body: "unauthorized" };
    }
    this.log("api", stored, 302, hasAuthorization, 0);
    return {
      kind: "text",
      status: 302,
      headers: { location: this.directUrl(stored), "content-type": "text/plain" },
      body: "",
    };
  }

  /** Clears the log and starts every file's fault plan and URL signature over. */
  reset(): void {
    this.requests.length = 0;
    for (const state of this.states.values()) {
      state.generation = 0;
      state.downloads = 0;
    }
  }

  private nextFault(state: FileState): MockFileRequestRecord["fault"] {
    const n = state.downloads++;
    const { expiredUrl = 0, cutBody = 0, corruptBody = 0 } = this.faults;
    if (n < expiredUrl) return "expired-url";
    if (n < expiredUrl + cutBody) return "cut-body";
    if (n < expiredUrl + cutBody + corruptBody) return "corrupt-body";
    return undefined;
  }

  private stateOf(stored: StoredFile): FileState {
    return this.states.get(stored) as FileState;
  }

  private log(
    host: MockFileRequestRecord["host"],
    stored: StoredFile | undefined,
    status: number,
    authorization: boolean,
    bytes: number,
    fault?: MockFileRequestRecord["fault"],
  ): void {
    const record: MockFileRequestRecord = {
      at: Date.now(),
      host,
      file: stored?.file ?? "",
      owner: stored?.owner ?? "",
      status,
      authorization,
      bytes,
    };
    if (fault) record.fault = fault;
    this.requests.push(record);
  }
}

/** `[start, end)` of a `Range: bytes=…` header (one range); `undefined` when it cannot be read (ignored, as S3 does). */
function byteRange(
  header: string,
  size: number,
): { start: number; end: number } | "unsatisfiable" | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(match[1]);
  const last = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || last < start) return "unsatisfiable";
  return { start, end: last + 1 };
}

function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

function checkFileFaults(faults: MockFileFaults): MockFileFaults {
  for (const key of ["expiredUrl", "cutBody", "corruptBody"] as const) {
    const value = faults[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`faults.files.${key} must be a non-negative integer`);
    }
  }
  return faults;
}
