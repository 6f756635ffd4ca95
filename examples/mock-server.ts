// The fake W&B behind a real HTTP server on 127.0.0.1, failing one request in ten: retries hide it.
import { createClient } from "wandb-query";
import { startMockServer } from "wandb-query/mocks";

const server = await startMockServer({ apiKey: "any-key", faults: { seed: 7, serverErrorRate: 0.1 } });
const wb = createClient({ apiKey: "any-key", baseUrl: server.url }); // http://127.0.0.1:<port>
const viewer = await wb.viewer();
console.log(`${viewer?.username}, ${server.requests.length} HTTP request(s)`);
await server.close();
