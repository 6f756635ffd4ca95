/**
 * The `wandb-query` program: global flags, the commands, and how every way of ending maps to an
 * exit code (0 done, 1 a check failed, 2 usage or API error) with at most one line on stderr.
 */
import { Command, CommanderError } from "commander";
import { version, WandbError } from "../index.js";
import { addArtifactCommand } from "./artifact-command.js";
import { addArtifactsCommand } from "./artifacts-command.js";
import { addCheckCommand } from "./check-command.js";
import type { CommandContext } from "./command-context.js";
import { type CommandSession, DeadlineExceeded } from "./command-session.js";
import { addDiffCommand } from "./diff-command.js";
import { addDownloadCommand } from "./download-command.js";
import { cliMessage } from "./error-message.js";
import { addFilesCommand } from "./files-command.js";
import { addGlobalOptions, defaultMaxTimeSeconds } from "./global-options.js";
import { addHistoryCommand } from "./history-command.js";
import { addMockServerCommand } from "./mock-server-command.js";
import type { CliOutput } from "./output.js";
import { addRunCommand } from "./run-command.js";
import { addRunsCommand } from "./runs-command.js";
import { exitError, exitOk, OutputError, UsageError } from "./usage-error.js";
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
  addHistoryCommand(program, context);
  addMockServerCommand(program, context);
  return { program, session };
}

/** One line: later lines of a message (commander's "Did you mean" hint) join the first. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}

/** The exit code for an error, after saying why on stderr. */
function failure(error: unknown, output: CliOutput): number {
  if (error instanceof CommanderError) {
    // Help or version asked for: already printed. Bare `wandb-query`: help went to stderr.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return exitOk;
    if (error.code !== "commander.help")
      output.err(`wandb-query: ${oneLine(error.message.replace(/^error: /, ""))}`);
    return exitError;
  }
  // WandbError messages never hold the API key (the SDK scrubs them); they are said in flags.
  if (error instanceof WandbError) {
    output.err(`wandb-query: ${cliMessage(error)}`);
    return exitError;
  }
  if (error instanceof UsageError || error instanceof OutputError || error instanceof DeadlineExceeded) {
    output.err(`wandb-query: ${oneLine(error.message)}`);
    return exitError;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.err(`wandb-query: unexpected error: ${oneLine(message)}`);
  return exitError;
}

/** Runs `wandb-query` with `args` (without `node` and the script) and resolves to its exit code. */
export async function runCli(args: readonly string[], environment: CliEnvironment): Promise<number> {
  const context: CommandContext = {
    output: environment.output,
    env: environment.env,
    now: environment.now ?? (() => new Date()),
    exitCode: exitOk,
  };
  const { program, session } = buildProgram(context);
  try {
    // The deadline starts when a command makes its client; a command that makes none has none.
    await Promise.race([program.parseAsync([...args], { from: "user" }), session.expired]);
    return context.exitCode;
  } catch (error) {
    return failure(error, environment.output);
  } finally {
    session.dispose();
  }
}
