/** The `Artifact` handle: a version's name, and a link to the client that made it. */
import type { ArtifactRef } from "./artifact-paths.js";
import { formatArtifactPath } from "./artifact-paths.js";
import type { SharedEntries } from "./cache/shared-entries.js";
import { InvalidArgumentError } from "./errors.js";
import type { FileClient } from "./files/file-client.js";
import type { ArtifactLoader } from "./loaders/artifact-loader.js";
import type { RunRef } from "./paths.js";
import { describeNotHandle, type Run } from "./run.js";
import type { Transport } from "./transport/http-transport.js";

/** @internal What a handle carries besides its name. */
export interface ArtifactContext {
  artifacts: ArtifactLoader;
  transport: Transport;
  files: FileClient;
  /** A Run handle of the same client. */
  makeRun(ref: RunRef): Run;
  /** The fleet's shared store, when the client has one (manifests are shared by digest). */
  shared?: SharedEntries | undefined;
}

// Kept out of the object itself so a handle logs, inspects and serializes as its name only.
const contexts = new WeakMap<Artifact, ArtifactContext>();

/**
 * An artifact version as `client.artifact(path)` hands it out: a name, not yet a version. Making
 * one sends nothing; `artifactVersion(art)` resolves the name (an alias such as `latest` names
 * whichever version carries it when asked), and the other artifact operations work from there.
 *
 * @example
 * ```ts
 * const art = wb.artifact("acme/vision/model:production");
 * art.path;  // "acme/vision/model:production"
 * art.alias; // "production"
 * const version = await artifactVersion(art); // { name: "model", version: 5, … }
 * ```
 */
export class Artifact implements ArtifactRef {
  /** Entity of the project the name is looked up in. */
  readonly entity: string;
  /** Project the name is looked up in. */
  readonly project: string;
  /** The collection name, e.g. `"model"`. */
  readonly name: string;
  /** The alias as given, e.g. `"latest"`, `"v3"`, `"production"`. */
  readonly alias: string;
  /** `entity/project/name:alias`. */
  readonly path: string;

  /** @internal Use `client.artifact()`. */
  constructor(ref: ArtifactRef, context: ArtifactContext) {
    this.entity = ref.entity;
    this.project = ref.project;
    this.name = ref.name;
    this.alias = ref.alias;
    this.path = formatArtifactPath(ref);
    contexts.set(this, context);
  }

  toString(): string {
    return this.path;
  }
}

/** @internal The context of a handle; throws when `artifact` did not come from a client. */
export function artifactContextOf(artifact: unknown, operation: string): ArtifactContext {
  const context =
    typeof artifact === "object" && artifact !== null ? contexts.get(artifact as Artifact) : undefined;
  if (!context) {
    const got = describeNotHandle(artifact, "Artifact", "client.artifact");
    throw new InvalidArgumentError(
      `${operation} expects an Artifact from client.artifact(path), got ${got}`,
      {
        operation,
      },
    );
  }
  return context;
}
