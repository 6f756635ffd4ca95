/**
 * The folder a download writes into, walked without trusting what is already there: every
 * component below the folder is looked at with `lstat` and a symbolic link is never followed (a
 * link `sub -> /elsewhere` would carry the entry `sub/x` out of the folder), a file already in the
 * way is reported rather than replaced, and temporary files get short names of their own, so a
 * name of 255 bytes still fits and a later download can tell its own leftovers.
 */
import { randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, rm } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { LocalFileError, WandbError } from "../errors.js";

/**
 * `.wq-<pid in base 36>-<12 hex>.wandb-partial`: hidden, at most 40 bytes whatever the target's
 * name, and naming the process that wrote it, so a later download removes only the leftovers of
 * processes that are gone.
 */
const tempPattern = /^\.wq-([0-9a-z]{1,8})-[0-9a-f]{12}\.wandb-partial$/;

/** A fresh temporary name in `folder` for this process. */
export function tempPath(folder: string): string {
  return join(folder, `.wq-${process.pid.toString(36)}-${randomBytes(6).toString("hex")}.wandb-partial`);
}

/** Whether the process `pid` still runs (a process of another user counts as running). */
function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files a download of a process that no longer runs left in `folder` (one
 * killed by SIGKILL, a power cut): only names of {@link tempPath}'s form, only regular files.
 * Returns how many it removed; a folder that cannot be read removes none.
 */
export async function removeStaleTemps(folder: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = tempPattern.exec(name);
    if (!match || running(Number.parseInt(match[1] as string, 36))) continue;
    const path = join(folder, name);
    try {
      if (!(await lstat(path)).isFile()) continue;
      await rm(path, { force: true });
      removed++;
    } catch {
      // Gone meanwhile, or not ours to remove: the download goes on.
    }
  }
  return removed;
}

/** What is at a target before the download. */
export type TargetState = { kind: "absent" } | { kind: "file"; size: number };

/** A fs failure as a {@link LocalFileError} naming the entry; a WandbError passes as it is. */
export function localFailure(error: unknown, file: string, target: string, operation: string): WandbError {
  if (error instanceof WandbError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "EIO";
  const reason = error instanceof Error ? error.message : String(error);
  return new LocalFileError(`${file}: cannot write ${target}: ${reason}`, file, target, code, {
    operation,
    cause: error,
  });
}

/**
 * One download's view of its folder. Each folder below the root is looked at once (the answer is
 * kept), with `lstat`: a symbolic link or a file where a folder should be refuses every entry below
 * it with a {@link LocalFileError} naming the entry.
 */
export class LocalFolder {
  /** Folders below the root: whether each exists (`true`) or is missing (`false`). */
  private readonly folders = new Map<string, Promise<boolean>>();
  /** The names in each existing folder, read once, so a large download does not `lstat` every target. */
  private readonly listings = new Map<string, Promise<Set<string>>>();

  constructor(
    /** The folder the caller chose (absolute); it may itself be a link, as the caller's choice. */
    readonly root: string,
    private readonly operation: string,
  ) {}

  /** Whether every folder between the root and `target` exists; throws on a link or a file on the way. */
  private async foldersExist(folder: string, file: string, target: string): Promise<boolean> {
    if (folder === this.root) return true;
    let known = this.folders.get(folder);
    if (!known) {
      known = (async () => {
        if (!(await this.foldersExist(dirname(folder), file, target))) return false;
        return this.isFolder(folder, file, target);
      })();
      this.folders.set(folder, known);
      // A refusal is told to every entry below, each naming itself.
      known.catch(() => this.folders.delete(folder));
    }
    return known;
  }

  private async isFolder(folder: string, file: string, target: string): Promise<boolean> {
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw localFailure(error, file, target, this.operation);
    }
    const shown = relative(this.root, folder).split(sep).join("/");
    if (info.isSymbolicLink()) {
      throw this.refuse(file, target, "symlink", `${shown} is a symbolic link, which is never followed`);
    }
    if (!info.isDirectory()) throw this.refuse(file, target, "not-a-folder", `${shown} is not a folder`);
    return true;
  }

  private refuse(file: string, target: string, code: string, why: string): LocalFileError {
    return new LocalFileError(`${file}: refused to write ${target}: ${why}`, file, target, code, {
      operation: this.operation,
    });
  }

  /**
   * What is at `target` now: nothing, or a regular file of some size. A link, a folder or anything
   * else there, or a link on the way, is a {@link LocalFileError}.
   */
  async state(target: string, file: string): Promise<TargetState> {
    const folder = dirname(target);
    if (!(await this.foldersExist(folder, file, target))) return { kind: "absent" };
    let names = this.listings.get(folder);
    if (!names) {
      names = readdir(folder).then(
        (list) => new Set(list),
        () => new Set<string>(),
      );
      this.listings.set(folder, names);
    }
    const name = target.slice(folder.length + 1);
    if (!(await names).has(name)) return { kind: "absent" };
    return this.check(target, file);
  }

  /** `lstat` of the target itself. */
  private async check(target: string, file: string): Promise<TargetState> {
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
      throw localFailure(error, file, target, this.operation);
    }
    if (info.isSymbolicLink()) throw this.refuse(file, target, "symlink", "it is a symbolic link");
    if (info.isDirectory()) throw this.refuse(file, target, "is-a-folder", "a folder is there");
    if (!info.isFile()) throw this.refuse(file, target, "not-a-file", "something other than a file is there");
    return { kind: "file", size: info.size };
  }

  /**
   * Makes the folders down to `target`'s, one at a time, each checked with `lstat` (never through
   * a link), and checks the target itself is a file or nothing. Called just before writing.
   */
  async prepare(target: string, file: string): Promise<void> {
    const folder = dirname(target);
    const chain: string[] = [];
    for (let at = folder; at !== this.root && at.startsWith(this.root + sep); at = dirname(at))
      chain.unshift(at);
    if (this.root !== folder && chain.length === 0) {
      throw this.refuse(file, target, "outside", "it is outside the folder");
    }
    await mkdir(this.root, { recursive: true }).catch((error: unknown) => {
      throw localFailure(error, file, target, this.operation);
    });
    for (const at of chain) {
      if (await this.isFolder(at, file, target)) continue;
      try {
        await mkdir(at);
      } catch (error) {
        // Another file's download made it meanwhile: look again.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST")
          throw localFailure(error, file, target, this.operation);
      }
      await this.isFolder(at, file, target);
      this.folders.set(at, Promise.resolve(true));
    }
    await this.check(target, file);
  }
}
