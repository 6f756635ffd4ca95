/**
 * `createClient`: resolves the options once and owns the client's transport, loader layer and
 * cache. Everything a client does goes through them.
 */
import { ViewerDocument } from "./_generated/graphql.js";
import { throwIfErrors } from "./loaders/answers.js";
import { RunLoader } from "./loaders/run-loader.js";
import { RunQuery } from "./ops/run-query.js";
import { resolveOptions } from "./options.js";
import { appUrlFor, parseProjectPath, parseRunPath, runPageUrl, } from "./paths.js";
import { Run } from "./run.js";
import { raceAbort } from "./transport/abort.js";
import { createTransport } from "./transport/http-transport.js";
/**
 * Creates a client. Every option has a default, taken from the environment where W&B's own
 * client takes it; nothing is sent until the first call.
 *
 * @example
 * ```ts
 * import { createClient, runConfig } from "wandb-query";
 * const wb = createClient();                          // WANDB_API_KEY or ~/.netrc
 * const run = wb.run("acme/vision/1mbku38n");         // no request
 * const config = await runConfig(run);
 * ```
 */
export function createClient(options = {}) {
    const resolved = resolveOptions(options);
    const transport = createTransport(resolved);
    const loader = new RunLoader(transport, resolved);
    const appUrl = appUrlFor(resolved.baseUrl, process.env.WANDB_APP_URL?.trim() || undefined);
    let listedRuns = 0;
    const makeRun = (ref, primed) => {
        const context = { loader, transport, options: resolved, primed };
        return new Run(ref, runPageUrl(appUrl, ref), context);
    };
    const defaults = { entity: resolved.entity, project: resolved.project };
    const queryContext = {
        transport,
        makeRun,
        countFetched: (runs) => {
            listedRuns += runs;
        },
    };
    return {
        baseUrl: resolved.baseUrl.href.replace(/\/+$/, ""),
        run: (path) => makeRun(parseRunPath(path, defaults)),
        runs: (projectPath, queryOptions) => new RunQuery(queryContext, parseProjectPath(projectPath, defaults), queryOptions),
        viewer: async (callOptions = {}) => {
            const answer = await raceAbort(transport.request({ document: ViewerDocument, variables: {}, signal: callOptions.signal }), callOptions.signal);
            throwIfErrors(answer);
            const viewer = answer.data?.viewer;
            return viewer
                ? {
                    id: viewer.id,
                    username: viewer.username,
                    name: viewer.name,
                    email: viewer.email,
                    entity: viewer.entity,
                }
                : null;
        },
        stats: () => ({
            requests: transport.stats.requests,
            retries: transport.stats.retries,
            runsFetched: loader.runsFetched + listedRuns,
            bytesReceived: transport.stats.bytesReceived,
        }),
        clearCache: () => loader.clear(),
    };
}
//# sourceMappingURL=client.js.map