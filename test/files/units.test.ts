// The pure pieces of src/files and src/wire/manifest.ts, on plain inputs: path safety, LIKE
// patterns, manifests, and the file GET's credential and scheme rules over a scripted fetch.
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { likePattern } from "../../shared/like-pattern.js";
import { fetchFile } from "../../src/files/fetch-file.js";
import { createFileClient } from "../../src/files/file-client.js";
import { createFileHttp } from "../../src/files/file-http.js";
import { memorySink } from "../../src/files/sinks.js";
import { targetPaths, unsafePathReason } from "../../src/files/target-path.js";
import { FileNotFoundError, WandbAuthError, WandbResponseError, WandbTimeoutError } from "../../src/index.js";
import { resolveOptions } from "../../src/options.js";
import { parseManifest } from "../../src/wire/manifest.js";

describe("unsafePathReason", () => {
  it.each([
    ["model.pt", undefined],
    ["eval/metrics.json", undefined],
    ["a/b/c..d/e", undefined],
    ["..hidden", undefined],
    ["", "it is empty"],
    ["../x", 'it climbs out with ".."'],
    ["a/../../x", 'it climbs out with ".."'],
    ["a/..", 'it climbs out with ".."'],
    ["/etc/passwd", "it is absolute"],
    ["C:/Windows/x", "it starts with a drive letter"],
    ["c:x", "it starts with a drive letter"],
    ["C:\\Windows\\x", "it holds a backslash"],
    ["a\\..\\..\\x", "it holds a backslash"],
    ["a//b", "it has an empty or '.' part"],
    ["./a", "it has an empty or '.' part"],
    ["a/", "it has an empty or '.' part"],
    ["a\0b", "it holds a NUL character"],
  ])("%j: %s", (name, reason) => {
    expect(unsafePathReason(name)).toBe(reason);
  });

  it("targetPaths resolves safe names below the folder and refuses the rest, all at once", () => {
    expect(targetPaths("out", ["a.txt", "b/c.txt"], "test")).toEqual([
      resolve("out", "a.txt"),
      resolve("out", "b/c.txt"),
    ]);
    const names = ["ok", "../1", "/2", "../3", "../4", "../5", "../6", "../7"];
    expect(() => targetPaths("out", names, "the manifest of x")).toThrow(WandbResponseError);
    expect(() => targetPaths("out", names, "the manifest of x")).toThrow(
      /^the manifest of x names files that would be written outside .*out: "\.\.\/1" .*"\.\.\/5" \(it climbs out with "\.\."\) and 2 more; nothing was downloaded$/,
    );
    expect(targetPaths(join("/tmp", "x"), ["y"], "t")).toEqual([join("/tmp", "x", "y")]);
  });
});

describe("likePattern", () => {
  it.each([
    ["%.json", "eval.json", true],
    ["%.json", "EVAL.JSON", true],
    ["%.json", "eval.jsonl", false],
    ["media/%", "media/images/a.png", true],
    ["file_.txt", "file1.txt", true],
    ["file_.txt", "file12.txt", false],
    ["100\\%.txt", "100%.txt", true],
    ["100\\%.txt", "1000.txt", false],
    ["a.b", "axb", false],
    ["(x)[y]{z}+?^$|", "(x)[y]{z}+?^$|", true],
    // One character is one code point, as MySQL counts them, not half of a surrogate pair.
    ["_.png", "\u{1F600}.png", true],
    ["__.png", "\u{1F600}.png", false],
  ])("%j matches %j: %s", (pattern, name, expected) => {
    expect(likePattern(pattern).test(name)).toBe(expected);
  });
});

describe("parseManifest", () => {
  const source = { artifactPath: "acme/vision/model:v1", operation: "test" };

  it("reads paths from the keys, sizes, digests and references, sorted by path", () => {
    const text = JSON.stringify({
      version: 1,
      storagePolicy: "wandb-storage-policy-v1",
      storagePolicyConfig: { storageLayout: "V2", storageRegion: "coreweave-us" },
      contents: {
        "z.txt": { digest: "aaa=", size: 3, birthArtifactID: "QXJ0aWZhY3Q6MQ==" },
        "a/b.json": { digest: "bbb=", size: 10, extra: { note: 1 } },
        "ref/s3": { digest: "etag", ref: "s3://bucket/key", size: 99 },
        "no-size": { digest: "ccc=" },
      },
    });
    const read = parseManifest(text, source);
    expect({ storageLayout: read.storageLayout, files: read.files.toArray() }).toEqual({
      storageLayout: "V2",
      files: [
        { path: "a/b.json", size: 10, digest: "bbb=" },
        { path: "no-size", size: null, digest: "ccc=" },
        { path: "ref/s3", size: 99, digest: "etag", ref: "s3://bucket/key" },
        { path: "z.txt", size: 3, digest: "aaa=" },
      ],
    });
    const empty = parseManifest('{"version": 1, "contents": {}}', source);
    expect([empty.storageLayout, empty.files.count]).toEqual(["V1", 0]);
  });

  it.each([
    ["not json", /cannot be read: /],
    ["[]", /not a JSON object/],
    ['{"version": 1}', /no contents object/],
    ['{"contents": {"a": {"size": 1}}}', /entry "a" has no digest/],
    ['{"contents": {"a": {"digest": "x", "size": -1}}}', /entry "a" has size -1/],
    ['{"contents": {"a": {"digest": "x", "size": "12"}}}', /entry "a" has size "12"/],
  ])("refuses %j with WandbResponseError", (text, message) => {
    expect(() => parseManifest(text, source)).toThrow(WandbResponseError);
    expect(() => parseManifest(text, source)).toThrow(message);
  });
});

describe("file GETs", () => {
  function scripted(baseUrl: string, answers: Record<string, Response | (() => Response)>) {
    const sent: Array<{ url: string; headers: Record<string, string>; redirect: string | undefined }> = [];
    const fetchStub: typeof fetch = async (input, init) => {
      const url = String(input);
      sent.push({
        url,
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        redirect: init?.redirect,
      });
      const answer = answers[url];
      if (!answer) throw new TypeError(`no answer for ${url}`);
      return typeof answer === "function" ? answer() : answer;
    };
    const options = resolveOptions(
      {
        apiKey: "file-key-0123456789abcdef0123456789",
        baseUrl,
        fetch: fetchStub,
        headers: { "X-Team": "ml" },
      },
      { env: {}, home: "/nonexistent" },
    );
    return { http: createFileHttp(options), sent };
  }

  it("sends the key and extra headers to the W&B host only, and follows its redirect without them", async () => {
    const { http, sent } = scripted("https://api.wandb.ai", {
      "https://api.wandb.ai/files/acme/vision/r1/eval.json": new Response(null, {
        status: 302,
        headers: { location: "https://storage.googleapis.com/bucket/eval.json?sig=1" },
      }),
      "https://storage.googleapis.com/bucket/eval.json?sig=1": new Response("{}", { status: 200 }),
    });
    const { answer, credentialed } = await http.open(
      "https://api.wandb.ai/files/acme/vision/r1/eval.json",
      new AbortController().signal,
      "test",
    );
    expect(answer.status).toBe(200);
    expect(credentialed).toBe(false);
    expect(sent[0]?.headers.authorization).toMatch(/^Basic /);
    expect(sent[0]?.headers["x-team"]).toBe("ml");
    expect(sent[0]?.redirect).toBe("manual");
    expect(sent[1]?.headers.authorization).toBeUndefined();
    expect(sent[1]?.headers["x-team"]).toBeUndefined();
    expect(sent[1]?.headers["user-agent"]).toMatch(/^wandb-query\//);
  });

  it("fetches http:// storage on this machine, as the base URL's rule allows it", async () => {
    const { http, sent } = scripted("https://api.wandb.ai", {
      "http://127.0.0.1:9000/x": new Response("a"),
      "http://[::ffff:7f00:1]:9000/x": new Response("b"),
      "http://localhost:9000/x": new Response("c"),
    });
    const signal = new AbortController().signal;
    for (const url of [
      "http://127.0.0.1:9000/x",
      "http://[::ffff:127.0.0.1]:9000/x",
      "http://localhost:9000/x",
    ]) {
      expect((await http.open(url, signal, "test")).answer.status, url).toBe(200);
    }
    expect(sent).toHaveLength(3);
  });

  it("treats another port, scheme or path prefix as another host", async () => {
    const { http, sent } = scripted("https://wandb.example.com/wb", {
      "https://wandb.example.com:8443/wb/x": new Response("a"),
      "https://wandb.example.com/other/x": new Response("b"),
      "https://wandb.example.com/wb/x": new Response("c"),
      "https://wandb.example.com/wbx": new Response("d"),
    });
    const signal = new AbortController().signal;
    for (const url of [
      "https://wandb.example.com:8443/wb/x",
      "https://wandb.example.com/other/x",
      "https://wandb.example.com/wb/x",
      "https://wandb.example.com/wbx",
    ]) {
      await http.open(url, signal, "test");
    }
    expect(sent.map((request) => request.headers.authorization !== undefined)).toEqual([
      false,
      false,
      true,
      false,
    ]);
  });

  it("refuses http:// storage when the base URL is https, and too many redirects", async () => {
    const loop = () =>
      new Response(null, { status: 302, headers: { location: "https://api.wandb.ai/files/loop" } });
    const { http } = scripted("https://api.wandb.ai", { "https://api.wandb.ai/files/loop": loop });
    const signal = new AbortController().signal;
    await expect(http.open("http://storage.example.com/x", signal, "test")).rejects.toThrow(
      /a file URL the SDK will not fetch \(http:\/\/storage\.example\.com\)/,
    );
    await expect(http.open("s3://bucket/key", signal, "test")).rejects.toBeInstanceOf(WandbResponseError);
    // The base URL's rule: http:// on this machine only, 0.0.0.0 not counting as this machine.
    await expect(http.open("http://0.0.0.0:9000/x", signal, "test")).rejects.toThrow(/will not fetch/);
    await expect(http.open("https://api.wandb.ai/files/loop", signal, "test")).rejects.toThrow(
      /more than 5 redirects/,
    );
  });
});

describe("fetchFile", () => {
  const content = "hello, file";
  const md5 = createHash("md5").update(content).digest("base64");

  function policyWith(answers: Array<() => Response>, timeoutMs = 1000) {
    let calls = 0;
    const fetchStub: typeof fetch = async () => {
      const answer = answers[Math.min(calls, answers.length - 1)] as () => Response;
      calls++;
      return answer();
    };
    const options = resolveOptions(
      {
        apiKey: "file-key-0123456789abcdef0123456789",
        baseUrl: "https://api.wandb.ai",
        fetch: fetchStub,
        timeoutMs,
        retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2 },
      },
      { env: {}, home: "/nonexistent" },
    );
    const policy = createFileClient(options).policy("test");
    return { policy, calls: () => calls };
  }

  function source(url = "https://storage.example.com/f?sig=1") {
    let refreshes = 0;
    return {
      file: "f.txt",
      owner: "acme/vision/model:v1",
      size: content.length,
      md5,
      url,
      refresh: async () => {
        refreshes++;
        return `https://storage.example.com/f?sig=${refreshes + 1}`;
      },
      refreshes: () => refreshes,
    };
  }

  const read = (src: ReturnType<typeof source>, policy: ReturnType<typeof policyWith>["policy"]) =>
    fetchFile(src, memorySink(1024, src.file, "test"), policy, undefined).then((bytes) =>
      Buffer.from(bytes).toString(),
    );

  it("retries a 5xx and gets the bytes", async () => {
    const { policy, calls } = policyWith([
      () => new Response("busy", { status: 503 }),
      () => new Response(content),
    ]);
    expect(await read(source(), policy)).toBe(content);
    expect(calls()).toBe(2);
  });

  it("does not retry a 404 (FileNotFoundError) nor a refused key on the W&B host (WandbAuthError)", async () => {
    const missing = policyWith([() => new Response("no", { status: 404 })]);
    await expect(read(source(), missing.policy)).rejects.toBeInstanceOf(FileNotFoundError);
    expect(missing.calls()).toBe(1);
    const refused = policyWith([() => new Response("no", { status: 403 })]);
    await expect(read(source("https://api.wandb.ai/files/f"), refused.policy)).rejects.toBeInstanceOf(
      WandbAuthError,
    );
    expect(refused.calls()).toBe(1);
  });

  it("asks for a new URL when storage refuses one, twice at most", async () => {
    const expired = policyWith([() => new Response("expired", { status: 403 })]);
    const src = source();
    await expect(read(src, expired.policy)).rejects.toThrow(
      /storage refused the URL \(HTTP 403\) after refreshing it/,
    );
    expect(src.refreshes()).toBe(2);
    expect(expired.calls()).toBe(3);
    const once = policyWith([() => new Response("expired", { status: 401 }), () => new Response(content)]);
    const again = source();
    expect(await read(again, once.policy)).toBe(content);
    expect(again.refreshes()).toBe(1);
  });

  it("times out a body that stalls, and retries it", async () => {
    const stalled = () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }));
    const { policy, calls } = policyWith([stalled, () => new Response(content)], 30);
    expect(await read(source(), policy)).toBe(content);
    expect(calls()).toBe(2);
    const never = policyWith([stalled], 20);
    await expect(read(source(), never.policy)).rejects.toBeInstanceOf(WandbTimeoutError);
    expect(never.calls()).toBe(4);
  });
});
