// The built bin when W&B cannot be reached or misbehaves: it gives up by --max-time, says that it
// retried and why it stopped, in flags rather than SDK names, and a long retry wait is announced.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { replyJson, useLoopbackServers } from "../helpers/loopback.js";
import { type BinResult, runBin, useMockServer } from "./support.js";

const loopback = useLoopbackServers();
const mock = useMockServer();
const known = demoFacts.knownRun.path;

/** Words of the SDK that a CLI user never typed. */
const sdkVocabulary =
  /RunsByName|ListRuns|RunCount|Viewer:|options\.|apiKey|maxElapsedMs|timeoutMs|allowInsecureHttp|baseUrl|maxResponseBytes|maxBatchSize/;

function expectOneFailureLine(result: BinResult): string {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  const last = lines[lines.length - 1] as string;
  expect(last).toMatch(/^wandb-query: /);
  expect(result.stderr).not.toMatch(sdkVocabulary);
  return last;
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("--max-time", () => {
  it("a server that never answers: exit 2 at the deadline, having retried", async () => {
    const url = await loopback.listen(() => {});
    const started = Date.now();
    const result = await runBin(["--max-time", "3", "run", known], { baseUrl: url });
    const elapsed = Date.now() - started;
    const line = expectOneFailureLine(result);
    expect(line).toMatch(/gave up after (--max-time \(3 s\), having retried once|2 attempts over)/);
    expect(line).toMatch(/no answer within \d+ ms$/);
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    // At the deadline, not after the library's 120 s (slack for a loaded machine).
    expect(elapsed).toBeLessThan(3000 + 15_000);
  });

  it("nothing listening: exit 2 within the deadline, saying how often and how long it tried", async () => {
    const port = await closedPort();
    const started = Date.now();
    const result = await runBin(["--max-time", "5", "run", known], { baseUrl: `http://127.0.0.1:${port}` });
    const line = expectOneFailureLine(result);
    expect(line).toMatch(
      /^wandb-query: gave up after \d+ attempts over [\d.]+ m?s: the next wait \([\d.]+ m?s\) would pass --max-time \(5\.0 s\); last failure: request to http:\/\/127\.0\.0\.1:\d+ failed: .*ECONNREFUSED/,
    );
    expect(Date.now() - started).toBeLessThan(5000 + 15_000);
  });

  it("--max-time 0 turns the deadline off, --retries 0 makes it one attempt", async () => {
    let requests = 0;
    const url = await loopback.listen((_req, res) => {
      requests++;
      replyJson(res, 503, { errors: [{ message: "maintenance" }] });
    });
    const result = await runBin(["--max-time", "0", "--retries", "0", "run", known], { baseUrl: url });
    expect(expectOneFailureLine(result)).toMatch(
      /^wandb-query: gave up after 1 attempt over \d+ ms \(retries are off\); last failure: W&B answered HTTP 503: maintenance$/,
    );
    expect(requests).toBe(1);
  });

  it("refuses a bad --max-time and --retries", async () => {
    for (const [args, reason] of [
      [["--max-time", "soon"], /bad --max-time "soon"/],
      [["--max-time", "-1"], /bad --max-time "-1"/],
      [["--retries", "2.5"], /bad --retries "2\.5"/],
    ] as const) {
      const result = await runBin([...args, "run", known], { baseUrl: mock.server.url });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(reason);
    }
  });
});

describe("retries", () => {
  it("a retry that waits more than a second says so on stderr, and the command still succeeds", async () => {
    let requests = 0;
    const url = await loopback.listen((req, res) => {
      requests++;
      if (requests === 1) {
        replyJson(res, 503, { errors: [{ message: "deploying" }] }, { "retry-after": "1.2" });
        return;
      }
      // Past the first answer, the real fake W&B answers.
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const answer = await fetch(`${mock.server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: req.headers.authorization ?? "" },
          body: Buffer.concat(chunks),
        });
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(await answer.text());
      });
    });
    const result = await runBin(["check", known, "--state", "finished"], { baseUrl: url });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("✔ state is finished\n");
    expect(result.stderr).toBe(
      "wandb-query: retrying in 1.2 s after attempt 1: W&B answered HTTP 503: deploying\n",
    );
  });

  it("a failure that cannot heal is not retried: a refused key, once", async () => {
    let requests = 0;
    const url = await loopback.listen((_req, res) => {
      requests++;
      replyJson(res, 401, { errors: [{ message: "invalid api key" }] });
    });
    const result = await runBin(["run", known], { baseUrl: url });
    expect(expectOneFailureLine(result)).toBe(
      "wandb-query: W&B refused the API key (HTTP 401): invalid api key",
    );
    expect(requests).toBe(1);
  });
});

describe("plain http", () => {
  it("is refused for a host that is not loopback, naming the flag and the variable", async () => {
    const result = await runBin(["run", known], { baseUrl: "http://0.0.0.0:1" });
    expect(expectOneFailureLine(result)).toMatch(
      /plain http to a host that is not loopback.*pass --allow-insecure-http \(or set WANDB_ALLOW_INSECURE_HTTP=1\)/,
    );
  });

  it("is allowed with --allow-insecure-http or WANDB_ALLOW_INSECURE_HTTP=1", async () => {
    // 0.0.0.0 is not loopback by name, yet on this machine it reaches the mock on 127.0.0.1.
    const port = new URL(mock.server.url).port;
    const baseUrl = `http://0.0.0.0:${port}`;
    const viaFlag = await runBin(["--allow-insecure-http", "check", known, "--state", "finished"], {
      baseUrl,
    });
    expect(viaFlag).toEqual({ code: 0, stdout: "✔ state is finished\n", stderr: "" });
    const viaEnv = await runBin(["check", known, "--state", "finished"], {
      baseUrl,
      env: { WANDB_ALLOW_INSECURE_HTTP: "1" },
    });
    expect(viaEnv).toEqual({ code: 0, stdout: "✔ state is finished\n", stderr: "" });
  });
});

describe("messages in the CLI's words", () => {
  it.each([
    [
      "no key",
      ["run", known],
      { apiKey: null },
      /^wandb-query: no W&B API key: set WANDB_API_KEY, or add "machine /,
    ],
    ["a run path without project", ["run", "1mbku38n"], {}, /no default project is set \(WANDB_PROJECT\)/],
    ["a project path without entity", ["runs", "vision"], {}, /no default entity is set \(WANDB_ENTITY\)/],
    ["a bad --base-url", ["--base-url", "ftp://x", "run", known], {}, /--base-url must be an http\(s\) URL/],
  ] as const)("%s", async (_what, args, options, reason) => {
    const result = await runBin(args, { baseUrl: mock.server.url, ...options });
    expect(expectOneFailureLine(result)).toMatch(reason);
  });

  it("a server error names no GraphQL operation", async () => {
    const url = await loopback.listen((_req, res) =>
      replyJson(res, 200, { errors: [{ message: "unknown run field" }], data: { project: null } }),
    );
    const result = await runBin(["runs", "acme/vision", "--order", "-bogus"], { baseUrl: url });
    expect(expectOneFailureLine(result)).toBe("wandb-query: unknown run field");
  });

  it("a 900 KB HTML page with status 200 is one short line", async () => {
    const url = await loopback.listen((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<html>${"<p>we are down for maintenance</p>".repeat(30_000)}</html>`);
    });
    const result = await runBin(["run", known], { baseUrl: url });
    const line = expectOneFailureLine(result);
    expect(line).toMatch(/answered HTTP 200 with text\/html, not GraphQL JSON/);
    expect(result.stderr.length).toBeLessThan(600);
  });
});
