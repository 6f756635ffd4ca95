// A service's leaderboard: the best finished runs of a project by accuracy.
import { createClient, runName, runSummary, runUser } from "wandb-query";

// One client per process: it batches and caches across every request the service handles.
const wb = createClient({ entity: "acme" });

export async function leaderboard(project: string, count = 3) {
  const runs = await wb.runs(project, { filters: { state: "finished" } }).toArray();
  // Names and users came with the listing pages; the summaries cost one request per 50 runs, and
  // only the accuracy key crosses the network.
  const rows = await Promise.all(
    runs.map(async (run) => {
      const [name, user, summary] = await Promise.all([
        runName(run),
        runUser(run),
        runSummary(run, { keys: ["accuracy"] }),
      ]);
      return { path: run.path, name, user: user?.username ?? "-", accuracy: Number(summary.accuracy) };
    }),
  );
  return rows
    .filter((row) => Number.isFinite(row.accuracy))
    .sort((a, b) => b.accuracy - a.accuracy)
    .slice(0, count);
}

for (const row of await leaderboard("vision")) {
  console.log(`${row.accuracy.toFixed(3)}  ${row.name} (${row.user})  ${row.path}`);
}
