/**
 * GraphQL `File`s and their connections: a run's files, an artifact version's files and its
 * manifest. `directUrl` points at the storage host (presigned, current signature), `url` at the W&B
 * host that asked (it redirects to storage); a reference entry's URLs are its `ref` itself, as W&B
 * sends them.
 */
import { likePattern } from "../shared/like-pattern.js";
import { paginate } from "./connections.js";
import type { RequestContext } from "./context.js";
import type { FileStore, StoredFile } from "./file-store.js";

/** Files per page when `first` is not given (W&B's own clients always send one). */
const defaultFilePageSize = 50;

/** What a `File` is besides its bytes. */
export interface FileFacts {
  name: string;
  mimetype: string | null;
  updatedAt: string | null;
}

/** One `File`. */
export class FileNode {
  readonly __typename = "File";
  readonly name: string;
  readonly mimetype: string | null;
  readonly updatedAt: string | null;

  constructor(
    private readonly store: FileStore,
    private readonly stored: StoredFile | { ref: string; size: number; digest: string },
    facts: FileFacts,
  ) {
    this.name = facts.name;
    this.mimetype = facts.mimetype;
    this.updatedAt = facts.updatedAt;
  }

  get displayName(): string {
    return this.name;
  }

  get sizeBytes(): number {
    return "ref" in this.stored ? this.stored.size : this.stored.content.size;
  }

  get md5(): string | null {
    return "ref" in this.stored ? null : this.stored.content.md5();
  }

  directUrl(): string {
    return "ref" in this.stored ? this.stored.ref : this.store.directUrl(this.stored);
  }

  url(_args: unknown, context: RequestContext): string {
    return "ref" in this.stored ? this.stored.ref : this.store.apiUrl(context.apiOrigin, this.stored);
  }
}

/** The arguments a files connection takes (run files add `pattern`). */
export interface FileConnectionArgs {
  names?: ReadonlyArray<string | null> | null | undefined;
  pattern?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}

/**
 * A `FileConnection` page over `files`: those named (an empty list names none, as W&B's client
 * sends `[]` for "all"), those matching a MySQL `LIKE` pattern, or all.
 */
export function fileConnection(files: readonly FileNode[], args: FileConnectionArgs, kind: string) {
  const names = args.names?.filter((name): name is string => typeof name === "string") ?? [];
  const like = args.pattern == null ? undefined : likePattern(args.pattern);
  const matching = files.filter(
    (file) => (names.length === 0 || names.includes(file.name)) && (!like || like.test(file.name)),
  );
  // A filtered list has its own cursors: a cursor from another filter is refused.
  const listKind = `${kind}|${names.join("\u0000")}|${args.pattern ?? ""}`;
  const page = paginate(matching, args, listKind, defaultFilePageSize);
  return {
    pageInfo: page.pageInfo,
    edges: page.items.map(({ item, cursor }) => ({ node: item, cursor })),
  };
}
