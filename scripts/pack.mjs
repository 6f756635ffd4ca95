// Packs the package as `npm publish` would (from the current build: lifecycle scripts are skipped,
// so build first) into `destination`, for the packaging checks to inspect the real tarball.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** Packs into `destination`; returns the tarball's path and the paths of the files it holds. */
export function pack(destination) {
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    }),
  );
  return {
    tarball: join(destination, packed.filename),
    files: packed.files.map((file) => file.path).sort(),
  };
}
