/**
 * `startMockServer`: the fake W&B behind a real HTTP server on 127.0.0.1, for the demo, the CLI and
 * benchmarks. It must not import msw, even indirectly: msw is an optional peer dependency and the
 * CLI imports this module directly.
 */
import { createServer } from "node:http";
import { demoRuns } from "./demo-data.js";
import { createMockCore } from "./graphql-core.js";
/** Bodies above this are refused with 413, so a runaway client cannot fill memory. */
const maxBodyBytes = 16 * 1024 * 1024;
/**
 * Starts the fake W&B on 127.0.0.1 only (never on other interfaces). Answers `POST …/graphql`;
 * other paths get 404.
 *
 * @example
 * ```ts
 * const server = await startMockServer();          // the demo dataset
 * const wb = createClient({ apiKey: "any", baseUrl: server.url });
 * await server.close();
 * ```
 */
export async function startMockServer(options = {}) {
    const core = createMockCore(options, demoRuns);
    const sockets = new Set();
    const timers = new Set();
    const server = createServer((request, response) => {
        serve(core, request, response, timers);
    });
    server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
        });
    });
    const address = server.address();
    if (address === null || typeof address === "string")
        throw new Error("the mock server has no TCP address");
    let closing;
    return {
        url: `http://127.0.0.1:${address.port}`,
        runs: core.runs,
        requests: core.requests,
        reset: core.reset,
        close() {
            closing ??= new Promise((resolve) => {
                for (const timer of timers)
                    clearTimeout(timer);
                timers.clear();
                server.close(() => resolve());
                for (const socket of sockets)
                    socket.destroy();
            });
            return closing;
        },
    };
}
function serve(core, request, response, timers) {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (!path.endsWith("/graphql")) {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(JSON.stringify({ errors: [{ message: `no route ${path}` }] }));
        return;
    }
    const chunks = [];
    let size = 0;
    request.on("data", (chunk) => {
        size += chunk.length;
        if (size <= maxBodyBytes)
            chunks.push(chunk);
    });
    request.on("end", () => {
        if (size > maxBodyBytes) {
            response.writeHead(413, { "content-type": "application/json" });
            response.end(JSON.stringify({ errors: [{ message: "request body too large" }] }));
            return;
        }
        const answer = core.handle({
            method: request.method ?? "GET",
            header: (name) => {
                const value = request.headers[name];
                return Array.isArray(value) ? value.join(", ") : value;
            },
            bodyText: Buffer.concat(chunks).toString("utf8"),
        });
        const send = () => {
            if (answer.kind === "drop") {
                request.socket.destroy();
                return;
            }
            response.writeHead(answer.status, {
                ...answer.headers,
                "content-length": String(Buffer.byteLength(answer.body)),
            });
            response.end(answer.body);
        };
        if (answer.delayMs <= 0) {
            send();
            return;
        }
        const timer = setTimeout(() => {
            timers.delete(timer);
            if (!request.socket.destroyed)
                send();
        }, answer.delayMs);
        timers.add(timer);
    });
    request.on("error", () => request.socket.destroy());
}
//# sourceMappingURL=server.js.map