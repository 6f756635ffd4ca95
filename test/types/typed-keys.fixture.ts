// A consumer's code that must compile (see typed-keys.test.ts, which also compiles it with
// noPropertyAccessFromIndexSignature). Each @ts-expect-error line must NOT compile: tsc fails on an
// expected error that does not happen, so these lines hold the typo-catching types in place.
import { createClient, runConfig, runHistory, runSummary, scanRunHistory } from "wandb-query";

const wb = createClient({ apiKey: "fixture-key-0123456789abcdef0123456789", baseUrl: "http://127.0.0.1:9" });
const run = wb.run("acme/vision/1mbku38n");

export async function typedKeys(): Promise<number> {
  const summary = await runSummary(run, { keys: ["accuracy", "train/loss"] });
  const accuracy: number = Number(summary.accuracy) + Number(summary["train/loss"]);
  // @ts-expect-error a key not asked for (a typo) is not on the type
  console.log(summary.acuracy);

  const config = await runConfig(run, { keys: ["lr"] });
  console.log(config.lr);
  // @ts-expect-error not asked for
  console.log(config.batch_size);

  const rows = await runHistory(run, { keys: ["loss"] });
  const first = rows[0];
  if (first) {
    const step: number = first._step;
    console.log(step, first.loss);
    // @ts-expect-error not asked for
    console.log(first.los);
  }
  for await (const row of scanRunHistory(run, { keys: ["loss"] })) {
    // @ts-expect-error not asked for
    console.log(row._step, row.loss, row.acc);
  }

  // Keys from a variable are not known when compiling: the whole dict, read by index.
  const keys: string[] = ["accuracy"];
  const wide = await runSummary(run, { keys });
  console.log(wide["anything"]);
  // A shape named by the caller wins, as before.
  const named = await runSummary<{ accuracy: number }>(run, { keys: ["accuracy"] });
  return accuracy + named.accuracy;
}
