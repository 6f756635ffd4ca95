// Packaging check: packs the package as npm would publish it, extracts the tarball into a temporary
// folder, and from there starts the fake W&B and answers a query. The extracted package holds only
// what `files` lists (dist), so this proves the mock carries its schema inside the build. It also
// follows every import of `wandb-query/mocks` through the extracted files: none may reach msw (an
// optional peer dependency, loaded only by `wandb-query/mocks/msw`).
// Prints one JSON line with what it saw; exits non-zero on any failure. Offline; removes its folder.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pack, root } from "./pack.mjs";

const work = mkdtempSync(join(tmpdir(), "wandb-query-pack-"));

// Runs inside the extracted package: the build's entry point, then the package's own name.
const probe = `
const direct = await import("./dist/mocks/index.js");
const named = await import("wandb-query/mocks");
const msw = await import("wandb-query/mocks/msw");
if (typeof msw.createMockWandb !== "function" || "createMockWandb" in named) throw new Error("msw entry mixed up");
const server = await direct.startMockServer();
try {
  const response = await fetch(server.url + "/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: '{ viewer { username } project(name: "vision", entityName: "acme") { runCount } }' }),
  });
  const body = await response.json();
  console.log(JSON.stringify({ status: response.status, body, sameModule: named.startMockServer === direct.startMockServer }));
} finally {
  await server.close();
}
`;

/** The bare (package) imports reachable from `entry` through its relative imports, .js and .d.ts. */
function packagesReachedFrom(entry) {
  const seen = new Set();
  const packages = new Set();
  const queue = [entry, entry.replace(/\.js$/, ".d.ts")];
  while (queue.length > 0 && seen.size < 10_000) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      if (specifier.startsWith("."))
        queue.push(join(dirname(file), specifier).replace(/\.js$/, file.endsWith(".d.ts") ? ".d.ts" : ".js"));
      else packages.add(specifier);
    }
  }
  return [...packages].sort();
}

try {
  const { tarball, files } = pack(work);
  execFileSync("tar", ["-xzf", tarball, "-C", work], { timeout: 60_000 });
  const extracted = join(work, "package");
  symlinkSync(join(root, "node_modules"), join(extracted, "node_modules"), "dir");
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
    cwd: extracted,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`the probe failed (${run.status ?? run.signal}): ${run.stderr}`);
  const answer = JSON.parse(run.stdout.trim().split("\n").at(-1));
  const mocksPackages = packagesReachedFrom(join(extracted, "dist", "mocks", "index.js"));
  const reachingMsw = mocksPackages.filter((name) => name === "msw" || name.startsWith("msw/"));
  if (reachingMsw.length > 0) throw new Error(`wandb-query/mocks reaches ${reachingMsw.join(", ")}`);
  console.log(JSON.stringify({ files, topLevel: readdirSync(extracted).sort(), mocksPackages, ...answer }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
