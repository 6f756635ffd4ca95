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
// A command stopped early (--max-time, nothing listening) leaves requests and retry waits behind,
// which would keep the process alive for nobody; they are abandoned as soon as what was written
// has reached stdout and stderr (an empty write calls back once the writes before it are out),
// or after 2 s for a pipe that does not drain.
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write("", () => resolve()));
setLongTimeout(() => process.exit(), 2000, { unref: true });
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();
