// waitForRun against the fake W&B: over a real loopback HTTP server for finish, failure, stall,
// timeout and abort; and with a hand-stepped clock over msw for the requests each poll round costs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type MockRun, type MockServer, mockRun, startMockServer } from "../../mocks/index.js";
import {
  createClient,
  InvalidArgumentError,
  RunNotFoundError,
  RunStalledError,
  runState,
  type WaitPollEvent,
  WandbTimeoutError,
  waitForRun,
} from "../../src/index.js";
import { createPoller } from "../../src/workflows/wait-for-run.js";
import { mockClient, testApiKey, useMockWandb } from "../helpers/mock-wandb.js";
import { FakeClock } from "./fake-clock.js";

const freshHeartbeat = () => new Date();

function runningRun(id: string, fields: Partial<MockRun> = {}): MockRun {
  return mockRun({ id, state: "running", heartbeatAt: freshHeartbeat(), ...fields });
}

describe("waitForRun over a loopback server", () => {
  let server: MockServer;
  const runs = [
    runningRun("finishes"),
    runningRun("fails"),
    runningRun("stalls", { heartbeatAt: new Date(Date.now() - 3_600_000) }),
    runningRun("forever"),
    mockRun({ id: "done", state: "finished" }),
  ];
  beforeEach(async () => {
    server = await startMockServer({ runs, apiKey: testApiKey });
  });
  afterEach(() => server.close());
  const client = () => createClient({ apiKey: testApiKey, baseUrl: server.url, retry: false });

  it("resolves to finished once the run finishes, each poll a fresh request", async () => {
    const wb = client();
    const run = wb.run("acme/vision/finishes");
    await runState(run); // cached: the wait must not answer from it
    const events: WaitPollEvent[] = [];
    const state = await waitForRun(run, {
      pollMs: 5,
      onPoll: (event) => {
        events.push(event);
        if (event.poll === 2) server.updateRun(run.path, { state: "finished", heartbeatAt: new Date() });
      },
    });
    expect(state).toBe("finished");
    expect(events.map((event) => event.state)).toEqual(["running", "running", "finished"]);
    expect(events.every((event) => event.heartbeatAt instanceof Date && event.run === run)).toBe(true);
    expect(server.requests).toHaveLength(4); // runState, then three polls
  });

  it("resolves to failed when the run fails: the caller compares", async () => {
    const wb = client();
    const run = wb.run("acme/vision/fails");
    const state = await waitForRun(run, {
      pollMs: 5,
      onPoll: ({ poll }) => {
        if (poll === 1) server.updateRun(run.path, { state: "failed" });
      },
    });
    expect(state).toBe("failed");
  });

  it("resolves at once for a run that already ended", async () => {
    const wb = client();
    await expect(waitForRun(wb.run("acme/vision/done"))).resolves.toBe("finished");
    expect(server.requests).toHaveLength(1);
  });

  it("rejects with RunStalledError for a running run whose heartbeat is older than staleAfterMs", async () => {
    const wb = client();
    const error = await waitForRun(wb.run("acme/vision/stalls"), { pollMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunStalledError);
    expect(error).toMatchObject({ state: "running", runPath: "acme/vision/stalls" });
    expect((error as RunStalledError).silentForMs).toBeGreaterThan(3_500_000);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects with WandbTimeoutError after timeoutMs", async () => {
    const wb = client();
    const error = await waitForRun(wb.run("acme/vision/forever"), { pollMs: 10, timeoutMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WandbTimeoutError);
    expect((error as WandbTimeoutError).attempts).toBeGreaterThanOrEqual(1);
    expect((error as Error).message).toMatch(
      /acme\/vision\/forever did not reach a terminal state within timeoutMs 150 ms/,
    );
  });

  it("rejects at once with the signal's reason when aborted", async () => {
    const wb = client();
    const controller = new AbortController();
    const reason = new Error("deploy cancelled");
    const wait = waitForRun(wb.run("acme/vision/forever"), {
      pollMs: 5,
      signal: controller.signal,
      onPoll: ({ poll }) => {
        if (poll === 2) controller.abort(reason);
      },
    });
    await expect(wait).rejects.toBe(reason);
    const polls = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(polls);
  });

  it("rejects with RunNotFoundError for a run that does not exist", async () => {
    const wb = client();
    await expect(waitForRun(wb.run("acme/vision/nosuchrun"))).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it("shares polls: 50 runs waited on cost one request per round", async () => {
    await server.close();
    const many = Array.from({ length: 50 }, (_, i) => runningRun(`m${i}`));
    server = await startMockServer({ runs: many, apiKey: testApiKey });
    const wb = client();
    let events = 0;
    const states = await Promise.all(
      many.map((described) =>
        waitForRun(wb.run(`acme/vision/${described.id}`), {
          // Polls judged from one answer are due within microseconds of each other; a long delay
          // (a quarter of it may be made up) keeps a slow machine from splitting a round.
          pollMs: 200,
          onPoll: () => {
            events++;
            if (events === 100) {
              for (const run of many) server.updateRun(`acme/vision/${run.id}`, { state: "finished" });
            }
          },
        }),
      ),
    );
    expect(states).toEqual(many.map(() => "finished"));
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((request) => request.runs.length)).toEqual([50, 50, 50]);
  });
});

describe("waitForRun rounds, step by step", () => {
  const many = Array.from({ length: 120 }, (_, i) => runningRun(`r${String(i).padStart(3, "0")}`));
  const mock = useMockWandb({ runs: many });

  it("reads 120 runs in ceil(120 / 50) = 3 requests per round, fewer as runs finish", async () => {
    const clock = new FakeClock(Date.now());
    const poller = createPoller(clock);
    const wb = mockClient();
    let polls = 0;
    const settings = {
      wanted: new Set<string>(),
      pollMs: 1_000,
      maxPollMs: 1_000,
      staleAfterMs: Number.POSITIVE_INFINITY,
      timeoutMs: undefined,
      signal: undefined,
      onPoll: () => {
        polls++;
      },
    };
    const path = (run: MockRun) => `acme/vision/${run.id}`;
    const settled = Promise.all(many.map((run) => poller.wait(wb.run(path(run)), settings)));
    /** Fires the round due after `ms`; resolves to the runs of each request once every poll is judged. */
    const round = async (ms: number, expectedPolls: number) => {
      const before = mock.requests.length;
      await clock.advance(ms);
      await expect.poll(() => polls, { timeout: 10_000 }).toBe(expectedPolls);
      return mock.requests.slice(before).map((request) => request.runs.length);
    };
    expect(await round(0, 120)).toEqual([50, 50, 20]);
    for (const run of many.slice(0, 70)) mock.updateRun(path(run), { state: "finished" });
    expect(await round(1_000, 240)).toEqual([50, 50, 20]);
    // 70 ended in that round; the 50 left fit one request.
    for (const run of many.slice(70)) mock.updateRun(path(run), { state: "killed" });
    expect(await round(1_000, 290)).toEqual([50]);
    const states = await settled;
    expect(states.filter((state) => state === "finished")).toHaveLength(70);
    expect(states.filter((state) => state === "killed")).toHaveLength(50);
    expect(poller.size).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe("waitForRun options", () => {
  const wb = createClient({ apiKey: testApiKey });
  const run = wb.run("acme/vision/r1");
  it.each([
    [{ pollMs: 0 }, /pollMs must be a number of milliseconds > 0/],
    [{ pollMs: Number.POSITIVE_INFINITY }, /pollMs must be/],
    [{ pollMs: 10_000, maxPollMs: 5_000 }, /maxPollMs \(5000\) must be at least pollMs \(10000\)/],
    [{ timeoutMs: -1 }, /timeoutMs must be/],
    [{ staleAfterMs: "10m" }, /staleAfterMs must be/],
    [{ until: [""] }, /until must be a state or an array of states/],
    [{ onPoll: "log" }, /onPoll must be a function/],
    [{ every: 5 }, /unknown option "every"/],
  ])("%j is refused before any request", (options, message) => {
    expect(() => waitForRun(run, options as never)).toThrow(InvalidArgumentError);
    expect(() => waitForRun(run, options as never)).toThrow(message);
  });

  it("takes a run handle only", () => {
    expect(() => waitForRun("acme/vision/r1" as never)).toThrow(/waitForRun expects a Run/);
  });
});
