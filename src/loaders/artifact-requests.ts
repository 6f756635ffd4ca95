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
import { readConnection } from "../wire/connections.js";
import { type ListedRunFile, readRunFile, readStoredFileUrl, type StoredFileUrl } from "../wire/run-files.js";
import { requireRun, throwIfErrors } from "./answers.js";
import { ceilingFor, PageGuard } from "./paging.js";

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
  for await (const page of fileUrlPages(transport, version, options)) {
    for (const [name, url] of page) urls.set(name, url);
  }
  return urls;
}

/**
 * The storage URLs of the version's files, a page at a time, as {@link fetchFileUrls} asks for
 * them: a download starts on the first page while the next is still to come, and keeps only
 * what it has yet to use.
 */
export async function* fileUrlPages(
  transport: Transport,
  version: ArtifactVersion,
  options: { names?: readonly string[] | undefined; pageSize?: number; signal: AbortSignal | undefined },
): AsyncGenerator<Map<string, StoredFileUrl>> {
  // Names seen so far, as 32-bit hashes: the page guard only needs to know whether a page brought
  // anything new, and a million names kept as strings would cost more than the download itself.
  const seen = new Set<number>();
  const pageSize = options.pageSize ?? fileUrlPageSize;
  const what = `files of ${qualified(version)}`;
  const expected = options.names ? options.names.length : version.fileCount;
  let guard: PageGuard | undefined;
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
      project: `${version.entity}/${version.project}`,
    });
    throwIfErrors(answer);
    const { operationName: operation } = answer;
    const path = "project.artifactCollection.artifactMembership.files";
    const page = readConnection(
      answer.data?.project?.artifactCollection?.artifactMembership?.files,
      { path, operation },
      "skip",
    );
    if (!page) throw versionGone(version, operation);
    let fresh = 0;
    const urls = new Map<string, StoredFileUrl>();
    page.edges.forEach((edge, index) => {
      const { name, ...url } = readStoredFileUrl(edge.node, {
        field: `${path}.edges.${index}.node`,
        operation,
      });
      const hash = nameHash(name);
      if (!seen.has(hash)) {
        fresh++;
        seen.add(hash);
      }
      urls.set(name, url);
    });
    yield urls;
    if (!page.hasNextPage) return;
    guard ??= new PageGuard({ what, operation }, ceilingFor(expected, `W&B counted ${expected} files`));
    after = guard.next(page.endCursor, fresh);
  }
}

/** FNV-1a over the name's UTF-16 code units. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash >>> 0;
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

/** One page of the runs that used the version, with the page's raw size (for the page guard). */
export async function fetchConsumersPage(
  transport: Transport,
  version: ArtifactVersion,
  after: string | undefined,
  signal: AbortSignal | undefined,
): Promise<{ runs: RunRef[]; hasNextPage: boolean; endCursor: string | null; operation: string }> {
  const answer = await transport.request({
    document: ArtifactUsedByDocument,
    variables: { id: version.id, first: lineagePageSize, after },
    signal,
  });
  throwIfErrors(answer);
  const { operationName: operation } = answer;
  const artifact = answer.data?.artifact;
  if (!artifact) throw versionGone(version, operation);
  const page = readConnection<{ node: RunCoordinatesFragment }>(
    artifact.usedBy,
    { path: "artifact.usedBy", operation },
    "error",
  );
  if (!page) return { runs: [], hasNextPage: false, endCursor: null, operation };
  const runs = page.edges.map((edge) => runRefOf(edge.node)).filter((ref): ref is RunRef => ref !== null);
  return { runs, hasNextPage: page.hasNextPage, endCursor: page.endCursor, operation };
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
 * cursor, as W&B's own client pages run files, and no further than the run's `fileCount` allows.
 */
export async function fetchRunFiles(
  transport: Transport,
  run: RunRef & { readonly path: string },
  filter: RunFilesFilter,
  signal: AbortSignal | undefined,
): Promise<ListedRunFile[]> {
  const files: ListedRunFile[] = [];
  const seen = new Set<string>();
  let guard: PageGuard | undefined;
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
      project: `${run.entity}/${run.project}`,
    });
    throwIfErrors(answer, run.path);
    const { operationName: operation } = answer;
    const found = requireRun(answer.data?.project, run, operation);
    const source = { path: "project.run.files", operation, runPath: run.path };
    const page = readConnection(found.files, source, "skip");
    if (!page) return files;
    let fresh = 0;
    page.edges.forEach((edge, index) => {
      const file = readRunFile(edge.node, {
        field: `${source.path}.edges.${index}.node`,
        runPath: run.path,
        operation,
      });
      if (seen.has(file.name)) return;
      seen.add(file.name);
      files.push(file);
      fresh++;
    });
    if (!page.hasNextPage) return files;
    const counted = typeof found.fileCount === "number" ? found.fileCount : undefined;
    guard ??= new PageGuard(
      { what: `files of run ${run.path}`, operation, runPath: run.path, field: "files" },
      counted === undefined
        ? ceilingFor(
            maxFilesWithoutCount,
            `W&B gave no fileCount; at most ${maxFilesWithoutCount} files assumed`,
          )
        : ceilingFor(counted, `W&B counted ${counted} files`),
    );
    after = guard.next(page.lastEdgeCursor, fresh);
  }
}

/** A run whose `fileCount` W&B does not send gets this many files' worth of pages. */
const maxFilesWithoutCount = 100_000;
