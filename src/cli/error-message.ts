/**
 * SDK errors in the CLI's words. The SDK's messages name what a library user touches: GraphQL
 * operations (`RunsByName: …`) and client options (`retry.maxElapsedMs`, `allowInsecureHttp`);
 * someone at a shell knows flags and environment variables instead.
 */
import { WandbError } from "../index.js";

// Longest phrases first where one contains another ("baseUrl" is in "set baseUrl to …").
const vocabulary: ReadonlyArray<readonly [string, string]> = [
  ["set WANDB_API_KEY, pass apiKey, or add", "set WANDB_API_KEY, or add"],
  [
    "set allowInsecureHttp: true if you mean it",
    "pass --allow-insecure-http (or set WANDB_ALLOW_INSECURE_HTTP=1) if you mean it",
  ],
  ["set baseUrl to the final API URL", "give the final API URL as --base-url"],
  [
    "must not carry credentials; pass apiKey instead",
    "must not carry credentials; set WANDB_API_KEY instead",
  ],
  [
    "Ask for less at once (fewer runs per batch with maxBatchSize, keys for config and summary), or raise maxResponseBytes",
    "Ask for fewer fields (--fields, --keys)",
  ],
  ["(options.entity or WANDB_ENTITY)", "(WANDB_ENTITY)"],
  ["(options.project or WANDB_PROJECT)", "(WANDB_PROJECT)"],
  ["retry.maxElapsedMs", "--max-time"],
  ["retry.retries", "--retries"],
  ["timeoutMs", "--timeout"],
  ["baseUrl", "--base-url"],
];

/** `error`'s message for stderr: without the operation it came from, in flags, on one line. */
export function cliMessage(error: Error): string {
  const operation = error instanceof WandbError ? error.operation : undefined;
  let message = withoutOperation(error.message, operation);
  for (const [sdk, cli] of vocabulary) {
    if (message.includes(sdk)) message = message.split(sdk).join(cli);
  }
  return message.replace(/\s*\n\s*/g, " ").trim();
}

// "RunsByName: …" and "RunsByName (run acme/p/r1): …" become "…" and "run acme/p/r1: …".
function withoutOperation(message: string, operation: string | undefined): string {
  if (!operation || !message.startsWith(operation)) return message;
  const rest = message.slice(operation.length);
  if (rest.startsWith(": ")) return rest.slice(2);
  const run = /^ \((run [^)]*)\): /.exec(rest);
  return run ? `${run[1]}: ${rest.slice(run[0].length)}` : message;
}
