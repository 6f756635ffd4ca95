/**
 * Where a file named by W&B (a manifest path, a run file's name) goes inside the folder a caller
 * chose. A name is data from the server: one that would land outside the folder (`../x`, `/etc/x`,
 * `C:\x`, `a\..\..\x`) is refused before anything is written, so a hostile or broken manifest
 * cannot touch the rest of the disk.
 */
import { isAbsolute, resolve, sep } from "node:path";
import { WandbResponseError } from "../errors.js";

/** Why `name` may not be used as a relative path, or undefined when it may. */
export function unsafePathReason(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (name.includes("\0")) return "it holds a NUL character";
  // A backslash is a separator on Windows; refused everywhere so a name means one thing on all systems.
  if (name.includes("\\")) return "it holds a backslash";
  if (/^[A-Za-z]:/.test(name)) return "it starts with a drive letter";
  if (name.startsWith("/") || isAbsolute(name)) return "it is absolute";
  const segments = name.split("/");
  if (segments.some((segment) => segment === "..")) return 'it climbs out with ".."';
  if (segments.some((segment) => segment === "" || segment === ".")) return "it has an empty or '.' part";
  return undefined;
}

/**
 * The absolute target of every name inside `dir`, in the order given. Throws a
 * {@link WandbResponseError} listing every unsafe name (at most five shown) when there is one, or
 * an entry that needs another as its folder (`a` and `a/b`), so nothing is downloaded at all.
 */
export function targetPaths(dir: string, names: readonly string[], what: string): string[] {
  const root = resolve(dir);
  const refused: string[] = [];
  const targets = names.map((name) => {
    const reason = unsafePathReason(name);
    const target = resolve(root, name);
    // The lexical checks above should make this impossible; it is the check that matters.
    if (reason === undefined && target.startsWith(root + sep)) return target;
    refused.push(`${JSON.stringify(name)} (${reason ?? "it resolves outside the folder"})`);
    return target;
  });
  if (refused.length === 0) {
    const conflicts: string[] = [];
    for (const { file, folder } of folderConflicts(names)) {
      conflicts.push(`${JSON.stringify(file)} (${JSON.stringify(folder)} is a file of its own)`);
      if (conflicts.length > 5) break;
    }
    if (conflicts.length > 0) {
      throw new WandbResponseError(
        `${what} names files that need another of its files as a folder: ${conflicts.slice(0, 5).join(", ")}${conflicts.length > 5 ? " and more" : ""}; nothing was downloaded`,
        { field: "path" },
      );
    }
  }
  if (refused.length > 0) {
    const shown = refused.slice(0, 5).join(", ");
    const more = refused.length > 5 ? ` and ${refused.length - 5} more` : "";
    throw new WandbResponseError(
      `${what} names files that would be written outside ${root}: ${shown}${more}; nothing was downloaded`,
      { field: "path" },
    );
  }
  return targets;
}

/**
 * Entries that need another entry as a folder (`a` and `a/b`): one of the two could not be
 * written, so the download is refused before either is. Yields them in the order given.
 */
function* folderConflicts(names: readonly string[]): Generator<{ file: string; folder: string }> {
  const all = new Set(names);
  for (const name of names) {
    for (let at = name.indexOf("/"); at > 0; at = name.indexOf("/", at + 1)) {
      const folder = name.slice(0, at);
      if (all.has(folder)) {
        yield { file: name, folder };
        break;
      }
    }
  }
}
