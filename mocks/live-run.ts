/**
 * The demo's live run: running when the loopback server starts, its heartbeat kept fresh, then
 * finished a few seconds later, so `wait` and `check --wait` can be shown against the mock server.
 * Timers are unref'd and stopped by the returned function (the server's `close`).
 */
import { demoFacts } from "./demo-facts.js";
import { mockHistory } from "./run-helpers.js";
import type { MockRun } from "./types.js";

const heartbeatEveryMs = 1000;

/** The live run as it is at `now`: running for a minute, with a few steps logged. */
export function liveDemoRun(now: number): MockRun {
  const { liveRun } = demoFacts;
  const [entity, project] = liveRun.path.split("/") as [string, string];
  return {
    entity,
    project,
    id: liveRun.id,
    displayName: "live-demo",
    state: "running",
    jobType: "train",
    createdAt: new Date(now - 60_000),
    heartbeatAt: new Date(now),
    config: { learning_rate: 0.001, epochs: 10 },
    summary: { accuracy: 0.9, loss: 0.3 },
    history: mockHistory(5, (step) => ({ loss: 0.5 - step * 0.05, accuracy: 0.85 + step * 0.01 })),
  };
}

/** Keeps the run's heartbeat fresh, then finishes it after `finishAfterMs`; returns a stop. */
export function driveLiveRun(
  updateRun: (path: string, changes: Partial<MockRun>) => void,
  finishAfterMs: number,
): () => void {
  const { path, finalAccuracy } = demoFacts.liveRun;
  const beat = setInterval(() => updateRun(path, { heartbeatAt: new Date() }), heartbeatEveryMs);
  const finish = setTimeout(() => {
    clearInterval(beat);
    updateRun(path, {
      state: "finished",
      heartbeatAt: new Date(),
      summary: { accuracy: finalAccuracy, loss: 0.08 },
    });
  }, finishAfterMs);
  beat.unref();
  finish.unref();
  return () => {
    clearInterval(beat);
    clearTimeout(finish);
  };
}
