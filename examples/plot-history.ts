// A run's curves in a terminal or a log: W&B's sampled history (500 rows at most), drawn as text.
// `style: "braille"` and `color: true` draw finer, in colour, where the output is a terminal.
import { createClient, historyChart, runHistory } from "wandb-query";

const wb = createClient();
const run = wb.run(process.env.RUN_PATH ?? "acme/vision/1mbku38n");
const keys = ["loss", "val/acc"];
const rows = await runHistory(run, { keys });
console.log(historyChart(rows, { keys, width: 72, height: 10 }));
