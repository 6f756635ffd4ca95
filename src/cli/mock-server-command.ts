/** `wandb-query mock-server`: the package's fake W&B with the demo dataset, for trying the CLI. */
import type { Command } from "commander";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { wholeNumber } from "./flag-values.js";
import { globalsOf } from "./global-options.js";
import { parseDuration } from "./units.js";
import { UsageError } from "./usage-error.js";

const examples = `
Examples:
  $ wandb-query mock-server --port 8080 &
  $ WANDB_BASE_URL=http://127.0.0.1:8080 WANDB_API_KEY=anything wandb-query runs acme/vision --limit 5

Serves acme/vision (180 runs) and acme/nlp (120 runs) on 127.0.0.1 only; any API key is accepted.
acme/live/l1v3r0n5 is running, with a fresh heartbeat, and finishes --live-run after the start:
  $ wandb-query wait acme/live/l1v3r0n5 --poll 1s
  $ wandb-query check acme/live/l1v3r0n5 --wait 1m --poll 1s --state finished --metric "accuracy>=0.95"
Stops on Ctrl-C (SIGINT), SIGTERM or SIGHUP, and when the npx or npm that started it is gone.`;

const stopSignals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function parsePort(text: string): number {
  const port = wholeNumber(text, "--port", 0);
  if (port > 65_535) throw new UsageError(`bad --port ${port}: ports go up to 65535`);
  return port;
}

/** Adds `mock-server` to the program. */
export function addMockServerCommand(program: Command, context: CommandContext): void {
  program
    .command("mock-server")
    .description("serve a fake W&B with a demo dataset on 127.0.0.1, to try wandb-query offline")
    .option("--port <port>", "port on 127.0.0.1; 0 picks a free one", parsePort, 8080)
    .option(
      "--live-run <duration>",
      "the demo run acme/live/l1v3r0n5 runs, then finishes this long after the start: 8s, 1m; 0 for none (default 8s)",
      (text: string) => (text.trim() === "0" ? 0 : parseDuration(text)),
    )
    .addHelpText("after", examples)
    .action(async (options: { port: number; liveRun?: number }, command: Command) => {
      // Loaded here, not at startup: the other commands need none of the mock's schema and data.
      // Straight to the server module: the mocks' index also loads the msw handlers, and msw is
      // an optional peer dependency that an installed CLI may not have.
      const { startMockServer } = await import("../../mocks/server.js");
      const liveRunFinishAfterMs = options.liveRun;
      const server = await startMockServer({
        port: options.port,
        ...(liveRunFinishAfterMs === undefined ? {} : { liveRunFinishAfterMs }),
      }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
          throw new UsageError(
            `port ${options.port} on 127.0.0.1 is in use (another mock-server still running?); ` +
              "choose another with --port, or --port 0 for a free one",
          );
        }
        throw error;
      });
      // Listening before the address is printed: whoever reads it may stop the server at once.
      const stopped = stopRequested(context.env);
      const { output } = context;
      if (globalsOf(command).json) {
        await output.out(`${toJsonText({ url: server.url })}\n`);
      } else {
        await output.out(
          [
            `fake W&B listening on ${server.url} (demo data: acme/vision, acme/nlp; acme/live/l1v3r0n5 is running and finishes soon)`,
            "point wandb-query at it:",
            `  export WANDB_BASE_URL=${server.url} WANDB_API_KEY=anything`,
            "  wandb-query runs acme/vision --limit 5",
            "Ctrl-C stops it.",
            "",
          ].join("\n"),
        );
      }
      const reason = await stopped;
      await server.close();
      output.err(`stopped (${reason})`);
    });
}

/**
 * Resolves on a stop signal, or when the process that started this one is gone. npx and `npm run`
 * start the bin through `sh -c`; `kill $!` on npx stops npx and that shell but never reaches this
 * process, which would keep serving, and holding its port, with nobody to stop it.
 */
function stopRequested(env: Record<string, string | undefined>): Promise<string> {
  return new Promise((resolve) => {
    const parent = process.ppid;
    const watchdog = env.npm_execpath
      ? setInterval(() => {
          if (process.ppid !== parent) stop("the npm process that started it exited");
        }, 500)
      : undefined;
    const stop = (reason: string) => {
      clearInterval(watchdog);
      for (const signal of stopSignals) process.off(signal, stop);
      resolve(reason);
    };
    for (const signal of stopSignals) process.once(signal, stop);
  });
}
