/**
 * Keys of the shared store. A key names the base URL, the viewer the API key belongs to and the
 * read, hashed, and never the API key: two keys of one user share entries, two users never do,
 * and nothing in the store can be turned back into a credential.
 */
import { createHash } from "node:crypto";

/** Prefix of every key, so the SDK's entries can be told apart (and a format change starts afresh). */
export const keyPrefix = "wandb-query:v1:";

/** The part of every key that names whose data it is: the server and the viewer. */
export function scopeOf(baseUrl: string, viewerId: string): string {
  return hash(`${baseUrl}\n${viewerId}`);
}

/** The store key of one read within a scope. */
export function storeKey(scope: string, kind: string, read: string): string {
  return `${keyPrefix}${kind}:${hash(`${scope}\n${kind}\n${read}`)}`;
}

/**
 * Variables as a string that two equal variable objects always give: keys sorted at every level,
 * so `{ a, b }` and `{ b, a }` name one read.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(inner).sort()) {
      Object.defineProperty(sorted, name, {
        value: (inner as Record<string, unknown>)[name],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return sorted;
  });
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}
