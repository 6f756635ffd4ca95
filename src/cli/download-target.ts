/**
 * What `download` fetches, read as `artifact` and the SDK read names: `name:alias` forms are an
 * artifact version, W&B app URLs name what their page shows, and `entity/project/name` without an
 * alias is a run by that ID if there is one, else the artifact `name:latest` (as `artifact` reads
 * it). When neither exists, the error names both forms to write.
 */
import {
  type Artifact,
  ArtifactNotFoundError,
  artifactVersion,
  ProjectNotFoundError,
  type Run,
  RunNotFoundError,
  runName,
  type WandbClient,
} from "../index.js";
import { UsageError } from "./usage-error.js";

/** The handle `download` reads its files from. */
export type DownloadTarget = { kind: "artifact"; artifact: Artifact } | { kind: "run"; run: Run };

/** Whether the argument names an artifact version by its alias (a `:` outside a URL). */
export function namesArtifact(target: string): boolean {
  return !/^https?:\/\//i.test(target.trim()) && target.includes(":");
}

/** Reads `text` into the handle it names; asks W&B only to tell a run from an artifact. */
export async function downloadTarget(
  wb: WandbClient,
  text: string,
  signal: AbortSignal,
): Promise<DownloadTarget> {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    const target = await wb.fromPath(trimmed, { signal });
    if (target.kind === "run" || target.kind === "artifact") return target;
    throw new UsageError(
      `download needs a run or an artifact version, and ${JSON.stringify(trimmed)} is a ${target.kind} page`,
    );
  }
  if (namesArtifact(trimmed)) return { kind: "artifact", artifact: wb.artifact(trimmed) };
  const run = await wb.resolveRun(trimmed, { signal });
  if (trimmed.replace(/\/+$/, "").split("/").length !== 3) return { kind: "run", run };
  // "acme/vision/model": a run with that ID, else the artifact model:latest.
  try {
    await runName(run, { signal });
    return { kind: "run", run };
  } catch (error) {
    if (!(error instanceof RunNotFoundError || error instanceof ProjectNotFoundError)) throw error;
  }
  const artifact = wb.artifact(trimmed);
  try {
    await artifactVersion(artifact, { signal });
    return { kind: "artifact", artifact };
  } catch (error) {
    if (!(error instanceof ArtifactNotFoundError)) throw error;
  }
  throw new UsageError(
    `no run ${run.path} and no artifact ${artifact.path}: name a run as ${run.entity}/${run.project}/runs/<runId> ` +
      `and an artifact version as ${run.entity}/${run.project}/<name>:<alias> (e.g. ${artifact.path})`,
  );
}
