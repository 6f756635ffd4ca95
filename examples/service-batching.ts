// A service answers its users one call at a time; the client batches what arrives together.
import { createClient, runState, runSummary } from "wandb-query";

// One client per process. batchWindowMs: a call that finds nothing waiting waits up to 5 ms for
// others to share its request (the default, 0, sends it at the end of its tick).
const wb = createClient({ entity: "acme", project: "vision", batchWindowMs: 5 });

// What one endpoint of the service does for one user's request.
async function runCard(id: string): Promise<string> {
  const run = wb.run(id);
  const [state, summary] = await Promise.all([runState(run), runSummary(run, { keys: ["accuracy"] })]);
  return `${run.id}: ${state ?? "unknown"}, accuracy ${summary.accuracy ?? "-"}`;
}

// Twenty users' requests, arriving a millisecond apart.
const ids = (await wb.runs("vision", { limit: 20 }).toArray()).map((run) => run.id);
const before = wb.stats().requests;
const cards: Array<Promise<string>> = [];
for (const id of ids) {
  cards.push(runCard(id));
  await new Promise((resolve) => setTimeout(resolve, 1));
}
for (const card of await Promise.all(cards)) console.log(card);
console.log(`${cards.length} cards in ${wb.stats().requests - before} requests`);
