// A run's console output: the newest lines, then how many of all its lines went to stderr.
import { createClient, runLogs, scanRunLogs } from "wandb-query";

const wb = createClient();
const run = wb.run(process.env.RUN_PATH ?? "acme/vision/1mbku38n");

for (const line of await runLogs(run, { last: 3 })) {
  console.log(`${line.number} ${line.timestamp?.toISOString()} ${JSON.stringify(line.text)}`);
}
let errors = 0;
for await (const line of scanRunLogs(run)) if (line.level === "error") errors++;
console.log(`${errors} line(s) on stderr`);
