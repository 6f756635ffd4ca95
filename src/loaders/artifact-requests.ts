/**
 * The requests of one artifact version once it is known (its id, its collection and version):
 * where its manifest is, its files' storage URLs in bulk or by name, the run that logged it, the
 * runs that used it; and one page of a run's files. Each is one GraphQL request through the
 * transport; the callers page and cache.
 */
import {
  ArtifactCreatedByDocument,
  ArtifactFileUrlsDocument,
  ArtifactManifestUrlDocument,
  ArtifactUsedByDocument,
  type RunCoordinatesFragment,
  RunFilesDocument,
} from "../_generated/graphql.js";
import { ArtifactNotFoundError, WandbResponseError } from "../errors.js";
import type { RunRef } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import type { ArtifactVersion } from "../wire/artifacts.js";
import { type ListedRunFile, readRunFile } from "../wire/run-files.js";
import { requireRun, throwIfErrors } from "./answers.js";
import { nextCursor } from "./page-cursor.js";

/** File URLs per request when downloading, W&B's own bulk size (`WANDB_ARTIFACT_FETCH_FILE_URL_BATCH_SIZE`). */
export const fileUrlPageSize = 5000;
/** Runs per page of `usedBy`, and files per page of a run's files, as W&B's own pagers ask. */
export const lineagePageSize = 50;
export const runFilesPageSize = 50;

const qualified = (version: ArtifactVersion) => version.qualifiedName;

function versionGone(version: ArtifactVersion, operation: string): ArtifactNotFoundError {
  return new ArtifactNotFoundError(
    `artifact ${qualified(version)} not found (deleted since it was looked up, or this API key may not read it)`,
    qualified(version),
    { operation },
  );
}

/** The presigned URL of the version's manifest. */
export async function fetchManifestUrl(
  transport: Transport,
  version: ArtifactVersion,
  signal: AbortSignal | undefined,
): Promise<string> {
  const answer = await transport.request({
    document: ArtifactManifestUrlDocument,
    variables: { id: version.id },
    signal,
  });
  throwIfErrors(answer);
  const artifact = answer.data?.artifact;
  if (!artifact) throw versionGone(version, answer.operationName);
  const url = artifact.currentManifest?.file.directUrl;
  if (!url) {
    throw new WandbResponseError(
      `artifact ${qualified(version)} has no manifest (it may still be being written)`,
      { operation: answer.operationName, field: "currentManifest" },
    );
  }
  return url;
}

/** A file's storage URL and what W&B recorded of it. */
export interface StoredFileUrl {
  url: string;
  /** Base64 MD5; null for a reference entry or when W&B recorded none. */
  md5: string | null;
  size: number;
}

/**
 * The storage URLs of the version's files, by path: every file, paged `pageSize` at a time, or
 * only those `names` (one request).
 */
export async function fetchFileUrls(
  transport: Transport,
  version: ArtifactVersion,
  options: { names?: readonly string[] | undefined; pageSize?: number; signal: AbortSignal | undefined },
): Promise<Map<string, StoredFileUrl>> {
  const urls = new Map<string, StoredFileUrl>();
  const pageSize = options.pageSize ?? fileUrlPageSize;
  let after: string | undefined;
  for (;;) {
    const answer = await transport.request({
      document: ArtifactFileUrlsDocument,
      variables: {
        entity: version.entity,
        project: version.project,
        collection: version.name,
        alias: `v${version.version}`,
        fileNames: options.names ? [...options.names] : undefined,
        after,
        first: options.names ? Math.max(1, options.names.length) : pageSize,
      },
      signal: options.signal,
    });
    throwIfErrors(answer);
    const files = answer.data?.project?.artifactCollection?.artifactMembership?.files;
    if (!files) throw versionGone(version, answer.operationName);
    for (const edge of files.edges) {
      const node = edge.node;
      if (node) urls.set(node.name, { url: node.directUrl, md5: node.md5, size: node.sizeBytes });
    }
    const { hasNextPage, endCursor } = files.pageInfo;
    after = nextCursor(`files of ${qualified(version)}`, hasNextPage, endCursor, after, answer.operationName);
    if (after === undefined) return urls;
  }
}

/** The run that logged the version, or `null` when none did (a user saved it, or W&B knows none). */
export async function fetchProducer(
  transport: Transport,
  version: ArtifactVersion,
  signal: AbortSignal | undefined,
): Promise<RunRef | null> {
  const answer = await transport.request({
    document: ArtifactCreatedByDocument,
    variables: { id: version.id },
    signal,
  });
  throwIfErrors(answer);
  const artifact = answer.data?.artifact;
  if (!artifact) throw versionGone(version, answer.operationName);
  const creator = artifact.createdBy;
  return creator?.__typename === "Run" ? runRefOf(creator) : null;
}

/** One page of the runs that used the version. */
export async function fetchConsumersPage(
  transport: Transport,
  version: ArtifactVersion,
  after: string | undefined,
  signal: AbortSignal | undefined,
): Promise<{ runs: RunRef[]; next: string | undefined }> {
  const answer = await transport.request({
    document: ArtifactUsedByDocument,
    variables: { id: version.id, first: lineagePageSize, after },
    signal,
  });
  throwIfErrors(answer);
  const artifact = answer.data?.artifact;
  if (!artifact) throw versionGone(version, answer.operationName);
  const { edges, pageInfo } = artifact.usedBy;
  const runs = edges.map((edge) => runRefOf(edge.node)).filter((ref): ref is RunRef => ref !== null);
  const what = `runs that used ${qualified(version)}`;
  return {
    runs,
    next: nextCursor(what, pageInfo.hasNextPage, pageInfo.endCursor, after, answer.operationName),
  };
}

/** A run's coordinates; `null` when W&B does not say which project it is in. */
function runRefOf(run: RunCoordinatesFragment): RunRef | null {
  return run.project ? { entity: run.project.entity.name, project: run.project.name, id: run.name } : null;
}

/** What selects a run's files: by name, or by a MySQL LIKE pattern, or all. */
export interface RunFilesFilter {
  names?: readonly string[] | undefined;
  pattern?: string | undefined;
}

/**
 * Every file of a run the filter selects, all pages; the next page starts after the last edge's
 * cursor, as W&B's own client pages run files.
 */
export async function fetchRunFiles(
  transport: Transport,
  run: RunRef & { readonly path: string },
  filter: RunFilesFilter,
  signal: AbortSignal | undefined,
): Promise<ListedRunFile[]> {
  const files: ListedRunFile[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const answer = await transport.request({
      document: RunFilesDocument,
      variables: {
        entity: run.entity,
        project: run.project,
        run: run.id,
        names: filter.names ? [...filter.names] : undefined,
        pattern: filter.pattern,
        first: runFilesPageSize,
        after,
      },
      signal,
      runs: [run.path],
    });
    throwIfErrors(answer, run.path);
    const page = requireRun(answer.data?.project, run, answer.operationName).files;
    if (!page) return files;
    for (const edge of page.edges) {
      if (!edge.node || seen.has(edge.node.name)) continue;
      seen.add(edge.node.name);
      files.push(readRunFile(edge.node, run.path, answer.operationName));
    }
    const last = page.edges.at(-1)?.cursor;
    after = nextCursor(
      `files of run ${run.path}`,
      page.pageInfo.hasNextPage,
      last,
      after,
      answer.operationName,
    );
    if (after === undefined) return files;
  }
}
