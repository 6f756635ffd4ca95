/**
 * `wandb-query download <artifact | run>`: an artifact version's files, or a run's, into a folder,
 * verified; a progress line on stderr when it is a terminal.
 */
import type { Command } from "commander";
import {
  type DownloadedFile,
  type DownloadProgress,
  downloadArtifact,
  downloadRunFiles,
  type WandbClient,
} from "../index.js";
import { terminalText } from "../output/terminal-text.js";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { downloadTarget } from "./download-target.js";

export { namesArtifact } from "./download-target.js";

import { clientFor, globalsOf } from "./global-options.js";
import { formatBytes } from "./units.js";
import { UsageError } from "./usage-error.js";

interface DownloadFlags {
  to?: string;
  file?: string[];
  pattern?: string;
}

const examples = `
Examples:
  $ wandb-query download acme/vision/model:production --to ./model
  $ wandb-query download acme/vision/1mbku38n --file eval.json --to ./out
  $ wandb-query download acme/vision/1mbku38n --pattern "%.json"

An artifact is named with its alias (entity/project/name:alias, name:v3); entity/project/name
without one is the run of that ID if there is one, else name:latest; W&B app URLs of a run or an
artifact version name what their page shows. --pattern uses SQL LIKE syntax: % any run of characters, _ one.
Files already in the folder with the right MD5 are skipped; references (s3://, gs://) are listed,
not fetched.`;

/** The progress line: files, bytes, and how far. */
export function progressLine(progress: DownloadProgress): string {
  const bytes =
    progress.bytesTotal === null
      ? formatBytes(progress.bytesDone)
      : `${formatBytes(progress.bytesDone)} / ${formatBytes(progress.bytesTotal)}`;
  const share = progress.bytesTotal
    ? ` ${Math.floor((100 * progress.bytesDone) / progress.bytesTotal)}%`
    : "";
  return `downloading: ${progress.filesDone}/${progress.filesTotal} files, ${bytes}${share}`;
}

/** Redraws the status line at most every 100 ms, and always for the last file. */
function progressBar(context: CommandContext): ((progress: DownloadProgress) => void) | undefined {
  if (!context.output.stderrIsTty) return undefined;
  let drawn = 0;
  return (progress) => {
    const now = Date.now();
    if (now - drawn < 100 && progress.filesDone < progress.filesTotal) return;
    drawn = now;
    context.output.status(progressLine(progress));
  };
}

function summary(files: readonly DownloadedFile[], bytes: number, dir: string): string {
  const downloaded = files.filter((file) => file.status === "downloaded").length;
  const skipped = files.length - downloaded;
  const parts = [
    `downloaded ${downloaded} file${downloaded === 1 ? "" : "s"} (${formatBytes(bytes)}) to ${dir}`,
  ];
  if (skipped > 0) parts.push(`${skipped} already there`);
  return parts.join(", ");
}

async function download(
  wb: WandbClient,
  target: string,
  flags: DownloadFlags,
  context: CommandContext,
  signal: AbortSignal,
) {
  const dir = flags.to ?? ".";
  const onProgress = progressBar(context);
  try {
    const found = await downloadTarget(wb, target, signal);
    if (found.kind === "artifact") {
      const result = await downloadArtifact(found.artifact, {
        dir,
        paths: flags.file,
        pattern: flags.pattern,
        onProgress,
        signal,
      });
      return { ...result, version: result.version.qualifiedName };
    }
    return await downloadRunFiles(found.run, {
      dir,
      names: flags.file,
      pattern: flags.pattern,
      onProgress,
      signal,
    });
  } finally {
    context.output.status("");
  }
}

/** Adds `download` to the program. */
export function addDownloadCommand(program: Command, context: CommandContext): void {
  program
    .command("download")
    .description("download an artifact version's files, or a run's, verified against their MD5")
    .argument("<artifact-or-run>", "entity/project/name:alias, or entity/project/runId or a run page URL")
    .option("--to <dir>", "the folder to download into (default: the current folder)")
    .option(
      "--file <name>",
      "only this file (repeatable)",
      (text: string, previous: string[] | undefined) => [...(previous ?? []), text],
    )
    .option("--pattern <like>", 'only files matching this pattern, e.g. "%.json"')
    .addHelpText("after", examples)
    .action(async (target: string, flags: DownloadFlags, command: Command) => {
      if (flags.file && flags.pattern) throw new UsageError("give --file or --pattern, not both");
      const globals = globalsOf(command);
      // A download takes as long as its bytes: no --max-time unless one is given, and when it
      // passes, the download is stopped so that it removes its partial files.
      const client = clientFor(globals, { defaultMaxTime: 0 });
      const stop = new AbortController();
      globals.session?.expired.catch((error: unknown) => stop.abort(error));
      const result = await download(client, target, flags, context, stop.signal);
      if (globals.json) {
        await context.output.out(`${toJsonText(result, 2)}\n`);
        return;
      }
      const lines = [summary(result.files, result.bytesDownloaded, result.dir)];
      const references = "references" in result ? result.references : [];
      for (const reference of references)
        lines.push(`not fetched (reference): ${reference.path} -> ${reference.ref}`);
      await context.output.out(`${lines.map(terminalText).join("\n")}\n`);
    });
}
