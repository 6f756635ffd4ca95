/**
 * The msw shell around the core: POST `{any base URL}/graphql`, GET `{any base URL}/files/<key>`
 * (the W&B host's file URLs, which redirect to storage), and GET `{storage}/blobs/<key>` on the
 * storage host, so a client pointed at `https://api.wandb.ai`, `http://localhost:8080` or a
 * dedicated host reaches it all the same.
 */
import { type HttpHandler, HttpResponse, http } from "msw";
import { fileResponse } from "./file-response.js";
import type { MockCore } from "./graphql-core.js";
import { sleep } from "./sleep.js";

/** The handlers to give msw's `setupServer` / `setupWorker`. */
export function mswHandlers(core: MockCore): HttpHandler[] {
  return [
    http.post("*/graphql", async ({ request }) => {
      const bodyText = await request.text();
      const answer = core.handle({
        method: request.method,
        header: (name) => request.headers.get(name) ?? undefined,
        bodyText,
        origin: new URL(request.url).origin,
      });
      await sleep(answer.delayMs);
      // HttpResponse.error() makes fetch reject as on a network failure.
      if (answer.kind === "drop") return HttpResponse.error();
      return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
    }),
    http.get(`${core.files.origin}/blobs/*`, ({ request }) => {
      const url = new URL(request.url);
      return fileResponse(
        core.files.serveStorage(
          `${url.pathname}${url.search}`,
          request.headers.has("authorization"),
          request.headers.get("range") ?? undefined,
        ),
      );
    }),
    http.get("*/files/*", ({ request }) => {
      const url = new URL(request.url);
      return fileResponse(
        core.handleApiFile(`${url.pathname}${url.search}`, request.headers.get("authorization") ?? undefined),
      );
    }),
  ];
}
