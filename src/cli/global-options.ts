/**
 * The flags every command takes (`--base-url`, `--timeout`, `--max-time`, `--retries`,
 * `--allow-insecure-http`, `--json`) and the client they make. Every command gets its client from
 * {@link clientFor}, so each of them keeps the deadline and speaks up about long retry waits.
 */
import type { Command } from "commander";
import { type ClientOptions, createClient, type WandbClient } from "../index.js";
import type { CommandContext } from "./command-context.js";
import { CommandSession } from "./command-session.js";
import { positiveSeconds, wholeNumber } from "./flag-values.js";
import type { CliOutput } from "./output.js";

/**
 * `--max-time` when not given: a CI step learns within a minute that W&B cannot be reached, well
 * before the library's 120 s deadline per call, while a few retries (0.5, 1, 2, 4, 8, 16 s of
 * backoff) and a `Retry-After` of up to half a minute still fit. 0 turns it off.
 */
export const defaultMaxTimeSeconds = 60;

/** The SDK's retries after a failed attempt when `--retries` is not given. */
const defaultRetries = 8;

/** Global flags after parsing. */
export interface GlobalOptions {
  baseUrl?: string;
  /** Seconds per HTTP attempt. */
  timeout?: number;
  /** Seconds for the whole command; 0 for no deadline. */
  maxTime?: number;
  /** Retries after a failed attempt. */
  retries?: number;
  allowInsecureHttp?: boolean;
  json?: boolean;
  /** Tables as wide as their content, whatever the terminal's width. */
  wide?: boolean;
  /** The command's deadline and stderr reporting; absent outside a program made by `runCli`. */
  session?: CommandSession | undefined;
}

const sessions = new WeakMap<Command, CommandSession>();

/** Adds the global flags to the program and opens the session its command's client will use. */
export function addGlobalOptions(program: Command, context: CommandContext): CommandSession {
  program
    .option("--base-url <url>", "W&B API base URL (default: WANDB_BASE_URL, else https://api.wandb.ai)")
    .option(
      "--timeout <seconds>",
      "how long each HTTP attempt may take, for every command: seconds or 90s, 2m (default: WANDB_HTTP_TIMEOUT, else 30); how long to wait for a run is wait --wait / check --wait",
      (text) => positiveSeconds(text, "--timeout"),
    )
    .option(
      "--max-time <seconds>",
      `for the whole command, retries and waits included; 0 for none (default ${defaultMaxTimeSeconds})`,
      parseMaxTime,
    )
    .option("--retries <n>", `retries after a failed attempt (default ${defaultRetries})`, (text) =>
      wholeNumber(text, "--retries", 0),
    )
    .option(
      "--allow-insecure-http",
      "allow a plain http:// --base-url that is not on this machine (also WANDB_ALLOW_INSECURE_HTTP=1)",
    )
    .option("--json", "print JSON instead of text")
    .option("--wide", "tables as wide as their content, no column cut or left out to fit the terminal");
  const session = new CommandSession(context.output, context.env);
  sessions.set(program, session);
  return session;
}

function parseMaxTime(text: string): number {
  if (text.trim() === "0") return 0;
  return positiveSeconds(text, "--max-time");
}

/** The global flags as seen from a subcommand, with its program's session. */
export function globalsOf(command: Command): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  return { ...command.optsWithGlobals<GlobalOptions>(), session: sessions.get(root) };
}

/** The width a command's tables fit: the terminal's, or none with `--wide`. */
export function tableWidth(globals: GlobalOptions, output: CliOutput): number | undefined {
  return globals.wide ? undefined : output.columns;
}

/** What a command may say about its own deadline. */
export interface ClientForOptions {
  /**
   * `--max-time` when the flag is not given, in seconds (0 for none). A command that waits by
   * design (for a run to finish, for a large download) passes its own, or 0; the default suits
   * commands that only read.
   */
  defaultMaxTime?: number;
}

/**
 * A client as the library would make one: key, base URL and timeout from the environment and
 * netrc, overridden only by the flags actually given, so `WANDB_BASE_URL` and
 * `WANDB_HTTP_TIMEOUT` keep working. No call of it outlives `--max-time`, and no attempt takes more
 * than half of it unless `--timeout` or `WANDB_HTTP_TIMEOUT` says so, so one retry always fits.
 */
export function clientFor(globals: GlobalOptions, { defaultMaxTime }: ClientForOptions = {}): WandbClient {
  const { session } = globals;
  const maxTime = globals.maxTime ?? defaultMaxTime ?? defaultMaxTimeSeconds;
  const options: ClientOptions = {};
  if (globals.baseUrl !== undefined) options.baseUrl = globals.baseUrl;
  if (globals.timeout !== undefined) options.timeoutMs = globals.timeout * 1000;
  else if (maxTime > 0 && !session?.env.WANDB_HTTP_TIMEOUT) {
    // The library's 30 s per attempt, but never more than half the command's time.
    options.timeoutMs = Math.min(30_000, (maxTime * 1000) / 2);
  }
  const retry: NonNullable<Exclude<ClientOptions["retry"], false>> = {};
  if (globals.retries !== undefined) retry.retries = globals.retries;
  if (maxTime > 0) retry.maxElapsedMs = maxTime * 1000;
  options.retry = retry;
  if (globals.allowInsecureHttp || session?.env.WANDB_ALLOW_INSECURE_HTTP === "1") {
    options.allowInsecureHttp = true;
  }
  if (session) {
    options.onRetry = session.noteRetry;
    options.onRequest = session.noteRequest;
    session.startDeadline(maxTime);
  }
  const client = createClient(options);
  if (session) {
    const timeoutMs = options.timeoutMs ?? httpTimeoutFromEnv(session.env);
    session.watch({
      baseUrl: client.baseUrl,
      source:
        globals.baseUrl !== undefined
          ? "--base-url"
          : session.env.WANDB_BASE_URL
            ? "WANDB_BASE_URL"
            : undefined,
      timeoutSeconds: timeoutMs / 1000,
      retries: globals.retries ?? defaultRetries,
    });
  }
  return client;
}

/** Each attempt's wait from `WANDB_HTTP_TIMEOUT` (seconds; the SDK has already checked it), else 30 s. */
function httpTimeoutFromEnv(env: Record<string, string | undefined>): number {
  const seconds = Number(env.WANDB_HTTP_TIMEOUT);
  return env.WANDB_HTTP_TIMEOUT && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}
