// Gate a deployment on the model behind an alias: its own evaluation, the run that logged it, then
// its files on disk, verified.
import {
  artifactProducer,
  artifactVersion,
  createClient,
  downloadArtifact,
  readArtifactFile,
  runState,
} from "wandb-query";

const wb = createClient();
const model = wb.artifact(process.env.MODEL ?? "acme/vision/model:latest");

const version = await artifactVersion(model); // one request; many artifactVersion calls share it
const metrics = await readArtifactFile<{ accuracy: number }>(model, "eval/metrics.json", { as: "json" });
const producer = await artifactProducer(model); // a Run handle, or null when no run logged it
console.log(
  `${version.qualifiedName}: accuracy ${metrics.accuracy}, logged by ${producer?.path ?? "no run"}` +
    (producer ? ` (${await runState(producer)})` : ""),
);

if (metrics.accuracy < 0.9) {
  console.error(`✘ accuracy ${metrics.accuracy} is below 0.9: not deploying`);
  process.exitCode = 1;
} else {
  const { files, references, bytesDownloaded } = await downloadArtifact(model, {
    dir: process.env.MODEL_DIR ?? "./model",
    // A deployment replaces the model an earlier one left; without this, a file that differs stops
    // the download (LocalFileError naming it) and nothing is replaced.
    overwrite: true,
  });
  console.log(`${files.length} files, ${bytesDownloaded} bytes fetched`);
  for (const reference of references) console.log(`not fetched: ${reference.path} -> ${reference.ref}`);
}
