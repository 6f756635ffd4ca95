// The bin as npm publishes and links it: package.json points at the built file, which starts with
// a shebang (npm's shim and bin links run it directly) and travels in the tarball.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { binPath, repoRoot } from "./support.js";

describe("the wandb-query bin", () => {
  it("is the built main.js, starts with a node shebang, and is packed", () => {
    const manifest = JSON.parse(readFileSync(`${repoRoot}/package.json`, "utf8")) as {
      bin: Record<string, string>;
      version: string;
      dependencies: Record<string, string>;
    };
    expect(manifest.bin).toEqual({ "wandb-query": "./dist/src/cli/main.js" });
    expect(readFileSync(binPath, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    // commander 15 needs Node 22; the package supports Node 20.
    expect(manifest.dependencies.commander).toBe("14.0.3");
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--ignore-scripts", "--json"], {
        cwd: repoRoot,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 60_000,
      }),
    ) as Array<{ files: Array<{ path: string }> }>;
    const files = packed[0]?.files.map((file) => file.path) ?? [];
    expect(files).toContain("dist/src/cli/main.js");
    expect(files).toContain("dist/mocks/server.js");
    // The demo is for this repository only.
    expect(files.filter((file) => /^(examples|build|test)\//.test(file))).toEqual([]);
  }, 90_000);
});
