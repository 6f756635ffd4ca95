/**
 * The scope of a client's entries in a shared store: its base URL and the viewer its API key
 * belongs to, looked up once (one `Viewer` request, shared by every read that needs it). A
 * lookup that fails is not kept: the reads that needed it go without the store, and the next
 * one asks again.
 */
import { ViewerDocument } from "../_generated/graphql.js";
import type { Transport } from "../transport/http-transport.js";
import { scopeOf } from "./cache-keys.js";

/** Longest viewer id accepted: W&B's are short base64 strings. */
const maxViewerIdChars = 256;

/** The scope of a client's store entries: asked for once, and known at once after that. */
export interface ViewerScope {
  (): Promise<string | undefined>;
  /** The scope when the viewer is already known, so a write need not wait a microtask for it. */
  known(): string | undefined;
}

/** A function that gives the scope, asking W&B for the viewer on its first call only. */
export function viewerScope(transport: Transport, baseUrl: string): ViewerScope {
  let pending: Promise<string | undefined> | undefined;
  let known: string | undefined;
  const scope = () => {
    pending ??= transport.request({ document: ViewerDocument, variables: {} }).then(
      (answer) => {
        const id: unknown = answer.errors.length === 0 ? answer.data?.viewer?.id : undefined;
        if (typeof id === "string" && id !== "" && id.length <= maxViewerIdChars) {
          known = scopeOf(baseUrl, id);
          return known;
        }
        pending = undefined;
        return undefined;
      },
      () => {
        pending = undefined;
        return undefined;
      },
    );
    return pending;
  };
  return Object.assign(scope, { known: () => known });
}
