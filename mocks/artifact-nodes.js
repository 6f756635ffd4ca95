import { runConnection } from "./connections.js";
import { globalId, hexDigest } from "./ids.js";
import { toWireTime } from "./time.js";
import { writeExtendedJson } from "./wire-writer.js";
/** An `ArtifactType` of one project. */
export class ArtifactTypeNode {
    id;
    name;
    createdAt;
    __typename = "ArtifactType";
    description = null;
    constructor(id, name, createdAt) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
    }
}
/** A `Tag` on an artifact version. */
export class TagNode {
    id;
    name;
    __typename = "Tag";
    constructor(id, name) {
        this.id = id;
        this.name = name;
    }
}
/** An `ArtifactSequence` (where versions are logged) or an `ArtifactPortfolio` (a link collection). */
export class CollectionNode {
    __typename;
    id;
    name;
    project;
    defaultArtifactType;
    createdAt;
    description = null;
    state = "READY";
    /** Sequence: its versions by index. Portfolio: the linked versions in link order. */
    members = [];
    constructor(__typename, id, name, project, defaultArtifactType, createdAt) {
        this.__typename = __typename;
        this.id = id;
        this.name = name;
        this.project = project;
        this.defaultArtifactType = defaultArtifactType;
        this.createdAt = createdAt;
    }
    get updatedAt() {
        return this.createdAt;
    }
    /** The version aliased `latest`, else the highest version. */
    latestArtifact() {
        const latest = this.members.find((member) => member.aliasesIn(this).includes("latest"));
        if (latest)
            return latest;
        return this.members.reduce((best, member) => best === null || (member.versionIndex ?? 0) > (best.versionIndex ?? 0) ? member : best, null);
    }
    /** The member an alias names here: `vN` by position, else by alias; `null` when none. */
    resolve(alias) {
        const version = /^v(\d+)$/.exec(alias);
        if (version)
            return this.members.find((member) => this.indexOf(member) === Number(version[1])) ?? null;
        return this.members.find((member) => member.aliasesIn(this).includes(alias)) ?? null;
    }
    /** The version index of a member in this collection (its own index, or its link position). */
    indexOf(member) {
        return this.__typename === "ArtifactSequence" ? (member.versionIndex ?? 0) : this.members.indexOf(member);
    }
}
/** An `ArtifactAlias`: one alias in one collection. */
export class AliasNode {
    id;
    alias;
    artifactCollection;
    __typename = "ArtifactAlias";
    constructor(id, alias, artifactCollection) {
        this.id = id;
        this.alias = alias;
        this.artifactCollection = artifactCollection;
    }
}
/** An `ArtifactCollectionMembership`: a version as a member of one collection. */
export class MembershipNode {
    artifactCollection;
    artifact;
    __typename = "ArtifactCollectionMembership";
    id;
    versionIndex;
    aliases;
    constructor(artifactCollection, artifact) {
        this.artifactCollection = artifactCollection;
        this.artifact = artifact;
        this.versionIndex = artifactCollection.indexOf(artifact);
        this.id = globalId(`ArtifactCollectionMembership:${artifactCollection.id}:${artifact.id}`);
        this.aliases = artifact.aliases.filter((alias) => alias.artifactCollection === artifactCollection);
    }
}
/** One artifact version (`Artifact`). */
export class ArtifactNode {
    artifactSequence;
    artifactType;
    __typename = "Artifact";
    state = "COMMITTED";
    historyStep = null;
    ttlDurationSeconds = -2;
    ttlIsInherited = true;
    id;
    versionIndex;
    digest;
    size;
    fileCount;
    description;
    metadata;
    commitHash;
    createdAt;
    tags;
    /** Every alias in every collection; rebuilt when a description adds some. */
    aliases = [];
    /** Runs that used this version, for `usedBy`. */
    users = [];
    constructor(description, serial, path, createdAt, artifactSequence, artifactType) {
        this.artifactSequence = artifactSequence;
        this.artifactType = artifactType;
        this.id = globalId(`Artifact:${serial}`);
        this.versionIndex = description.version;
        this.digest = description.digest ?? hexDigest(path, 32);
        this.commitHash = hexDigest(`${path}#commit`, 12);
        this.size = description.size ?? 4096;
        this.fileCount = description.fileCount ?? 1;
        this.description = description.description ?? null;
        const metadata = description.metadata === undefined ? {} : description.metadata;
        this.metadata = metadata === null ? null : writeExtendedJson(metadata);
        this.createdAt = createdAt.wire;
        this.tags = (description.tags ?? []).map((name, i) => new TagNode(globalId(`Tag:${serial}:${i}`), name));
    }
    get updatedAt() {
        return this.createdAt;
    }
    /** The alias names this version carries in `collection`. */
    aliasesIn(collection) {
        return this.aliases
            .filter((alias) => alias.artifactCollection === collection)
            .map((alias) => alias.alias);
    }
    usedBy(_args, _context) {
        return runConnection(this.users, { first: this.users.length }, `used-by:${this.id}`, this.users.length);
    }
}
/**
 * Every version, collection, type and alias of a dataset. `projectOf` makes (or finds) the project
 * a collection lives in, so a collection can live where no run does (a registry).
 */
export class ArtifactRegistry {
    projectOf;
    versions = new Map();
    collections = new Map();
    types = new Map();
    aliasNodes = new Map();
    // Own aliases and other-collection aliases per version, in the order first described.
    ownAliases = new Map();
    otherAliases = new Map();
    constructor(projectOf) {
        this.projectOf = projectOf;
    }
    /** The version a run describes, shared with every other description of the same version. */
    register(description, owner) {
        checkArtifact(description);
        const entity = description.entity ?? owner.entity;
        const project = description.project ?? owner.project;
        const path = `${entity}/${project}/${description.name}:v${description.version}`;
        let version = this.versions.get(path);
        if (!version) {
            const createdAt = description.createdAt === undefined ? owner.createdAt : toWireTime(description.createdAt, path);
            const type = this.type(entity, project, description.type, createdAt.wire);
            const sequence = this.collection("ArtifactSequence", entity, project, description.name, type, createdAt.wire);
            version = new ArtifactNode(description, this.versions.size + 1, path, createdAt, sequence, type);
            this.versions.set(path, version);
            sequence.members.push(version);
            sequence.members.sort((a, b) => a.versionIndex - b.versionIndex);
            this.ownAliases.set(version, []);
            this.otherAliases.set(version, []);
        }
        this.addAliases(version, description);
        return version;
    }
    /** A collection by project and name, if any. */
    findCollection(entity, project, name) {
        return this.collections.get(`${entity}/${project}/${name}`);
    }
    /** An artifact type of a project, if any. */
    findType(entity, project, name) {
        return this.types.get(`${entity}/${project}/${name}`);
    }
    /** Whether any collection lives in the project: such a project exists even without runs. */
    hasCollectionsIn(entity, project) {
        const prefix = `${entity}/${project}/`;
        for (const key of this.collections.keys())
            if (key.startsWith(prefix))
                return true;
        return false;
    }
    /** `collection:alias` (no colon: `latest`) in a project, as a membership; `null` when none. */
    membership(entity, project, name) {
        const colon = name.indexOf(":");
        const collectionName = colon < 0 ? name : name.slice(0, colon);
        const alias = colon < 0 ? "latest" : name.slice(colon + 1);
        const collection = this.findCollection(entity, project, collectionName);
        const member = collection?.resolve(alias);
        return collection && member ? new MembershipNode(collection, member) : null;
    }
    addAliases(version, description) {
        const own = this.ownAliases.get(version) ?? [];
        const versionAlias = `v${version.versionIndex}`;
        for (const alias of description.aliases ?? []) {
            if (alias !== versionAlias && !own.includes(alias))
                own.push(alias);
        }
        const others = this.otherAliases.get(version) ?? [];
        for (const link of description.otherCollectionAliases ?? []) {
            const collection = this.linkTarget(link, version);
            if (!others.some((o) => o.alias === link.alias && o.collection === collection)) {
                others.push({ alias: link.alias, collection });
            }
            if (!collection.members.includes(version))
                collection.members.push(version);
        }
        const sequence = version.artifactSequence;
        version.aliases = [
            ...own.map((alias) => this.aliasNode(alias, sequence)),
            this.aliasNode(versionAlias, sequence),
            ...others.map(({ alias, collection }) => this.aliasNode(alias, collection)),
        ];
    }
    linkTarget(link, version) {
        const typename = link.portfolio === false ? "ArtifactSequence" : "ArtifactPortfolio";
        const type = this.type(link.entity, link.project, version.artifactType.name, version.createdAt);
        return this.collection(typename, link.entity, link.project, link.collection, type, version.createdAt);
    }
    aliasNode(alias, collection) {
        const key = `${collection.id}\n${alias}`;
        let node = this.aliasNodes.get(key);
        if (!node) {
            node = new AliasNode(globalId(`ArtifactAlias:${this.aliasNodes.size + 1}`), alias, collection);
            this.aliasNodes.set(key, node);
        }
        return node;
    }
    type(entity, project, name, createdAt) {
        const key = `${entity}/${project}/${name}`;
        let type = this.types.get(key);
        if (!type) {
            type = new ArtifactTypeNode(globalId(`ArtifactType:${this.types.size + 1}`), name, createdAt);
            this.types.set(key, type);
        }
        return type;
    }
    collection(typename, entity, project, name, type, createdAt) {
        const key = `${entity}/${project}/${name}`;
        let collection = this.collections.get(key);
        if (!collection) {
            const id = globalId(`ArtifactCollection:${this.collections.size + 1}`);
            collection = new CollectionNode(typename, id, name, this.projectOf(entity, project), type, createdAt);
            this.collections.set(key, collection);
        }
        return collection;
    }
}
function checkArtifact(description) {
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
//# sourceMappingURL=artifact-nodes.js.map