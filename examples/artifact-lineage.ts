// Which runs trained on a dataset version, and which of them finished.
import { artifactConsumers, createClient, type Run, runState } from "wandb-query";

const wb = createClient();
const dataset = wb.artifact("acme/vision/training-data:v3");

const consumers: Run[] = [];
for await (const run of artifactConsumers(dataset)) consumers.push(run); // every page, 50 runs each
// One batched request per 50 runs for their states.
const states = await Promise.all(consumers.map((run) => runState(run)));
const finished = states.filter((state) => state === "finished").length;
console.log(`${consumers.length} runs used training-data:v3, ${finished} finished`);
