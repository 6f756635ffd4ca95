/** `wandb-query mock-server`: the package's fake W&B with the demo dataset, for trying the CLI. */
import type { Command } from "commander";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { globalsOf } from "./global-options.js";
import { wholeNumber } from "./numbers.js";
import { UsageError } from "./usage-error.js";

const examples = `
Examples:
  $ wandb-query mock-server --port 8080 &
  $ WANDB_BASE_URL=http://127.0.0.1:8080 WANDB_API_KEY=anything wandb-query runs acme/vision --limit 5

Serves acme/vision (180 runs) and acme/nlp (120 runs) on 127.0.0.1 only; any API key is accepted.
Stops on Ctrl-C (SIGINT) or SIGTERM.`;

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
    .addHelpText("after", examples)
    .action(async (options: { port: number }, command: Command) => {
      // Loaded here, not at startup: the other commands need none of the mock's schema and data.
      // Straight to the server module: the mocks' index also loads the msw handlers, and msw is
      // an optional peer dependency that an installed CLI may not have.
      const { startMockServer } = await import("../../mocks/server.js");
      const server = await startMockServer({ port: options.port });
      // Listening before the address is printed: whoever reads it may stop the server at once.
      const stopped = new Promise<NodeJS.Signals>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      const { output } = context;
      if (globalsOf(command).json) {
        await output.out(`${toJsonText({ url: server.url })}\n`);
      } else {
        await output.out(
          [
            `fake W&B listening on ${server.url} (demo data: acme/vision, acme/nlp)`,
            "point wandb-query at it:",
            `  export WANDB_BASE_URL=${server.url} WANDB_API_KEY=anything`,
            "  wandb-query runs acme/vision --limit 5",
            "Ctrl-C stops it.",
            "",
          ].join("\n"),
        );
      }
      const signal = await stopped;
      await server.close();
      output.err(`stopped (${signal})`);
    });
}
