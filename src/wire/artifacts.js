import { readJsonObject, readTime } from "./fields.js";
const versionAlias = /^v\d+$/;
/**
 * Maps one artifact node. Returns undefined for the nodes W&B's own client skips: a collection
 * without a project (not visible to this key), and a version without an index (still being
 * written).
 */
export function toArtifactVersion(node, source) {
    const sequence = node.artifactSequence;
    const project = sequence.project;
    if (!project || node.versionIndex === null)
        return undefined;
    const entity = project.entity.name;
    // aliases spans every collection the version belongs to (registry links among them); only
    // those of the collection it was logged in describe this version here.
    const aliases = node.aliases
        .filter((a) => {
        const collection = a.artifactCollection;
        return (collection !== null &&
            collection.name === sequence.name &&
            collection.project?.name === project.name &&
            collection.project.entity.name === entity);
    })
        .map((a) => a.alias)
        .filter((alias) => !versionAlias.test(alias));
    const version = node.versionIndex;
    return {
        id: node.id,
        name: sequence.name,
        version,
        alias: aliases.includes("latest") ? "latest" : (aliases[0] ?? `v${version}`),
        aliases,
        type: node.artifactType.name,
        size: node.size,
        fileCount: node.fileCount,
        digest: node.digest,
        state: node.state,
        description: node.description,
        createdAt: readTime(node.createdAt, { field: "artifact.createdAt", ...source }),
        metadata: readJsonObject(node.metadata, { field: "artifact.metadata", ...source }),
        entity,
        project: project.name,
        qualifiedName: `${entity}/${project.name}/${sequence.name}:v${version}`,
    };
}
/** Maps a page of an artifact connection; null edges and skipped nodes are left out. */
export function readArtifactPage(page, source) {
    const versions = [];
    for (const edge of page.edges) {
        if (!edge.node)
            continue;
        const version = toArtifactVersion(edge.node, source);
        if (version)
            versions.push(version);
    }
    return versions;
}
/**
 * Whether `version` is what `"name:alias"` names: the collection name matches and the alias is
 * its `vN` or one of its aliases.
 */
export function matchesArtifactName(version, name, alias) {
    return version.name === name && (alias === `v${version.version}` || version.aliases.includes(alias));
}
/** Splits `"name:alias"` on the first colon; a bare name means `latest`. */
export function splitArtifactName(nameAndAlias) {
    const colon = nameAndAlias.indexOf(":");
    if (colon < 0)
        return { name: nameAndAlias, alias: "latest" };
    return { name: nameAndAlias.slice(0, colon), alias: nameAndAlias.slice(colon + 1) };
}
//# sourceMappingURL=artifacts.js.map