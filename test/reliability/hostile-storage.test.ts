// Downloads against a hostile W&B and hostile storage (issue #19): a manifest that names the
// user's own files, folders that are links, bodies without end, stacked codings, Retry-After
// values meant to hang or spin, conflicting entries, names at the file system's limit. Each test
// is named after the defect it covers; each would fail on the code before the fix.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import {
  artifactFiles,
  downloadArtifact,
  downloadRunFiles,
  InvalidArgumentError,
  LocalFileError,
  readArtifactFile,
  WandbError,
  WandbRateLimitError,
  WandbResponseError,
  waitForRun,
} from "../../src/index.js";
import { maxTimerMs, setLongTimeout } from "../../src/timers.js";
import { artifactRuns, type StorageScript, useHostileWandb } from "../helpers/hostile-storage.js";
import { useLoopbackServers } from "../helpers/loopback.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const hostile = useHostileWandb();
const servers = useLoopbackServers();
const tempDir = useTempDirs("hostile-storage");

const gitConfig = '[core]\n\tfsmonitor = "touch /tmp/pwned"\n';

/** Every name below `dir`, relative, hidden and temporary ones included. */
function listed(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

async function failureOf(promise: Promise<unknown>): Promise<WandbError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WandbError);
    return error as WandbError;
  }
  throw new Error("expected a failure");
}

interface Edge {
  cursor?: string;
  node: Record<string, unknown>;
}

/** Walks a scripted answer down `path` to a connection's edges. */
function edgesAt(answer: Record<string, unknown>, path: readonly string[]): Edge[] {
  let at: unknown = answer;
  for (const key of path) at = (at as Record<string, unknown>)[key];
  return (at as { edges: Edge[] }).edges;
}
const artifactFileEdges = (answer: Record<string, unknown>) =>
  edgesAt(answer, ["data", "project", "artifactCollection", "artifactMembership", "files"]);
const runFileEdges = (answer: Record<string, unknown>) =>
  edgesAt(answer, ["data", "project", "run", "files"]);

/** The manifest's entries lose their sizes. */
const noSizeInManifest: StorageScript = {
  manifest: (manifest) => {
    for (const entry of Object.values(manifest.contents)) delete entry.size;
  },
};
/** Neither the manifest nor W&B's file listing gives a size (`sizeBytes` -1). */
const noSizeAnywhere: StorageScript = {
  ...noSizeInManifest,
  graphql: (operation, answer) => {
    if (operation !== "ArtifactFileUrls") return;
    for (const edge of artifactFileEdges(answer)) edge.node.sizeBytes = -1;
  },
};

/** Answers a storage GET with a chunked body that never ends (until the client hangs up). */
function endless(res: import("node:http").ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, headers);
  const chunk = Buffer.alloc(64 * 1024, 7);
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) {}
    if (!res.destroyed) res.once("drain", pump);
  };
  res.on("close", () => res.removeAllListeners("drain"));
  pump();
}

describe("defect 1: no overwrite of the user's files", () => {
  it("defect 1: a differing file is refused, named, left as it was; overwrite: true replaces it; a right one is skipped", async () => {
    const w = await hostile(
      artifactRuns([
        { path: ".git/config", content: gitConfig },
        { path: "README.md", content: "hello\n" },
      ]),
    );
    const dir = tempDir();
    mkdirSync(join(dir, ".git"));
    writeFileSync(join(dir, ".git/config"), "[core]\n\tbare = false\n");
    writeFileSync(join(dir, "README.md"), "hello\n");
    const art = () => w.client().artifact("acme/vision/model:latest");
    const error = await failureOf(downloadArtifact(art(), { dir }));
    expect(error).toBeInstanceOf(LocalFileError);
    expect(error.message).toMatch(/"\.git\/config": a different file is already at .*overwrite: true/);
    expect((error as LocalFileError).file).toBe(".git/config");
    expect((error as LocalFileError).code).toBe("exists");
    expect(readFileSync(join(dir, ".git/config"), "utf8")).toBe("[core]\n\tbare = false\n");
    // Refused before any file was fetched: only the manifest left storage.
    expect(w.gets).toEqual(["manifest"]);
    const forced = await downloadArtifact(art(), { dir, overwrite: true });
    expect(forced.files.map((file) => [file.path, file.status])).toEqual([
      [".git/config", "downloaded"],
      ["README.md", "skipped"],
    ]);
    expect(readFileSync(join(dir, ".git/config"), "utf8")).toBe(gitConfig);
    expect(w.gets.filter((name) => name !== "manifest")).toEqual([".git/config"]);
  });

  it("defect 1: downloadRunFiles refuses a differing file too", async () => {
    const w = await hostile(artifactRuns([]));
    const dir = tempDir();
    writeFileSync(join(dir, "eval.json"), "mine");
    const run = w.client().run("acme/vision/trainer");
    await expect(downloadRunFiles(run, { dir })).rejects.toThrow(LocalFileError);
    expect(readFileSync(join(dir, "eval.json"), "utf8")).toBe("mine");
    expect(w.gets).toEqual([]);
    await downloadRunFiles(run, { dir, overwrite: true });
    expect(readFileSync(join(dir, "eval.json"), "utf8")).toBe('{"accuracy": 0.93}');
  });
});

describe("defect 2: symbolic links are never followed", () => {
  it("defect 2: an entry under a folder that is a link to outside is refused, nothing written outside", async () => {
    const w = await hostile(
      artifactRuns([
        { path: "sub/evil.txt", content: "evil" },
        { path: "ok.txt", content: "fine" },
      ]),
    );
    const dir = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(dir, "sub"));
    const error = await failureOf(downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir }));
    expect(error).toBeInstanceOf(LocalFileError);
    expect((error as LocalFileError).file).toBe("sub/evil.txt");
    expect((error as LocalFileError).code).toBe("symlink");
    expect(error.message).toMatch(/sub is a symbolic link/);
    expect(listed(outside)).toEqual([]);
    expect(w.gets).toEqual(["manifest"]);
  });

  it("defect 2: a target that is itself a link is refused, and the link left alone", async () => {
    const w = await hostile(artifactRuns([{ path: "link.txt", content: "x" }]));
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, "secret"), "keep");
    symlinkSync(join(outside, "secret"), join(dir, "link.txt"));
    const error = await failureOf(
      downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir, overwrite: true }),
    );
    expect(error).toBeInstanceOf(LocalFileError);
    expect((error as LocalFileError).code).toBe("symlink");
    expect(readFileSync(join(outside, "secret"), "utf8")).toBe("keep");
  });
});

describe("defect 3: bytes are bounded when an entry has no size", () => {
  it("defect 3: no size in the manifest: W&B's sizeBytes bounds the body", async () => {
    const w = await hostile(artifactRuns([{ path: "data.bin", content: "0123456789" }]), {
      ...noSizeInManifest,
      storage: (name, _req, res) => {
        if (name !== "data.bin") return false;
        endless(res);
        return true;
      },
    });
    const dir = tempDir();
    const error = await failureOf(downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir }));
    expect(error.message).toMatch(/ran past the 10 bytes expected/);
    expect(listed(dir)).toEqual([]);
  });

  it("defect 3: no size anywhere: maxBytes stops an endless chunked body with WandbResponseError, once", async () => {
    const w = await hostile(artifactRuns([{ path: "data.bin", content: "0123456789" }]), {
      ...noSizeAnywhere,
      storage: (name, _req, res) => {
        if (name !== "data.bin") return false;
        endless(res);
        return true;
      },
    });
    const dir = tempDir();
    const started = Date.now();
    const error = await failureOf(
      downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir, maxBytes: 1 << 20 }),
    );
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/data\.bin .*ran past maxBytes \(1048576 bytes\)/);
    expect(w.gets.filter((name) => name === "data.bin")).toHaveLength(1);
    expect(listed(dir)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("defect 3: a gzip bomb of unknown size stops at maxBytes, not retried", async () => {
    const bomb = gzipSync(Buffer.alloc(64 << 20));
    const w = await hostile(artifactRuns([{ path: "data.bin", content: "0123456789" }]), {
      ...noSizeAnywhere,
      storage: (name, _req, res) => {
        if (name !== "data.bin") return false;
        res.writeHead(200, { "content-encoding": "gzip", "content-length": String(bomb.length) });
        res.end(bomb);
        return true;
      },
    });
    const dir = tempDir();
    const error = await failureOf(
      downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir, maxBytes: 1 << 20 }),
    );
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/ran past maxBytes/);
    expect(w.gets.filter((name) => name === "data.bin")).toHaveLength(1);
    expect(listed(dir)).toEqual([]);
  });

  it("defect 3: maxBytes is checked as an option", async () => {
    const w = await hostile(artifactRuns([{ path: "a.txt", content: "a" }]));
    await expect(
      downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir: tempDir(), maxBytes: -1 }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("defect 4: stacked content codings", () => {
  // 2,000 codings: 3,000 would pass Node's 16 KiB header limit, which refuses the answer by itself.
  it("defect 4: gzip stacked 2,000 times is refused at once, not decoded, not retried", async () => {
    const w = await hostile(artifactRuns([{ path: "data.bin", content: "0123456789" }]), {
      storage: (name, _req, res) => {
        if (name !== "data.bin") return false;
        res.writeHead(200, { "content-encoding": Array(2000).fill("gzip").join(", ") });
        res.end(gzipSync(gzipSync(Buffer.from("0123456789"))));
        return true;
      },
    });
    const dir = tempDir();
    const started = process.cpuUsage();
    const error = await failureOf(downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir }));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/2000 stacked content codings; at most 1/);
    expect(w.gets.filter((name) => name === "data.bin")).toHaveLength(1);
    expect(process.cpuUsage(started).user).toBeLessThan(5_000_000);
    expect(listed(dir)).toEqual([]);
  });

  it("defect 4: one coding is still undone", async () => {
    const w = await hostile(artifactRuns([{ path: "data.txt", content: "zipped text" }]), {
      storage: (name, _req, res) => {
        if (name !== "data.txt") return false;
        res.writeHead(200, { "content-encoding": "gzip" });
        res.end(gzipSync(Buffer.from("zipped text")));
        return true;
      },
    });
    const dir = tempDir();
    await downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir });
    expect(readFileSync(join(dir, "data.txt"), "utf8")).toBe("zipped text");
  });
});

describe("defect 5: file retries go through the retry policy", () => {
  const throttled =
    (retryAfter: string) =>
    (name: string, _req: unknown, res: import("node:http").ServerResponse): boolean => {
      if (name !== "data.txt") return false;
      res.writeHead(429, { "retry-after": retryAfter });
      res.end();
      return true;
    };

  it("defect 5: Retry-After 86400 past maxElapsedMs gives up at once with WandbRateLimitError", async () => {
    const w = await hostile(artifactRuns([{ path: "data.txt", content: "x" }]), {
      storage: throttled("86400"),
    });
    const started = Date.now();
    const error = await failureOf(
      downloadArtifact(
        w
          .client({ retry: { retries: 5, minDelayMs: 1, maxDelayMs: 5, maxElapsedMs: 2000 } })
          .artifact("acme/vision/model:latest"),
        { dir: tempDir() },
      ),
    );
    expect(error).toBeInstanceOf(WandbRateLimitError);
    expect(error.message).toMatch(/would pass retry\.maxElapsedMs/);
    expect(w.gets.filter((name) => name === "data.txt")).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("defect 5: Retry-After 999999999 does not overflow into a 1 ms wait", async () => {
    const w = await hostile(artifactRuns([{ path: "data.txt", content: "x" }]), {
      storage: throttled("999999999"),
    });
    const error = await failureOf(
      downloadArtifact(w.client({ retry: { retries: 5 } }).artifact("acme/vision/model:latest"), {
        dir: tempDir(),
      }),
    );
    expect(error).toBeInstanceOf(WandbRateLimitError);
    expect(w.gets.filter((name) => name === "data.txt")).toHaveLength(1);
  });

  it("defect 5: Retry-After 0 is not a busy loop: each retry waits the minimum backoff", async () => {
    const w = await hostile(artifactRuns([{ path: "data.txt", content: "x" }]), { storage: throttled("0") });
    const started = Date.now();
    await failureOf(
      downloadArtifact(
        w
          .client({ retry: { retries: 3, minDelayMs: 100, maxDelayMs: 100 } })
          .artifact("acme/vision/model:latest"),
        { dir: tempDir() },
      ),
    );
    expect(w.gets.filter((name) => name === "data.txt")).toHaveLength(4);
    // Three waits of at least half the 100 ms minimum each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});

describe("defect 6: an abort stops a shared read", () => {
  /** A manifest trickled at 2 bytes a second; resolves `closed` when the client hangs up. */
  function trickle() {
    let markClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    const storage = (name: string, _req: unknown, res: import("node:http").ServerResponse) => {
      if (name !== "manifest") return false;
      res.writeHead(200);
      const timer = setInterval(() => res.write("  "), 1000);
      res.on("close", () => {
        clearInterval(timer);
        markClosed();
      });
      return true;
    };
    return { storage, closed };
  }

  it("defect 6: when the only caller aborts, the manifest read is aborted too", async () => {
    const slow = trickle();
    const w = await hostile(artifactRuns([{ path: "a.txt", content: "a" }]), { storage: slow.storage });
    const controller = new AbortController();
    const pending = artifactFiles(w.client().artifact("acme/vision/model:latest"), {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(w.gets).toEqual(["manifest"]), { timeout: 5000, interval: 10 });
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    const hungUp = await Promise.race([slow.closed.then(() => true), sleep(3000).then(() => false)]);
    expect(hungUp).toBe(true);
  });

  it("defect 6: while another caller still waits, the read goes on", async () => {
    const slow = trickle();
    const w = await hostile(artifactRuns([{ path: "a.txt", content: "a" }]), { storage: slow.storage });
    const client = w.client();
    const first = new AbortController();
    const second = new AbortController();
    const art = client.artifact("acme/vision/model:latest");
    const one = artifactFiles(art, { signal: first.signal });
    const two = artifactFiles(art, { signal: second.signal });
    await vi.waitFor(() => expect(w.gets).toEqual(["manifest"]), { timeout: 5000, interval: 10 });
    first.abort();
    await expect(one).rejects.toThrow(/abort/i);
    const hungUp = await Promise.race([slow.closed.then(() => true), sleep(1500).then(() => false)]);
    expect(hungUp).toBe(false);
    second.abort();
    await expect(two).rejects.toThrow(/abort/i);
    await slow.closed;
    expect(w.gets).toEqual(["manifest"]);
  });
});

describe("defect 7: large manifests", () => {
  it("defect 7: a manifest past maxManifestEntries is a WandbResponseError naming the option, nothing written", async () => {
    const w = await hostile(
      artifactRuns([
        { path: "a.txt", content: "a" },
        { path: "b.txt", content: "b" },
        { path: "c.txt", content: "c" },
      ]),
    );
    const dir = tempDir();
    const art = w.client({ maxManifestEntries: 2 }).artifact("acme/vision/model:latest");
    const error = await failureOf(downloadArtifact(art, { dir }));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/lists more than 2 files \(maxManifestEntries\)/);
    expect(listed(dir)).toEqual([]);
    expect(w.gets).toEqual(["manifest"]);
    // Within the limit, the compact manifest lists and downloads as before.
    const roomy = w.client({ maxManifestEntries: 3 }).artifact("acme/vision/model:latest");
    expect((await artifactFiles(roomy)).map((file) => file.path)).toEqual(["a.txt", "b.txt", "c.txt"]);
    const result = await downloadArtifact(roomy, { dir });
    expect(result.files.map((file) => file.status)).toEqual(["downloaded", "downloaded", "downloaded"]);
  });
});

describe("defect 8: timers over 2^31-1 ms", () => {
  it("defect 8: setLongTimeout waits 3e9 ms in chunks, fires once; Infinity never fires", () => {
    vi.useFakeTimers();
    try {
      const fired: string[] = [];
      setLongTimeout(() => fired.push("3e9"), 3e9);
      setLongTimeout(() => fired.push("never"), Number.POSITIVE_INFINITY);
      vi.advanceTimersByTime(maxTimerMs + 10);
      expect(fired).toEqual([]);
      vi.advanceTimersByTime(3e9 - maxTimerMs - 20);
      expect(fired).toEqual([]);
      vi.advanceTimersByTime(20);
      expect(fired).toEqual(["3e9"]);
      vi.advanceTimersByTime(10 * maxTimerMs);
      expect(fired).toEqual(["3e9"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("defect 8: waitForRun({ timeoutMs: 3e9 }) keeps waiting instead of timing out at once", async () => {
    const w = await hostile([
      { entity: "acme", project: "vision", id: "live", state: "running", heartbeatAt: new Date() },
    ]);
    const controller = new AbortController();
    const waiting = waitForRun(w.client().run("acme/vision/live"), {
      timeoutMs: 3e9,
      pollMs: 3e9,
      signal: controller.signal,
    });
    const early = await Promise.race([
      waiting.then(
        () => "resolved",
        (error: unknown) => error,
      ),
      sleep(800).then(() => "still waiting"),
    ]);
    expect(early).toBe("still waiting");
    controller.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});

describe("defect 13: write failures", () => {
  it("defect 13: entries a and a/b are refused before anything is written", async () => {
    const w = await hostile(
      artifactRuns([
        { path: "a", content: "file" },
        { path: "a/b", content: "inside" },
        { path: "c.txt", content: "c" },
      ]),
    );
    const dir = tempDir();
    const error = await failureOf(downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir }));
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/"a\/b" \("a" is a file of its own\); nothing was downloaded/);
    expect(w.gets).toEqual(["manifest"]);
    expect(listed(dir)).toEqual([]);
  });

  it("defect 13: a folder where a file goes is a LocalFileError naming the entry, no temporary file left", async () => {
    const w = await hostile(artifactRuns([{ path: "x/y.txt", content: "y" }]));
    const dir = tempDir();
    mkdirSync(join(dir, "x/y.txt"), { recursive: true });
    const error = await failureOf(
      downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir, overwrite: true }),
    );
    expect(error).toBeInstanceOf(LocalFileError);
    expect((error as LocalFileError).file).toBe("x/y.txt");
    expect(listed(dir)).toEqual(["x", "x/y.txt"]);
  });

  it("defect 13: a file where a folder goes is a LocalFileError naming the entry", async () => {
    const w = await hostile(artifactRuns([{ path: "x/y.txt", content: "y" }]));
    const dir = tempDir();
    writeFileSync(join(dir, "x"), "a file");
    const error = await failureOf(downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir }));
    expect(error).toBeInstanceOf(LocalFileError);
    expect((error as LocalFileError).code).toBe("not-a-folder");
    expect(listed(dir)).toEqual(["x"]);
  });

  it("defect 13: a name of 255 bytes downloads (the temporary name is short)", async () => {
    const long = `${"n".repeat(251)}.txt`;
    const w = await hostile(artifactRuns([{ path: `deep/${long}`, content: "long" }]));
    const dir = tempDir();
    const result = await downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir });
    expect(result.files[0]?.status).toBe("downloaded");
    expect(readFileSync(join(dir, "deep", long), "utf8")).toBe("long");
    expect(listed(dir)).toEqual(["deep", `deep/${long}`]);
  });

  it("defect 13: a name the disk refuses (256 bytes) is a LocalFileError naming it, nothing left", async () => {
    const tooLong = "n".repeat(256);
    const w = await hostile(artifactRuns([{ path: tooLong, content: "x" }]));
    const dir = tempDir();
    const error = await failureOf(downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir }));
    expect(error).toBeInstanceOf(LocalFileError);
    expect((error as LocalFileError).file).toBe(tooLong);
    expect(listed(dir)).toEqual([]);
  });
});

describe("defect 14: leftovers of killed downloads", () => {
  it("defect 14: a later download removes stale temporary files of its own naming, and only those", async () => {
    const w = await hostile(artifactRuns([{ path: "sub/a.txt", content: "a" }]));
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    // pid 0x7ffffffe (zzzzzz in base 36 is larger than any pid) does not run.
    const stale = ".wq-zzzzzz-0123456789ab.wandb-partial";
    const live = `.wq-${process.pid.toString(36)}-0123456789ab.wandb-partial`;
    const other = ".notes.wandb-partial";
    for (const name of [stale, live, other]) writeFileSync(join(dir, "sub", name), "partial");
    await downloadArtifact(w.client().artifact("acme/vision/model:latest"), { dir });
    expect(existsSync(join(dir, "sub", stale))).toBe(false);
    expect(existsSync(join(dir, "sub", live))).toBe(true);
    expect(existsSync(join(dir, "sub", other))).toBe(true);
  });
});

describe("defect 15: smaller ones", () => {
  it("defect 15: readArtifactFile on an https reference is InvalidArgumentError, the host never asked", async () => {
    let externalGets = 0;
    const external = await servers.listen((_req, res) => {
      externalGets++;
      res.end("unverified");
    });
    const w2 = await hostile(artifactRuns([{ path: "ext.json", ref: `${external}/ext.json` }]));
    const art = w2.client().artifact("acme/vision/model:latest");
    const error = await failureOf(readArtifactFile(art, "ext.json"));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/is a reference to .*the SDK does not fetch references/);
    expect(externalGets).toBe(0);
    expect(await artifactFiles(art)).toHaveLength(1);
  });

  it("defect 15: downloadRunFiles({ names }) writes only the files named, whatever the listing adds", async () => {
    const w = await hostile(artifactRuns([]), {
      graphql: (operation, answer) => {
        if (operation !== "RunFiles") return;
        const edges = runFileEdges(answer);
        const extra = structuredClone(edges[0] as Edge);
        extra.node.name = "extra.sh";
        extra.cursor = "extra";
        edges.push(extra);
      },
    });
    const dir = tempDir();
    const result = await downloadRunFiles(w.client().run("acme/vision/trainer"), {
      dir,
      names: ["eval.json"],
    });
    expect(result.files.map((file) => file.path)).toEqual(["eval.json"]);
    expect(listed(dir)).toEqual(["eval.json"]);
  });

  it("defect 15: a directUrl that is not a URL is a WandbResponseError, not retried", async () => {
    const w = await hostile(artifactRuns([{ path: "a.txt", content: "a" }]), {
      graphql: (operation, answer) => {
        if (operation !== "ArtifactFileUrls") return;
        for (const edge of artifactFileEdges(answer)) edge.node.directUrl = "not a url at all";
      },
    });
    const error = await failureOf(
      downloadArtifact(w.client({ retry: { retries: 5 } }).artifact("acme/vision/model:latest"), {
        dir: tempDir(),
      }),
    );
    expect(error).toBeInstanceOf(WandbResponseError);
    expect(error.message).toMatch(/not a URL/);
    expect(w.operations.filter((name) => name === "ArtifactFileUrls")).toHaveLength(1);
  });
});
