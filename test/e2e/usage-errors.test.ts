// Every way a command line can be wrong ends with exit code 2 and one line on stderr, no stack
// trace, and never the API key.
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { type BinResult, e2eApiKey, runBin, useMockServer } from "./support.js";

const mock = useMockServer();
const known = demoFacts.knownRun.path;

function expectUsageError(result: BinResult, reason: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^wandb-query: [^\n]+\n$/);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
}

describe("usage errors exit 2 with a one-line reason", () => {
  it.each([
    [
      "an unknown flag",
      ["check", known, "--stat", "finished"],
      /unknown option '--stat' \(Did you mean --state\?\)/,
    ],
    ["an unknown global flag", ["--jsn", "runs", "acme/vision"], /unknown option '--jsn'/],
    ["an unknown command", ["chek", known], /unknown command 'chek'/],
    [
      "a bad --metric",
      ["check", known, "--metric", "accuracy=>0.9"],
      /bad metric expression "accuracy=>0\.9": expected <metric><op><number>/,
    ],
    ["a --metric without a number", ["check", known, "--metric", "accuracy>=high"], /bad metric expression/],
    [
      "a malformed run path",
      ["check", "acme/vision/runs/x/y", "--state", "finished"],
      /cannot read run path "acme\/vision\/runs\/x\/y"/,
    ],
    ["a run path with no project", ["run", "1mbku38n"], /names no project and no default project is set/],
    ["bad --filter JSON", ["runs", "acme/vision", "--filter", "{state: finished}"], /bad --filter: not JSON/],
    [
      "a --filter that is not an object",
      ["runs", "acme/vision", "--filter", "[1]"],
      /bad --filter: expected a JSON object/,
    ],
    ["a bad --max-age", ["check", known, "--max-age", "2 weeks"], /bad duration "2 weeks"/],
    [
      "a bad --limit",
      ["runs", "acme/vision", "--limit", "0"],
      /bad --limit "0": expected a whole number >= 1/,
    ],
    ["a bad --format", ["runs", "acme/vision", "--format", "xml"], /bad --format "xml"/],
    ["an unknown --fields name", ["runs", "acme/vision", "--fields", "id,acc"], /unknown field "acc"/],
    [
      "a bad --order",
      ["runs", "acme/vision", "--order", "created at"],
      /order must be "\+field" or "-field"/,
    ],
    ["a bad --timeout", ["--timeout", "soon", "run", known], /bad --timeout "soon"/],
    [
      "a bad --base-url",
      ["--base-url", "ftp://example.com", "run", known],
      /--base-url must be an http\(s\) URL/,
    ],
    ["a missing argument", ["check"], /missing required argument 'run'/],
    ["history with an empty --keys", ["history", known, "--keys", ","], /--keys names no key/],
    [
      "history with --samples and --all",
      ["history", known, "--keys", "loss", "--all", "--samples", "5"],
      /--samples applies to sampled history/,
    ],
    ["an extra argument", ["run", known, "extra"], /too many arguments/],
    ["a check with nothing to check", ["check", known], /nothing to check/],
    ["an empty artifact name", ["check", known, "--artifact", ":v1"], /bad artifact ":v1"/],
  ])("%s", async (_what, args, reason) => {
    expectUsageError(await runBin(args, { baseUrl: mock.server.url }), reason);
  });

  it("no API key anywhere (no WANDB_API_KEY, no netrc)", async () => {
    const result = await runBin(["check", known, "--state", "finished"], {
      baseUrl: mock.server.url,
      apiKey: null,
    });
    expectUsageError(result, /no W&B API key: set WANDB_API_KEY.*netrc/);
  });

  it("no command: help on stderr, exit 2", async () => {
    const result = await runBin([], { baseUrl: mock.server.url });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Usage: wandb-query [options] [command]");
  });
});

describe("the API key", () => {
  it("reads the key from netrc as the library does, and never prints it", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const home = mkdtempSync(join(tmpdir(), "wandb-query-netrc-"));
    const host = new URL(mock.server.url).host;
    writeFileSync(join(home, ".netrc"), `machine ${host}\n  login user\n  password ${e2eApiKey}\n`, {
      mode: 0o600,
    });
    const result = await runBin(["check", known, "--state", "finished"], {
      baseUrl: mock.server.url,
      apiKey: null,
      env: { HOME: home },
    });
    expect(result).toEqual({ code: 0, stdout: "✔ state is finished\n", stderr: "" });
  });

  it("a refused key: exit 2, one line, the key nowhere in the output", async () => {
    const wrongKey = "wrong-key-9876543210fedcba9876543210fedcba98";
    for (const args of [
      ["check", known, "--state", "finished"],
      ["runs", "acme/vision"],
      ["run", known, "--json"],
    ]) {
      const result = await runBin(args, { baseUrl: mock.server.url, apiKey: wrongKey });
      // With --json, the error is also one JSON object on stdout (issue #21, friction 6).
      const json = args.includes("--json") ? result.stdout : "";
      expectUsageError({ ...result, stdout: result.stdout.slice(json.length) }, /401|not logged in|refused/i);
      if (json) expect(JSON.parse(json).error).toMatchObject({ class: "WandbAuthError", exitCode: 2 });
      for (const text of [result.stderr, result.stdout]) {
        expect(text).not.toContain(wrongKey);
        expect(text).not.toContain(Buffer.from(`api:${wrongKey}`).toString("base64"));
      }
    }
  });
});

describe("help", () => {
  it.each(["check", "run", "runs", "artifacts", "history", "mock-server"])(
    "%s --help shows the usage and an example, exit 0",
    async (command) => {
      const result = await runBin([command, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: wandb-query ${command}`);
      expect(result.stdout).toContain(
        `$ wandb-query ${command === "mock-server" ? "mock-server" : command} `,
      );
      expect(result.stderr).toBe("");
    },
  );

  it("--version prints the package version", async () => {
    const result = await runBin(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
