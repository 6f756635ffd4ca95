// A whole history, fast: W&B's Parquet exports read as columns, rows streamed, the files on disk.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createClient,
  downloadHistoryExports,
  IncompleteRunHistoryError,
  readRunHistoryColumns,
  scanRunHistory,
} from "wandb-query";

const wb = createClient();
const run = wb.run(process.env.RUN_PATH ?? "acme/vision/5kst3p9z");

// Columns: steps and one typed column per key; no row objects on the exports path.
const { steps, columns } = await readRunHistoryColumns(run, { keys: ["loss", "val/acc"] });
const valAcc = columns["val/acc"];
let best = Number.NEGATIVE_INFINITY;
let logged = 0;
if (valAcc?.kind === "number") {
  for (let i = 0; i < steps.length; i++) {
    if (!valAcc.present[i]) continue; // not logged at this step (a logged NaN is present)
    logged++;
    best = Math.max(best, valAcc.values[i] as number);
  }
}
console.log(`${steps.length} steps, val/acc logged at ${logged}, best ${best}`);

// Rows, streamed: only the row groups that hold steps 4400 to 4600 are read from the exports;
// the rows not exported yet (the run is still running) come from W&B's pages.
let rows = 0;
for await (const row of scanRunHistory(run, { keys: ["loss"], minStep: 4400, maxStep: 4600 })) {
  if (typeof row.loss === "number") rows++;
}
console.log(`${rows} rows with loss in [4400, 4600)`);

// The export files themselves, for DuckDB, Polars or pandas.
const dir = process.env.OUT_DIR ?? (await mkdtemp(join(tmpdir(), "history-")));
try {
  await downloadHistoryExports(run, { dir });
} catch (error) {
  if (!(error instanceof IncompleteRunHistoryError)) throw error;
  console.log(`not complete yet: ${error.liveRows} rows live`);
}
const { files, incomplete } = await downloadHistoryExports(run, { dir, requireComplete: false });
console.log(`${files.length} files written, complete: ${!incomplete}`);
