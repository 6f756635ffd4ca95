// A run's config, checked and typed by a schema you already use (zod here; valibot, arktype or any
// Standard Schema validator work alike). A run logged with other keys fails here, by name.
import { createClient, RunSchemaError, runConfig } from "wandb-query";
import * as z from "zod";

const TrainConfig = z.object({
  learning_rate: z.number().positive(),
  batch_size: z.number().int(),
  optimizer: z.enum(["adam", "adamw", "sgd"]),
  model: z.object({ name: z.string(), depth: z.number().int() }),
});

const wb = createClient();
const run = wb.run(process.env["RUN_PATH"] ?? "acme/vision/1mbku38n");
try {
  const config = await runConfig(run, { schema: TrainConfig }); // typed as z.infer<typeof TrainConfig>
  console.log(
    `${config.model.name} (depth ${config.model.depth}): lr ${config.learning_rate}, ${config.optimizer}`,
  );
} catch (error) {
  if (!(error instanceof RunSchemaError)) throw error;
  for (const issue of error.issues) console.log(`✘ ${run.path}: ${issue.path.join(".")}: ${issue.message}`);
  process.exitCode = 1;
}
