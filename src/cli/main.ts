#!/usr/bin/env node
import { setLongTimeout } from "../timers.js";
/** The `wandb-query` bin: runs the program on this process's arguments and streams. */
import { streamOutput } from "./output.js";
import { runCli } from "./program.js";

// `wandb-query runs … | head` closes stdout early; that is the reader being done, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  output: streamOutput(process.stdout, process.stderr, process.env),
  env: process.env,
});
// A command stopped by --max-time leaves requests and retry waits behind, which would keep the
// process alive for nobody; they are abandoned. The timer holds nothing up by itself, and output
// still on its way to a slow pipe gets a moment to drain.
setLongTimeout(() => process.exit(), 2000, { unref: true });
