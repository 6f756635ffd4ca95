/**
 * Artifact versions, their collections, types and aliases. A version is one object per
 * `entity/project/name:vN`, whichever run logs or uses it, and its `aliases` span every collection
 * it is in: its own (always with its `vN`) and any other (a registry portfolio, say), as W&B sends
 * them (reference §7).
 */
import type { JsonObject } from "../src/wire/json.js";
import { nodeConnection, type PageArgs, runConnection, type TouchableRun } from "./connections.js";
import type { RequestContext } from "./context.js";
import { FileContent } from "./file-content.js";
import { type FileConnectionArgs, FileNode, fileConnection } from "./file-nodes.js";
import type { FileStore, StoredFile } from "./file-store.js";
import { globalId, hexDigest } from "./ids.js";
import type { WireTime } from "./time.js";
import { toWireTime } from "./time.js";
import type { MockArtifact, MockCollectionAlias } from "./types.js";
import type { UserNode } from "./user-node.js";
import { writeExtendedJson } from "./wire-writer.js";

/** Runs that used a version, per page, when `usedBy` is asked without `first`. */
const defaultUsedByPageSize = 50;

/** What a collection needs of the project it lives in. */
export interface CollectionProject {
  readonly name: string;
  readonly entityName: string;
}

/** Collections or versions per page when `first` is not given, as W&B's Python client asks. */
const defaultArtifactPageSize = 50;

/** An `ArtifactType` of one project. */
export class ArtifactTypeNode {
  readonly __typename = "ArtifactType";
  readonly description = null;
  /** The collections of this type in its project, in the order first described. */
  readonly collections: CollectionNode[] = [];
  constructor(
    readonly id: string,
    readonly name: string,
    readonly createdAt: string,
  ) {}

  artifactCollections(args: PageArgs) {
    return nodeConnection(this.collections, args, `collections:${this.id}`, defaultArtifactPageSize);
  }
}

/** A `Tag` on an artifact version. */
export class TagNode {
  readonly __typename = "Tag";
  constructor(
    readonly id: string,
    readonly name: string,
  ) {}
}

/** An `ArtifactSequence` (where versions are logged) or an `ArtifactPortfolio` (a link collection). */
export class CollectionNode {
  readonly description = null;
  readonly state = "READY";
  /** Sequence: its versions by index. Portfolio: the linked versions in link order. */
  readonly members: ArtifactNode[] = [];

  constructor(
    readonly __typename: "ArtifactSequence" | "ArtifactPortfolio",
    readonly id: string,
    readonly name: string,
    readonly project: CollectionProject,
    readonly defaultArtifactType: ArtifactTypeNode,
    readonly createdAt: string,
  ) {}

  get updatedAt(): string {
    return this.createdAt;
  }

  /** The version aliased `latest`, else the highest version. */
  latestArtifact(): ArtifactNode | null {
    const latest = this.members.find((member) => member.aliasesIn(this).includes("latest"));
    if (latest) return latest;
    return this.members.reduce<ArtifactNode | null>(
      (best, member) =>
        best === null || (member.versionIndex ?? 0) > (best.versionIndex ?? 0) ? member : best,
      null,
    );
  }

  /**
   * `artifacts(filters:, first:, after:)`: its versions newest first, each edge with its `vN` here.
   * Every mock version is COMMITTED, so the one filter W&B's client sends keeps them all.
   */
  artifacts(args: PageArgs) {
    const newestFirst = [...this.members].sort((a, b) => this.indexOf(b) - this.indexOf(a));
    const page = nodeConnection(newestFirst, args, `versions:${this.id}`, defaultArtifactPageSize);
    return {
      ...page,
      edges: page.edges.map((edge) => ({ ...edge, version: `v${this.indexOf(edge.node)}` })),
    };
  }

  /** `artifactMembership(aliasName:)`: the member an alias names here, as a membership. */
  artifactMembership(args: { aliasName: string }): MembershipNode | null {
    const member = this.resolve(args.aliasName);
    return member ? new MembershipNode(this, member) : null;
  }

  /** The member an alias names here: `vN` by position, else by alias; `null` when none. */
  resolve(alias: string): ArtifactNode | null {
    const version = /^v(\d+)$/.exec(alias);
    if (version) return this.members.find((member) => this.indexOf(member) === Number(version[1])) ?? null;
    return this.members.find((member) => member.aliasesIn(this).includes(alias)) ?? null;
  }

  /** The version index of a member in this collection (its own index, or its link position). */
  indexOf(member: ArtifactNode): number {
    return this.__typename === "ArtifactSequence" ? (member.versionIndex ?? 0) : this.members.indexOf(member);
  }
}

/** An `ArtifactAlias`: one alias in one collection. */
export class AliasNode {
  readonly __typename = "ArtifactAlias";
  constructor(
    readonly id: string,
    readonly alias: string,
    readonly artifactCollection: CollectionNode,
  ) {}
}

/** An `ArtifactCollectionMembership`: a version as a member of one collection. */
export class MembershipNode {
  readonly __typename = "ArtifactCollectionMembership";
  readonly id: string;
  readonly versionIndex: number;
  readonly aliases: AliasNode[];

  constructor(
    readonly artifactCollection: CollectionNode,
    readonly artifact: ArtifactNode,
  ) {
    this.versionIndex = artifactCollection.indexOf(artifact);
    this.id = globalId(`ArtifactCollectionMembership:${artifactCollection.id}:${artifact.id}`);
    this.aliases = artifact.aliases.filter((alias) => alias.artifactCollection === artifactCollection);
  }

  files(args: FileConnectionArgs) {
    return fileConnection(this.artifact.files, args, `files:${this.artifact.id}`);
  }
}

/** One entry of a version's manifest: a stored file, or a reference. */
type ManifestEntry =
  | { path: string; stored: StoredFile }
  | { path: string; ref: string; digest: string; size: number };

/** One artifact version (`Artifact`). */
export class ArtifactNode {
  readonly __typename = "Artifact";
  readonly state = "COMMITTED";
  readonly historyStep = null;
  readonly ttlDurationSeconds = -2;
  readonly ttlIsInherited = true;
  readonly id: string;
  readonly versionIndex: number;
  readonly digest: string;
  readonly size: number;
  readonly fileCount: number;
  readonly description: string | null;
  readonly metadata: string | null;
  readonly commitHash: string;
  readonly createdAt: string;
  readonly tags: TagNode[];
  /** Every alias in every collection; rebuilt when a description adds some. */
  aliases: AliasNode[] = [];
  /** Runs that used this version, for `usedBy`. */
  readonly users: TouchableRun[] = [];
  /** The run that logged it, or the user who saved it outside a run; `null` when neither is known. */
  creator: TouchableRun | UserNode | null = null;
  /** Its files, reference entries included, in description order. */
  readonly files: FileNode[] = [];
  private readonly entries: ManifestEntry[] = [];
  private readonly manifest: FileNode;

  constructor(
    description: MockArtifact,
    serial: number,
    path: string,
    createdAt: WireTime,
    readonly artifactSequence: CollectionNode,
    readonly artifactType: ArtifactTypeNode,
    store: FileStore,
  ) {
    this.id = globalId(`Artifact:${serial}`);
    this.versionIndex = description.version;
    this.digest = description.digest ?? hexDigest(path, 32);
    this.commitHash = hexDigest(`${path}#commit`, 12);
    this.description = description.description ?? null;
    const metadata = description.metadata === undefined ? {} : description.metadata;
    this.metadata = metadata === null ? null : writeExtendedJson(metadata satisfies JsonObject);
    this.createdAt = createdAt.wire;
    this.tags = (description.tags ?? []).map((name, i) => new TagNode(globalId(`Tag:${serial}:${i}`), name));
    const facts = { mimetype: null, updatedAt: createdAt.wire };
    for (const file of description.files ?? []) {
      if (typeof file?.path !== "string" || file.path === "") {
        throw new TypeError(`mock artifact ${path} has a file without a path`);
      }
      if ("ref" in file) {
        const entry = {
          path: file.path,
          ref: file.ref,
          digest: file.digest ?? file.ref,
          size: file.size ?? 0,
        };
        this.entries.push(entry);
        this.files.push(new FileNode(store, entry, { ...facts, name: file.path }));
      } else {
        const stored = store.add(path, file.path, file.content);
        this.entries.push({ path: file.path, stored });
        this.files.push(new FileNode(store, stored, { ...facts, name: file.path }));
      }
    }
    const stored = this.entries.map((entry) => ("stored" in entry ? entry.stored.content.size : entry.size));
    this.size =
      description.size ?? (this.entries.length > 0 ? stored.reduce((sum, size) => sum + size, 0) : 4096);
    this.fileCount = description.fileCount ?? (this.entries.length > 0 ? this.entries.length : 1);
    const manifest = store.add(
      path,
      "manifest",
      FileContent.lazyText(() => this.manifestText()),
      true,
    );
    this.manifest = new FileNode(store, manifest, {
      name: "wandb_manifest.json",
      mimetype: "application/json",
      updatedAt: createdAt.wire,
    });
  }

  get updatedAt(): string {
    return this.createdAt;
  }

  /** The alias names this version carries in `collection`. */
  aliasesIn(collection: CollectionNode): string[] {
    return this.aliases
      .filter((alias) => alias.artifactCollection === collection)
      .map((alias) => alias.alias);
  }

  usedBy(args: { first?: number | null; after?: string | null }, _context: RequestContext) {
    return runConnection(this.users, args, `used-by:${this.id}`, defaultUsedByPageSize);
  }

  get createdBy(): TouchableRun | UserNode | null {
    return this.creator;
  }

  get currentManifest(): { file: FileNode } {
    return { file: this.manifest };
  }

  /** The manifest JSON as W&B's client writes it (v1, storage layout V2); made on first download. */
  private manifestText(): string {
    const contents: Record<string, JsonObject> = {};
    for (const entry of this.entries) {
      contents[entry.path] =
        "stored" in entry
          ? { digest: entry.stored.content.md5(), size: entry.stored.content.size, birthArtifactID: this.id }
          : { digest: entry.digest, ref: entry.ref, size: entry.size };
    }
    return JSON.stringify({
      version: 1,
      storagePolicy: "wandb-storage-policy-v1",
      storagePolicyConfig: { storageLayout: "V2" },
      contents,
    });
  }
}

/** Where a run's artifact descriptions default from. */
export interface ArtifactOwner {
  entity: string;
  project: string;
  /** The default `createdAt` of versions first described by this run. */
  createdAt: WireTime;
}

/**
 * Every version, collection, type and alias of a dataset. `projectOf` makes (or finds) the project
 * a collection lives in, so a collection can live where no run does (a registry).
 */
export class ArtifactRegistry {
  private readonly versions = new Map<string, ArtifactNode>();
  private readonly collections = new Map<string, CollectionNode>();
  private readonly types = new Map<string, ArtifactTypeNode>();
  private readonly aliasNodes = new Map<string, AliasNode>();
  // Own aliases and other-collection aliases per version, in the order first described.
  private readonly ownAliases = new Map<ArtifactNode, string[]>();
  private readonly otherAliases = new Map<
    ArtifactNode,
    Array<{ alias: string; collection: CollectionNode }>
  >();

  private readonly byId = new Map<string, ArtifactNode>();

  constructor(
    private readonly projectOf: (entity: string, project: string) => CollectionProject,
    private readonly store: FileStore,
  ) {}

  /** `Query.artifact(id:)`. */
  version(id: string): ArtifactNode | null {
    return this.byId.get(id) ?? null;
  }

  /** The version a run describes, shared with every other description of the same version. */
  register(description: MockArtifact, owner: ArtifactOwner): ArtifactNode {
    checkArtifact(description);
    const entity = description.entity ?? owner.entity;
    const project = description.project ?? owner.project;
    const path = `${entity}/${project}/${description.name}:v${description.version}`;
    let version = this.versions.get(path);
    if (!version) {
      const createdAt =
        description.createdAt === undefined ? owner.createdAt : toWireTime(description.createdAt, path);
      const type = this.type(entity, project, description.type, createdAt.wire);
      const sequence = this.collection(
        "ArtifactSequence",
        entity,
        project,
        description.name,
        type,
        createdAt.wire,
      );
      version = new ArtifactNode(
        description,
        this.versions.size + 1,
        path,
        createdAt,
        sequence,
        type,
        this.store,
      );
      this.versions.set(path, version);
      this.byId.set(version.id, version);
      sequence.members.push(version);
      sequence.members.sort((a, b) => a.versionIndex - b.versionIndex);
      this.ownAliases.set(version, []);
      this.otherAliases.set(version, []);
    }
    this.addAliases(version, description);
    return version;
  }

  /** A collection by project and name, if any. */
  findCollection(entity: string, project: string, name: string): CollectionNode | undefined {
    return this.collections.get(`${entity}/${project}/${name}`);
  }

  /** An artifact type of a project, if any. */
  findType(entity: string, project: string, name: string): ArtifactTypeNode | undefined {
    return this.types.get(`${entity}/${project}/${name}`);
  }

  /** The artifact types of a project, in the order first described. */
  typesIn(entity: string, project: string): ArtifactTypeNode[] {
    const prefix = `${entity}/${project}/`;
    return [...this.types].flatMap(([key, type]) => (key.startsWith(prefix) ? [type] : []));
  }

  /** Whether any collection lives in the project: such a project exists even without runs. */
  hasCollectionsIn(entity: string, project: string): boolean {
    const prefix = `${entity}/${project}/`;
    for (const key of this.collections.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  /** `collection:alias` (no colon: `latest`) in a project, as a membership; `null` when none. */
  membership(entity: string, project: string, name: string): MembershipNode | null {
    const colon = name.indexOf(":");
    const collectionName = colon < 0 ? name : name.slice(0, colon);
    const alias = colon < 0 ? "latest" : name.slice(colon + 1);
    const collection = this.findCollection(entity, project, collectionName);
    const member = collection?.resolve(alias);
    return collection && member ? new MembershipNode(collection, member) : null;
  }

  private addAliases(version: ArtifactNode, description: MockArtifact): void {
    const own = this.ownAliases.get(version) ?? [];
    const versionAlias = `v${version.versionIndex}`;
    for (const alias of description.aliases ?? []) {
      if (alias !== versionAlias && !own.includes(alias)) own.push(alias);
    }
    const others = this.otherAliases.get(version) ?? [];
    for (const link of description.otherCollectionAliases ?? []) {
      const collection = this.linkTarget(link, version);
      if (!others.some((o) => o.alias === link.alias && o.collection === collection)) {
        others.push({ alias: link.alias, collection });
      }
      if (!collection.members.includes(version)) collection.members.push(version);
    }
    const sequence = version.artifactSequence;
    version.aliases = [
      ...own.map((alias) => this.aliasNode(alias, sequence)),
      this.aliasNode(versionAlias, sequence),
      ...others.map(({ alias, collection }) => this.aliasNode(alias, collection)),
    ];
  }

  private linkTarget(link: MockCollectionAlias, version: ArtifactNode): CollectionNode {
    const typename = link.portfolio === false ? "ArtifactSequence" : "ArtifactPortfolio";
    const type = this.type(link.entity, link.project, version.artifactType.name, version.createdAt);
    return this.collection(typename, link.entity, link.project, link.collection, type, version.createdAt);
  }

  private aliasNode(alias: string, collection: CollectionNode): AliasNode {
    const key = `${collection.id}\n${alias}`;
    let node = this.aliasNodes.get(key);
    if (!node) {
      node = new AliasNode(globalId(`ArtifactAlias:${this.aliasNodes.size + 1}`), alias, collection);
      this.aliasNodes.set(key, node);
    }
    return node;
  }

  private type(entity: string, project: string, name: string, createdAt: string): ArtifactTypeNode {
    const key = `${entity}/${project}/${name}`;
    let type = this.types.get(key);
    if (!type) {
      type = new ArtifactTypeNode(globalId(`ArtifactType:${this.types.size + 1}`), name, createdAt);
      this.types.set(key, type);
    }
    return type;
  }

  private collection(
    typename: CollectionNode["__typename"],
    entity: string,
    project: string,
    name: string,
    type: ArtifactTypeNode,
    createdAt: string,
  ): CollectionNode {
    const key = `${entity}/${project}/${name}`;
    let collection = this.collections.get(key);
    if (!collection) {
      const id = globalId(`ArtifactCollection:${this.collections.size + 1}`);
      collection = new CollectionNode(typename, id, name, this.projectOf(entity, project), type, createdAt);
      this.collections.set(key, collection);
      type.collections.push(collection);
    }
    return collection;
  }
}

function checkArtifact(description: MockArtifact): void {
  if (typeof description.name !== "string" || description.name === "" || description.name.includes(":")) {
    throw new TypeError(`a mock artifact needs a name without ":", got ${JSON.stringify(description.name)}`);
  }
  if (typeof description.type !== "string" || description.type === "") {
    throw new TypeError(`mock artifact ${description.name} needs a type`);
  }
  if (!Number.isSafeInteger(description.version) || description.version < 0) {
    throw new TypeError(`mock artifact ${description.name} needs a non-negative integer version`);
  }
}
