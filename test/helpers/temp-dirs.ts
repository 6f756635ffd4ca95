// Temporary folders for the tests of the calling file, each removed after the test that made it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/** A maker of fresh temporary folders (named `wandb-query-<prefix>-…`), removed after each test. */
export function useTempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `wandb-query-${prefix}-`));
    made.push(dir);
    return dir;
  };
}
