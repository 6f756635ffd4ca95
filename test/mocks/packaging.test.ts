// The published package (npm pack, extracted elsewhere) serves the fake W&B from dist alone.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("the packed package", () => {
  it("starts the mock server from its own dist and answers a query", () => {
    const script = fileURLToPath(new URL("../../scripts/check-pack.mjs", import.meta.url));
    const run = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 120_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as {
      files: string[];
      topLevel: string[];
      status: number;
      body: unknown;
      sameModule: boolean;
    };
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { viewer: { username: "john_doe" }, project: { runCount: 180 } } });
    expect(result.sameModule).toBe(true);
    // Nothing but the build and npm's own files travel: no schema/, no sources. (The whole list is
    // checked by scripts/check-package.mjs in .ci/run.)
    expect(result.topLevel).toEqual(["LICENSE", "README.md", "dist", "node_modules", "package.json"]);
    expect(result.files).toContain("dist/mocks/_generated/schema-sdl.js");
    expect(result.files.filter((file) => !file.startsWith("dist/"))).toEqual([
      "LICENSE",
      "README.md",
      "package.json",
    ]);
  }, 150_000);
});
