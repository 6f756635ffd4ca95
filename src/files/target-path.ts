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
  checkTargets(root, names.length, (index) => names[index] as string, what);
  return names.map((name) => targetOf(root, name));
}

/**
 * Where a name {@link checkTargets} accepted lands below `root` (absolute). Such a name has no
 * `..`, `.` or empty part and no backslash, so joining is exact, and far cheaper than `resolve`
 * over a million names.
 */
export function targetOf(root: string, name: string): string {
  const base = root.endsWith(sep) ? root : `${root}${sep}`;
  return sep === "/" ? `${base}${name}` : `${base}${name.split("/").join(sep)}`;
}

/**
 * Checks the `count` names `nameAt` gives, as {@link targetPaths} does, without keeping their
 * targets (a download of a million files works them out one at a time).
 */
export function checkTargets(
  root: string,
  count: number,
  nameAt: (index: number) => string,
  what: string,
): void {
  const refused: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = nameAt(index);
    const reason = unsafePathReason(name);
    // The lexical checks should make the second impossible; it is the check that matters.
    if (reason === undefined && resolve(root, name).startsWith(root + sep)) continue;
    refused.push(`${JSON.stringify(name)} (${reason ?? "it resolves outside the folder"})`);
  }
  if (refused.length === 0) {
    const conflicts: string[] = [];
    for (const { file, folder } of folderConflicts(count, nameAt)) {
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
}

/**
 * Entries that another entry needs as a folder (`a` and `a/b`): one of the two could not be
 * written, so the download is refused before either is. The folders every name needs are
 * gathered first (a few thousand for a million files), then each name is looked up among them.
 */
function* folderConflicts(
  count: number,
  nameAt: (index: number) => string,
): Generator<{ file: string; folder: string }> {
  const folders = new Set<string>();
  for (let index = 0; index < count; index++) {
    const name = nameAt(index);
    for (let at = name.lastIndexOf("/"); at > 0; at = name.lastIndexOf("/", at - 1)) {
      const folder = name.slice(0, at);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  for (let index = 0; index < count; index++) {
    const folder = nameAt(index);
    if (!folders.has(folder)) continue;
    for (let other = 0; other < count; other++) {
      const name = nameAt(other);
      if (name.startsWith(`${folder}/`)) {
        yield { file: name, folder };
        break;
      }
    }
  }
}
