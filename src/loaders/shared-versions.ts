/**
 * Artifact versions in the fleet's shared store, by version number. A version number
 * (`model:v3`) always names the same version of its collection, and once that version is
 * committed its digest fixes its files; an alias (`latest`, `production`) moves from version to
 * version. So a lookup by number may be answered from the store, and a lookup by alias never is,
 * though its answer is written under the number it resolved to.
 *
 * An entry holds the version's wire node as W&B sent it (the `artifact` of the membership lookup)
 * under its qualified name, `entity/project/collection:vN` from the node itself, and is read back
 * through {@link toArtifactVersion}: an entry that does not read, that is not committed, or whose
 * qualified name is not the path asked for is a miss, and the client asks W&B.
 */

import type { ArtifactFieldsFragment } from "../_generated/graphql.js";
import type { ArtifactRef } from "../artifact-paths.js";
import type { SharedEntries } from "../cache/shared-entries.js";
import { type ArtifactVersion, toArtifactVersion } from "../wire/artifacts.js";

/**
 * How long a version stays in the store. Its number, digest and files never change, but W&B lets
 * its aliases, description and metadata be edited (and the version be deleted) afterwards: an
 * hour bounds how stale those may be on another replica, and still spares W&B every repeated
 * lookup of a pinned version (`model:v3` in a deployment's config) across the fleet.
 */
export const sharedVersionTtlMs = 60 * 60 * 1000;

/** The kind of the store's version entries (see `storeKey`). */
const kind = "artifact-version";
const operation = "shared cache";
const versionNumber = /^v\d+$/;

/** One client's reads and writes of artifact versions in the shared store. */
export class SharedVersions {
  constructor(private readonly entries: SharedEntries) {}

  /** Whether a lookup of `ref` asks the store first: by version number, while the store is in use. */
  serves(ref: ArtifactRef): boolean {
    return versionNumber.test(ref.alias) && this.entries.usable;
  }

  /**
   * What the store holds for each path (`entity/project/name:vN`, as the loader formats a ref),
   * read as from W&B, in order; `undefined` for a miss.
   */
  async lookupMany(paths: readonly string[]): Promise<Array<ArtifactVersion | undefined>> {
    const nodes = await this.entries.getMany(kind, paths);
    return paths.map((path, index) => readVersion(path, nodes[index]));
  }

  /**
   * Writes a version W&B sent, under its own number whatever name it was asked by; never waits on
   * the store. Only a committed version: a pending one's files are not final.
   */
  save(node: ArtifactFieldsFragment, version: ArtifactVersion): void {
    if (version.state !== "COMMITTED") return;
    this.entries.set(kind, version.qualifiedName, node, sharedVersionTtlMs);
  }
}

/** A stored node read through W&B's reader; `undefined` unless it is the committed version `path` names. */
function readVersion(path: string, node: unknown): ArtifactVersion | undefined {
  if (node === undefined) return undefined;
  try {
    const version = toArtifactVersion(node as ArtifactFieldsFragment, { operation });
    return version?.qualifiedName === path && version.state === "COMMITTED" ? version : undefined;
  } catch {
    return undefined;
  }
}
