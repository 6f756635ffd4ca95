// The mock server's live demo run: running with a fresh heartbeat at the start, finished a few
// seconds later, so `wait` and `check --wait` show what they do against `wandb-query mock-server`.
import { describe, expect, it } from "vitest";
import { demoFacts } from "../../mocks/demo-facts.js";
import { startMockServer } from "../../mocks/server.js";
import { binEnv, binPath, mockServerUrl, runBin, spawnCollecting } from "./support.js";

const live = demoFacts.liveRun.path;

/** Starts the built bin's mock server with `args`; resolves to its URL and a stop. */
async function mockServer(args: string[]) {
  const server = spawnCollecting(
    process.execPath,
    [binPath, "--json", "mock-server", "--port", "0", ...args],
    binEnv({ apiKey: null }),
  );
  const url = await mockServerUrl(server, 20_000);
  return {
    url,
    async stop() {
      server.child.kill("SIGTERM");
      await server.exited;
    },
  };
}

describe("the live demo run", () => {
  it("is running with a fresh heartbeat, then finishes after liveRunFinishAfterMs", async () => {
    const server = await startMockServer({ liveRunFinishAfterMs: 1500 });
    try {
      const ask = async () => {
        const response = await fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: `{ project(name: "live", entityName: "acme") { run(name: "${demoFacts.liveRun.id}") { state heartbeatAt summaryMetrics } } }`,
          }),
        });
        const body = (await response.json()) as {
          data: { project: { run: { state: string; heartbeatAt: string; summaryMetrics: string } } };
        };
        return body.data.project.run;
      };
      const first = await ask();
      expect(first.state).toBe("running");
      // Zone-less UTC, as W&B writes it; fresh: within a few seconds of now.
      expect(Date.now() - Date.parse(`${first.heartbeatAt}Z`)).toBeLessThan(5000);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const later = await ask();
      expect(later.state).toBe("finished");
      expect(JSON.parse(later.summaryMetrics)).toMatchObject({ accuracy: demoFacts.liveRun.finalAccuracy });
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it("is left out with 0, and never served with runs of one's own", async () => {
    for (const options of [
      { liveRunFinishAfterMs: 0 },
      { runs: [{ entity: "acme", project: "x", id: "r1" }] },
    ]) {
      const server = await startMockServer(options);
      try {
        expect(server.runs.some((run) => `${run.entity}/${run.project}/${run.id}` === live)).toBe(false);
      } finally {
        await server.close();
      }
    }
  });

  it("wandb-query wait and check --wait see it finish, against wandb-query mock-server --live-run 3s", async () => {
    const server = await mockServer(["--live-run", "3s"]);
    try {
      const started = Date.now();
      const [wait, check] = await Promise.all([
        runBin(["wait", live, "--poll", "0.5s", "--wait", "40s"], {
          baseUrl: server.url,
          apiKey: "anything",
        }),
        runBin(
          [
            "check",
            live,
            "--wait",
            "40s",
            "--poll",
            "0.5s",
            "--state",
            "finished",
            "--metric",
            "accuracy>=0.95",
          ],
          { baseUrl: server.url, apiKey: "anything", timeoutMs: 60_000 },
        ),
      ]);
      expect(wait.code).toBe(0);
      expect(wait.stdout).toBe(`✔ ${live}: finished\n`);
      expect(check.code).toBe(0);
      expect(check.stdout).toBe("✔ state is finished\n✔ accuracy is 0.962, wanted >= 0.95\n");
      // It finished after the 3 s, not at once.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
