/**
 * The msw shell around the core: one handler for POST `{any base URL}/graphql`, so a client pointed
 * at `https://api.wandb.ai`, `http://localhost:8080` or a dedicated host reaches it all the same.
 */
import { HttpResponse, http } from "msw";
import { sleep } from "./sleep.js";
/** The handlers to give msw's `setupServer` / `setupWorker`. */
export function mswHandlers(core) {
    return [
        http.post("*/graphql", async ({ request }) => {
            const bodyText = await request.text();
            const answer = core.handle({
                method: request.method,
                header: (name) => request.headers.get(name) ?? undefined,
                bodyText,
            });
            await sleep(answer.delayMs);
            // HttpResponse.error() makes fetch reject as on a network failure.
            if (answer.kind === "drop")
                return HttpResponse.error();
            return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
        }),
    ];
}
//# sourceMappingURL=msw-handlers.js.map