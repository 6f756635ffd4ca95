/** The flags every command takes (`--base-url`, `--timeout`, `--json`) and the client they make. */
import type { Command } from "commander";
import { type ClientOptions, createClient, type WandbClient } from "../index.js";

/** Global flags after parsing. */
export interface GlobalOptions {
  baseUrl?: string;
  /** Seconds per HTTP attempt. */
  timeout?: number;
  json?: boolean;
}

/** The global flags as seen from a subcommand. */
export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * A client as the library would make one: key, base URL and timeout from the environment and
 * netrc, overridden only by the flags actually given, so `WANDB_BASE_URL` and
 * `WANDB_HTTP_TIMEOUT` keep working.
 */
export function clientFor(globals: GlobalOptions): WandbClient {
  const options: ClientOptions = {};
  if (globals.baseUrl !== undefined) options.baseUrl = globals.baseUrl;
  if (globals.timeout !== undefined) options.timeoutMs = globals.timeout * 1000;
  return createClient(options);
}
