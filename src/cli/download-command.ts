/**
 * `wandb-query download <artifact | run>`: an artifact version's files, or a run's, into a folder,
 * verified; a progress line on stderr when it is a terminal.
 */

import { join } from "node:path";
import type { Command } from "commander";
import {
  artifactVersion,
  type DownloadedFile,
  type DownloadProgress,
  downloadArtifact,
  downloadRunFiles,
  type WandbClient,
  WandbResponseError,
} from "../index.js";
import { terminalText } from "../output/terminal-text.js";
import { toJsonText } from "./cell-value.js";
import type { CommandContext } from "./command-context.js";
import { downloadTarget } from "./download-target.js";

export { namesArtifact } from "./download-target.js";

import { clientFor, globalsOf } from "./global-options.js";
import { formatBytes } from "./units.js";
import { Interrupted, UsageError } from "./usage-error.js";

interface DownloadFlags {
  to?: string;
  file?: string[];
  pattern?: string;
  force?: boolean;
}

/**
 * `--max-time` of `download` when the flag is not given: 6 hours. A download takes as long as its
 * bytes, so the minute other commands get is far too short; but a storage host that stalls or asks
 * to come back tomorrow must not hold a CI job forever.
 */
export const defaultDownloadMaxTimeSeconds = 6 * 60 * 60;

/** A name W&B gives a collection or run, safe as one folder name (no separators, no `..`). */
const folderName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const examples = `
Examples:
  $ wandb-query download acme/vision/model:production
  $ wandb-query download acme/vision/model:production --to ./model --force
  $ wandb-query download acme/vision/1mbku38n --file eval.json --to ./out
  $ wandb-query download acme/vision/1mbku38n --pattern "%.json"

An artifact is named with its alias (entity/project/name:alias, name:v3); entity/project/name
without one is the run of that ID if there is one, else name:latest; W&B app URLs of a run or an
artifact version name what their page shows. Without --to, an artifact goes to
./artifacts/<name>:v<N> (as W&B's Python client puts it) and a run's files to ./runs/<run id>.
--pattern uses SQL LIKE syntax: % any run of characters, _ one. Files already in the folder with
the right MD5 are skipped; a file there with other bytes stops the download (naming it) unless
--force. References (s3://, gs://) are listed, not fetched. Without --max-time a download gives up
after 6 hours; Ctrl-C removes the partial files before exiting.`;

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

/** The folder W&B's own name for it makes, refused when the server's name is not a plain name. */
function defaultFolder(parent: string, name: string): string {
  if (!folderName.test(name.replace(/:v\d+$/, ""))) {
    throw new WandbResponseError(
      `W&B named it ${JSON.stringify(name)}, which cannot be a folder name; give --to`,
      { operation: "download", field: "name" },
    );
  }
  return join(parent, name);
}

async function download(
  wb: WandbClient,
  target: string,
  flags: DownloadFlags,
  context: CommandContext,
  signal: AbortSignal,
) {
  const onProgress = progressBar(context);
  const overwrite = flags.force === true;
  try {
    const found = await downloadTarget(wb, target, signal);
    if (found.kind === "artifact") {
      let dir = flags.to;
      if (dir === undefined) {
        const version = await artifactVersion(found.artifact, { signal });
        dir = defaultFolder("artifacts", `${version.name}:v${version.version}`);
      }
      const result = await downloadArtifact(found.artifact, {
        dir,
        paths: flags.file,
        pattern: flags.pattern,
        onProgress,
        overwrite,
        signal,
      });
      return { ...result, version: result.version.qualifiedName };
    }
    return await downloadRunFiles(found.run, {
      dir: flags.to ?? defaultFolder("runs", found.run.id),
      names: flags.file,
      pattern: flags.pattern,
      onProgress,
      overwrite,
      signal,
    });
  } finally {
    context.output.status("");
  }
}

/**
 * Turns SIGINT and SIGTERM into a stop of the download while it runs: its partial files are
 * removed before the command ends (exit 130 or 143). A second signal ends the process at once,
 * as the handler is gone by then.
 */
function stopOnSignals(stop: AbortController): () => void {
  const handlers = (["SIGINT", "SIGTERM"] as const).map((name) => {
    const handler = () => stop.abort(new Interrupted(name));
    process.once(name, handler);
    return () => process.off(name, handler);
  });
  return () => {
    for (const remove of handlers) remove();
  };
}

/** Adds `download` to the program. */
export function addDownloadCommand(program: Command, context: CommandContext): void {
  program
    .command("download")
    .description("download an artifact version's files, or a run's, verified against their MD5")
    .argument("<artifact-or-run>", "entity/project/name:alias, or entity/project/runId or a run page URL")
    .option(
      "--to <dir>",
      "the folder to download into (default: ./artifacts/<name>:v<N>, or ./runs/<run id>)",
    )
    .option(
      "--force",
      "replace files already in the folder whose bytes differ (default: refuse, naming them)",
    )
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
      // A download takes as long as its bytes: a long deadline of its own unless --max-time is
      // given, and when it passes (or Ctrl-C), the download is stopped so that it removes its
      // partial files.
      const client = clientFor(globals, { defaultMaxTime: defaultDownloadMaxTimeSeconds });
      const stop = new AbortController();
      globals.session?.expired.catch((error: unknown) => stop.abort(error));
      const release = stopOnSignals(stop);
      let result: Awaited<ReturnType<typeof download>>;
      try {
        result = await download(client, target, flags, context, stop.signal);
      } finally {
        release();
      }
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
