/**
 * The `wandb-query` program: global flags, the commands, and how every way of ending maps to an
 * exit code (0 done, 1 a check failed, 2 usage or API error) with at most one line on stderr.
 */
import { Command, CommanderError } from "commander";
import { version, WandbError } from "../index.js";
import { terminalText } from "../output/terminal-text.js";
import { addArtifactCommand } from "./artifact-command.js";
import { addArtifactsCommand } from "./artifacts-command.js";
import { toJsonText } from "./cell-value.js";
import { addCheckCommand } from "./check-command.js";
import type { CommandContext } from "./command-context.js";
import { type CommandSession, DeadlineExceeded } from "./command-session.js";
import { addDiffCommand } from "./diff-command.js";
import { addDownloadCommand } from "./download-command.js";
import { cliMessage } from "./error-message.js";
import { addExportCommand } from "./export-command.js";
import { addFilesCommand } from "./files-command.js";
import { addGlobalOptions, defaultMaxTimeSeconds } from "./global-options.js";
import { addHistoryCommand } from "./history-command.js";
import { addLogsCommand } from "./logs-command.js";
import { addMockServerCommand } from "./mock-server-command.js";
import type { CliOutput } from "./output.js";
import { addRunCommand } from "./run-command.js";
import { addRunsCommand } from "./runs-command.js";
import { exitError, exitOk, Interrupted, OutputError, UsageError } from "./usage-error.js";
import { addWaitCommand } from "./wait-command.js";

const overview = `
The API key comes from WANDB_API_KEY, else from the netrc entry for the API host (~/.netrc or
$NETRC); the base URL from --base-url, else WANDB_BASE_URL, else https://api.wandb.ai.

Every command gives up after --max-time seconds (default ${defaultMaxTimeSeconds}; wait, check --wait and download: none),
retries and waits included; a retry that waits more than a second says so on stderr.

Exit codes: 0 done, 1 a check failed (check), a run ended otherwise (wait), runs differ (diff),
2 usage or API error, or a wait timed out (one line on stderr).

Examples:
  $ wandb-query check acme/vision/1mbku38n --state finished --metric "accuracy>=0.95"
  $ wandb-query wait acme/vision/1mbku38n --wait 2h && wandb-query diff acme/vision/base acme/vision/1mbku38n
  $ wandb-query runs acme/vision --filter '{"state":"finished"}' --fields name,summary.accuracy
  $ wandb-query download acme/vision/model:production --to ./model
  $ wandb-query mock-server     # a fake W&B with demo data, to try all of this offline`;

/** Where the program writes and what it reads besides its arguments. */
export interface CliEnvironment {
  output: CliOutput;
  env: Record<string, string | undefined>;
  now?: () => Date;
}

/** The program, its commands attached; commander's exits become exceptions. */
function buildProgram(context: CommandContext): { program: Command; session: CommandSession } {
  const program = new Command("wandb-query")
    .description("Read Weights & Biases runs from the command line: check them in CI, list, export.")
    .version(version, "-V, --version");
  const session = addGlobalOptions(program, context);
  program
    .exitOverride()
    // Commander's own error line is replaced by ours (one line, "wandb-query:" first).
    .configureOutput({ outputError: () => {} })
    .addHelpText("after", overview);
  addCheckCommand(program, context);
  addWaitCommand(program, context);
  addDiffCommand(program, context);
  addRunCommand(program, context);
  addRunsCommand(program, context);
  addArtifactsCommand(program, context);
  addArtifactCommand(program, context);
  addFilesCommand(program, context);
  addDownloadCommand(program, context);
  addExportCommand(program, context);
  addHistoryCommand(program, context);
  addLogsCommand(program, context);
  addMockServerCommand(program, context);
  return { program, session };
}

/** One line: later lines of a message (commander's "Did you mean" hint) join the first. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}

/** Why a command failed: the line for stderr, and what `--json` writes to stdout. */
interface Failure {
  /** The error's class, e.g. `RunNotFoundError`, `UsageError`. */
  name: string;
  message: string;
  /** Absent: nothing to say (help or version was asked for). */
  line?: string;
  /** The process's exit code when it is not 2 (a stop by a signal: 130 or 143). */
  exitCode?: number;
}

function describeFailure(error: unknown): Failure {
  if (error instanceof CommanderError) {
    // Help or version asked for: already printed. Bare `wandb-query`: help went to stderr.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
      return { name: "", message: "" };
    if (error.code === "commander.help")
      return { name: "UsageError", message: "no command given (wandb-query --help lists them)" };
    const message = oneLine(error.message.replace(/^error: /, ""));
    return { name: "UsageError", message, line: message };
  }
  // WandbError messages never hold the API key (the SDK scrubs them); they are said in flags.
  if (error instanceof WandbError) {
    const message = cliMessage(error);
    return { name: error.name, message, line: message };
  }
  if (error instanceof Interrupted) {
    return { name: error.name, message: error.message, line: error.message, exitCode: error.exitCode };
  }
  if (error instanceof UsageError || error instanceof OutputError || error instanceof DeadlineExceeded) {
    const message = oneLine(error.message);
    return { name: error.name, message, line: message };
  }
  const message = oneLine(error instanceof Error ? error.message : String(error));
  return {
    name: error instanceof Error ? error.name : "Error",
    message,
    line: `unexpected error: ${message}`,
  };
}

/** A string property of `error`, when it has one (`file`, `artifactPath`). */
function stringProperty(error: unknown, key: string): string | undefined {
  if (error === null || typeof error !== "object" || !(key in error)) return undefined;
  const value = (error as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}

/**
 * The object `--json` writes to stdout when a command fails: the error's class, its message (as on
 * stderr), the exit code, and the run, artifact or file it concerns when the error names one.
 */
function errorObject(error: unknown, exitCode: number): Record<string, unknown> {
  const { name, message } = describeFailure(error);
  const concerned = {
    run: error instanceof WandbError ? error.runPath : undefined,
    artifact: stringProperty(error, "artifactPath"),
    file: stringProperty(error, "file"),
    status: error instanceof WandbError ? error.status : undefined,
  };
  const present = Object.entries(concerned).filter(([, value]) => value !== undefined);
  return { error: { class: name, message, exitCode, ...Object.fromEntries(present) } };
}

/**
 * The exit code for an error, after saying why: one line on stderr (data in it made safe for the
 * terminal) and, with `--json`, one JSON object on stdout.
 */
async function failure(error: unknown, output: CliOutput, json: boolean): Promise<number> {
  const { name, line, exitCode = exitError } = describeFailure(error);
  if (name === "") return exitOk;
  if (line !== undefined) output.err(`wandb-query: ${terminalText(line)}`);
  if (json) await output.out(`${toJsonText(errorObject(error, exitCode))}\n`);
  return exitCode;
}

/** Whether `--json` was given: as parsed, else as written (the parse may have failed before it). */
function wantsJson(program: Command, args: readonly string[]): boolean {
  if (program.opts<{ json?: boolean }>().json === true) return true;
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).includes("--json");
}

/** Runs `wandb-query` with `args` (without `node` and the script) and resolves to its exit code. */
export async function runCli(args: readonly string[], environment: CliEnvironment): Promise<number> {
  const context: CommandContext = {
    output: environment.output,
    env: environment.env,
    now: environment.now ?? (() => new Date()),
    exitCode: exitOk,
    errorInOutput: false,
  };
  const { program, session } = buildProgram(context);
  try {
    // The deadline starts when a command makes its client; a command that makes none has none.
    await Promise.race([program.parseAsync([...args], { from: "user" }), session.expired]);
    return context.exitCode;
  } catch (error) {
    const json = wantsJson(program, args) && !context.errorInOutput;
    return await failure(error, environment.output, json);
  } finally {
    session.dispose();
  }
}
