// The built bin when W&B cannot be reached or misbehaves: it gives up by --max-time, says that it
// retried and why it stopped, in flags rather than SDK names, and a long retry wait is announced.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { replyJson, useLoopbackServers } from "../helpers/loopback.js";
import { type BinResult, binEnv, binPath, runBin, spawnCollecting, useMockServer } from "./support.js";

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

  it("nothing listening on this machine: the first refusal said at once, exit 2 within 5 s naming WANDB_BASE_URL", async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const result = await runBin(["run", known], { baseUrl });
    const elapsed = Date.now() - started;
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      new RegExp(
        `^wandb-query: attempt 1 at ${baseUrl} failed: .*ECONNREFUSED.*; retrying in [\\d.]+ s, up to 8 times within --max-time \\(60 s\\)$`,
      ),
    );
    expect(expectOneFailureLine(result)).toMatch(
      new RegExp(
        `^wandb-query: nothing is listening at ${baseUrl} \\(set by WANDB_BASE_URL; refused \\d+ times in [\\d.]+ s\\): start the server there \\(for the demo data: wandb-query mock-server --port ${port} &\\), or point WANDB_BASE_URL at one$`,
      ),
    );
    expect(lines).toHaveLength(2);
    // Within 5 s of giving up, plus the bin's start on a loaded machine (slack, not the measure:
    // the line itself says how long it tried).
    const tried = Number(/in ([\d.]+) s\)/.exec(lines[1] as string)?.[1]);
    expect(tried).toBeLessThan(5);
    expect(elapsed).toBeLessThan(5000 + 10_000);
  });

  it("a server that accepts and stays silent: a line after 5 s saying whom it is waiting for", async () => {
    const url = await loopback.listen(() => {});
    const child = spawnCollecting(
      process.execPath,
      [binPath, "--max-time", "20", "run", known],
      binEnv({ baseUrl: url }),
    );
    const started = Date.now();
    let seenAt: number | undefined;
    // Bounded: the line is due at 5 s; 20 s of slack for a loaded machine.
    while (Date.now() - started < 25_000) {
      if (child.output().stderr.includes("still waiting")) {
        seenAt = Date.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.child.kill();
    await child.exited;
    expect(seenAt).toBeGreaterThanOrEqual(4900);
    expect(child.output().stderr.split("\n")[0]).toBe(
      `wandb-query: still waiting for ${url}: no answer after 5 s; each attempt waits up to 10 s (--timeout), the command up to 20 s (--max-time)`,
    );
  }, 40_000);

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
    // The first failure is said at once: where, why, and what the command does next.
    expect(result.stderr).toBe(
      `wandb-query: attempt 1 at ${url} failed: W&B answered HTTP 503: deploying; retrying in 1.2 s, up to 8 times within --max-time (60 s)\n`,
    );
    expect(requests).toBe(2);
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
