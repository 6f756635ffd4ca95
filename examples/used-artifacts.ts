// What a run trained on: every artifact version it used, and the names it used each under.
import { createClient, runUsedArtifactVersions } from "wandb-query";

const wb = createClient();
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/1mbku38n");

for (const input of await runUsedArtifactVersions(run)) {
  // usedAs is W&B's InputArtifactEdge.usedAs: often empty (W&B's Python client sends a name only
  // when the run gave one).
  const usedAs = input.usedAs.length > 0 ? ` (used as ${input.usedAs.join(", ")})` : "";
  console.log(`${input.qualifiedName}${usedAs}`);
}
