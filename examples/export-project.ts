// A project as a Parquet dataset, then one SQL query over every run's history with DuckDB.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { createClient, exportProject } from "wandb-query";

const wb = createClient();
const dir = process.env.EXPORT_DIR ?? mkdtempSync(join(tmpdir(), "vision-"));
const done = await exportProject(wb, "acme/vision", {
  dir,
  history: true,
  keys: ["loss"],
  filters: { group: "resnet50-baseline" },
});
console.log(`${done.runs} runs, ${done.historyRows} history rows in ${dir}`);

const db = await (await DuckDBInstance.create()).connect();
const best = await db.runAndReadAll(`
  select r.display_name, count(*)::INT as steps, min(h.loss) as best_loss
  from read_parquet('${dir}/history/*/*.parquet', hive_partitioning = true) h
  join read_parquet('${dir}/runs.parquet') r using (run_id)
  group by all order by best_loss limit 3`);
for (const row of best.getRowObjectsJS()) {
  console.log(`${row.display_name}: ${row.steps} steps, best loss ${Number(row.best_loss).toFixed(4)}`);
}
