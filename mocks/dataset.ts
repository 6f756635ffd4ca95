/**
 * The in-memory W&B a mock serves, built once from run descriptions: projects, runs, users and
 * artifact versions, linked the way the schema links them. Also the GraphQL root value.
 */
import type {
  QueryArtifactArgs,
  QueryModelArgs,
  QueryModelsArgs,
  QueryProjectArgs,
} from "../src/_generated/schema-types.js";
import { type ArtifactNode, type ArtifactOwner, ArtifactRegistry } from "./artifact-nodes.js";
import { nodeConnection } from "./connections.js";
import type { FileStore } from "./file-store.js";
import { globalId } from "./ids.js";
import { EntityNode, ProjectNode } from "./project-node.js";
import { RunNode } from "./run-node.js";
import { toWireTime } from "./time.js";
import type { MockProject, MockRun, MockStandaloneArtifact, MockSweep, MockViewer } from "./types.js";
import { UserDirectory, type UserNode } from "./user-node.js";

/** The viewer when the options name none: the demo dataset's most active user. */
export const defaultViewer: MockViewer = {
  username: "john_doe",
  name: "John Doe",
  email: "john.doe@example.com",
  entity: "acme",
};

/** The user of a run whose description names none. */
const defaultRunUser = { username: "john_doe", name: "John Doe" };

/** What a dataset holds besides its runs. */
export interface DatasetParts {
  projects?: readonly MockProject[] | undefined;
  viewer?: MockViewer | null | undefined;
  artifacts?: readonly MockStandaloneArtifact[] | undefined;
  sweeps?: readonly MockSweep[] | undefined;
  /** Where every file's bytes live. */
  store: FileStore;
}

/** Everything one mock serves. */
export class MockDataset {
  readonly viewer: UserNode | null;
  private readonly projects = new Map<string, ProjectNode>();
  private readonly entities = new Map<string, EntityNode>();
  private readonly users = new UserDirectory();
  private readonly artifacts: ArtifactRegistry;
  private readonly store: FileStore;

  constructor(runs: readonly MockRun[], parts: DatasetParts) {
    const { projects = [], viewer, sweeps = [], store } = parts;
    this.store = store;
    this.artifacts = new ArtifactRegistry((entity, project) => this.ensureProject(entity, project), store);
    this.viewer = viewer === null ? null : this.users.viewer(viewer ?? defaultViewer);
    for (const project of projects) this.ensureProject(project.entity, project.project);
    const built = runs.map((description, serial) => {
      checkRun(description, serial);
      const project = this.ensureProject(description.entity, description.project);
      const userDescription = description.user === undefined ? defaultRunUser : description.user;
      const user = userDescription === null ? null : this.users.user(userDescription);
      const run = new RunNode(description, project, user, serial, store);
      project.addRun(run);
      return run;
    });
    for (const sweep of sweeps) this.ensureProject(sweep.entity, sweep.project).addSweep(sweep);
    for (const run of built) this.ensureSweepOf(run);
    // Artifacts after all runs, logged ones first, so a version takes its details from the run that
    // logged it rather than from one that only used it; ids follow description order.
    const owners = built.map((run) => ({
      entity: run.project.entityName,
      project: run.project.name,
      createdAt: artifactTime(run),
    }));
    runs.forEach((description, i) => {
      const run = built[i] as RunNode;
      for (const artifact of description.loggedArtifacts ?? []) {
        const version = this.artifacts.register(artifact, owners[i] as ArtifactOwner);
        run.logged.push(version);
        version.creator ??= run;
      }
    });
    for (const artifact of parts.artifacts ?? []) this.registerStandalone(artifact);
    runs.forEach((description, i) => {
      const run = built[i] as RunNode;
      for (const artifact of description.usedArtifacts ?? []) {
        const version = this.artifacts.register(artifact, owners[i] as ArtifactOwner);
        run.used.push({ version, usedAs: checkUsedAs(artifact.usedAs, run.path) });
        if (!version.users.includes(run)) version.users.push(run);
      }
    });
    // The viewer belongs to every entity a project lives in, registries' included.
    this.viewer?.teamList.push(...this.entities.values());
  }

  /** A version saved outside any run: created by a user. */
  private registerStandalone(description: MockStandaloneArtifact): ArtifactNode {
    for (const key of ["entity", "project"] as const) {
      if (typeof description?.[key] !== "string" || description[key] === "") {
        throw new TypeError(`a mock artifact outside a run needs ${key}`);
      }
    }
    const createdAt = toWireTime(description.createdAt ?? "2024-01-01T00:00:00", description.name);
    const version = this.artifacts.register(description, {
      entity: description.entity,
      project: description.project,
      createdAt,
    });
    version.creator ??= description.createdBy
      ? this.users.user(description.createdBy)
      : (this.viewer ?? this.users.user(defaultRunUser));
    return version;
  }

  /** A version by its GraphQL id, or `null`. */
  artifact(id: string): ArtifactNode | null {
    return this.artifacts.version(id);
  }

  /**
   * Changes a run as W&B would between two requests (its state, heartbeat, summary, …); later
   * requests see the new description. Its artifacts stay as they were described.
   */
  updateRun(path: string, changes: Partial<MockRun>): void {
    const [entity = "", project = "", id = ""] = path.split("/");
    const projectNode = this.projects.get(`${entity}/${project}`);
    const old = projectNode?.runNamed(id);
    if (!projectNode || !old || path.split("/").length !== 3) {
      throw new TypeError(`updateRun: no mock run ${JSON.stringify(path)} (give entity/project/id)`);
    }
    for (const key of ["entity", "project", "id", "loggedArtifacts", "usedArtifacts"] as const) {
      if (key in changes && changes[key] !== old.mockRun[key]) {
        throw new TypeError(`updateRun cannot change ${key}: describe it when the mock is made`);
      }
    }
    const description: MockRun = { ...old.mockRun, ...changes };
    const userDescription = description.user === undefined ? defaultRunUser : description.user;
    const user = userDescription === null ? null : this.users.user(userDescription);
    const next = new RunNode(description, projectNode, user, old.serial, this.store);
    if (!("files" in changes)) next.keepFilesOf(old);
    next.logged.push(...old.logged);
    next.used.push(...old.used);
    for (const { version } of old.used) {
      const index = version.users.indexOf(old);
      if (index >= 0) version.users[index] = next;
    }
    for (const version of old.logged) if (version.creator === old) version.creator = next;
    projectNode.replaceRun(next);
    this.ensureSweepOf(next);
  }

  /** A sweep with the defaults for a run naming one that no description gives. */
  private ensureSweepOf(run: RunNode): void {
    const project = this.ensureProject(run.project.entityName, run.project.name);
    if (run.sweepName && !project.hasSweep(run.sweepName)) {
      project.addSweep({ entity: project.entityName, project: project.name, name: run.sweepName });
    }
  }

  /** A project, or `null` when nothing lives in it (not-found is `null`, never an error). */
  project(entity: string, name: string): ProjectNode | null {
    return this.projects.get(`${entity}/${name}`) ?? null;
  }

  /** The projects of an entity, by name. */
  projectsOf(entity: string): ProjectNode[] {
    return [...this.projects.values()]
      .filter((project) => project.entityName === entity)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private ensureProject(entity: string, name: string): ProjectNode {
    const key = `${entity}/${name}`;
    let project = this.projects.get(key);
    if (!project) {
      let entityNode = this.entities.get(entity);
      if (!entityNode) {
        entityNode = new EntityNode(globalId(`Entity:${this.entities.size + 1}`), entity);
        this.entities.set(entity, entityNode);
      }
      project = new ProjectNode(name, entityNode, this.projects.size + 1, this.artifacts);
      this.projects.set(key, project);
    }
    return project;
  }

  /** The root value GraphQL executes against. */
  root(): QueryRoot {
    return new QueryRoot(this);
  }
}

/** `Query`: the viewer and projects; `entityName` defaults to the viewer's entity, as W&B does. */
export class QueryRoot {
  constructor(private readonly dataset: MockDataset) {}

  get viewer(): UserNode | null {
    return this.dataset.viewer;
  }

  project(args: QueryProjectArgs): ProjectNode | null {
    const entity = args.entityName ?? this.dataset.viewer?.entity;
    if (!args.name || !entity) return null;
    return this.dataset.project(entity, args.name);
  }

  model(args: QueryModelArgs): ProjectNode | null {
    return this.project(args);
  }

  artifact(args: QueryArtifactArgs): ArtifactNode | null {
    return this.dataset.artifact(args.id);
  }

  /** W&B's Python client asks 50 projects a page when it names no size. */
  models(args: QueryModelsArgs) {
    const entity = args.entityName ?? this.dataset.viewer?.entity;
    if (!entity) return null;
    const { edges, pageInfo } = nodeConnection(
      this.dataset.projectsOf(entity),
      args,
      `projects:${entity}`,
      50,
    );
    return { edges, pageInfo };
  }
}

function artifactTime(run: RunNode) {
  return { wire: run.heartbeatAt ?? run.createdAt, ms: run.heartbeatAtMs ?? run.createdAtMs };
}

function checkUsedAs(usedAs: readonly string[] | undefined, runPath: string): string[] {
  if (usedAs === undefined) return [];
  if (!Array.isArray(usedAs) || !usedAs.every((name) => typeof name === "string")) {
    throw new TypeError(`${runPath}: usedAs of a used artifact must be a list of strings`);
  }
  return [...usedAs];
}

function checkRun(description: MockRun, index: number): void {
  for (const key of ["entity", "project", "id"] as const) {
    const value = description?.[key];
    if (typeof value !== "string" || value === "" || value.includes("/")) {
      throw new TypeError(`mock run #${index} needs ${key}: a non-empty string without "/"`);
    }
  }
}
