/**
 * `manifest.json` in the export folder: what the last export wrote, so the next one fetches only
 * runs that changed and continues an interrupted one. Written through a temporary file and a rename,
 * after each step that completes, so it never claims a file that is not whole.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeAtomically } from "./files.js";

/** What the manifest says of one run. */
export interface ManifestRun {
  state: string | null;
  /** ISO 8601, or null for a run without a heartbeat. */
  heartbeatAt: string | null;
  /** Whether its history files are whole (only with `history`). */
  historyDone: boolean;
  /** History rows written. */
  historyRows: number;
}

export interface Manifest {
  format: 1;
  /** `entity/project`. */
  project: string;
  history: boolean;
  /** The history keys kept, or null for every key. */
  keys: string[] | null;
  runs: Record<string, ManifestRun>;
}

export const manifestName = "manifest.json";

/** The folder's manifest, or undefined when it has none or one for another export. */
export async function readManifest(
  dir: string,
  want: Pick<Manifest, "project" | "history" | "keys">,
): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, manifestName), "utf8");
  } catch {
    return undefined;
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    const same =
      manifest.format === 1 &&
      manifest.project === want.project &&
      manifest.history === want.history &&
      JSON.stringify(manifest.keys) === JSON.stringify(want.keys) &&
      typeof manifest.runs === "object" &&
      manifest.runs !== null;
    return same ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  return writeAtomically(join(dir, manifestName), `${JSON.stringify(manifest, null, 1)}\n`);
}
