/**
 * The mocks check their options as `createClient` checks its own: a name they do not know, or a
 * value of the wrong kind, throws at once, naming it (and the names they know), so a typo fails
 * the test that made it instead of silently serving the demo data, or no faults. The mocks do not
 * depend on the SDK, so the errors are JavaScript's own: `TypeError` for names and kinds,
 * `RangeError` for numbers out of range (`faults.ts`).
 */
import type {
  MockArtifact,
  MockFaults,
  MockFileFaults,
  MockHistoryExport,
  MockProject,
  MockRateLimit,
  MockRun,
  MockRunFile,
  MockStandaloneArtifact,
  MockSweep,
  MockUser,
  MockViewer,
  MockWandbOptions,
} from "./types.js";

type Names = readonly string[];

/**
 * The names of `T`'s fields, from a record that must list each of them exactly once: adding a field
 * to a type in types.ts without adding it here fails to compile, so the check never refuses a
 * documented option.
 */
function namesOf<T>(fields: Record<keyof T, true>): Names {
  return Object.keys(fields);
}

const optionNames = namesOf<MockWandbOptions>({
  runs: true,
  sweeps: true,
  projects: true,
  apiKey: true,
  faults: true,
  viewer: true,
  serverLacks: true,
  artifacts: true,
});
const faultNames = namesOf<MockFaults>({
  seed: true,
  latencyMs: true,
  rateLimit: true,
  serverErrorRate: true,
  dropRate: true,
  truncateRate: true,
  files: true,
});
const fileFaultNames = namesOf<MockFileFaults>({
  expiredUrl: true,
  cutBody: true,
  corruptBody: true,
  paths: true,
  manifests: true,
});
const rateLimitNames = namesOf<MockRateLimit>({
  firstRequests: true,
  burstEvery: true,
  burstLength: true,
  retryAfterSeconds: true,
  retryAfterFormat: true,
});
const runNames = namesOf<MockRun>({
  entity: true,
  project: true,
  id: true,
  displayName: true,
  state: true,
  createdAt: true,
  heartbeatAt: true,
  updatedAt: true,
  jobType: true,
  tags: true,
  group: true,
  notes: true,
  sweepName: true,
  commit: true,
  host: true,
  user: true,
  config: true,
  summary: true,
  systemMetrics: true,
  systemHistory: true,
  history: true,
  loggedArtifacts: true,
  usedArtifacts: true,
  files: true,
  configRaw: true,
  summaryRaw: true,
  historyRaw: true,
  logs: true,
  logPageLimit: true,
  historyExport: true,
});
const artifactFields: Record<keyof MockArtifact, true> = {
  name: true,
  type: true,
  version: true,
  aliases: true,
  size: true,
  digest: true,
  fileCount: true,
  description: true,
  metadata: true,
  createdAt: true,
  entity: true,
  project: true,
  tags: true,
  otherCollectionAliases: true,
  usedAs: true,
  files: true,
};
const artifactNames = namesOf<MockArtifact>(artifactFields);
const standaloneArtifactNames = namesOf<MockStandaloneArtifact>({ ...artifactFields, createdBy: true });
const historyExportNames = namesOf<MockHistoryExport>({
  throughStep: true,
  stepType: true,
  files: true,
  rowGroupSize: true,
  corrupt: true,
});
const runFileNames = namesOf<MockRunFile>({ name: true, content: true, mimetype: true, updatedAt: true });
// A stored file or a reference entry: one list of names serves both (the mock tells them apart by `ref`).
const artifactFileNames = ["path", "content", "ref", "digest", "size"] as const;
const userNames = namesOf<MockUser>({ username: true, name: true, email: true, id: true });
const viewerNames = namesOf<MockViewer>({
  username: true,
  name: true,
  email: true,
  id: true,
  entity: true,
  admin: true,
});
const sweepNames = namesOf<MockSweep>({
  entity: true,
  project: true,
  name: true,
  displayName: true,
  state: true,
  method: true,
  config: true,
  bestLoss: true,
  description: true,
  runCountExpected: true,
  createdAt: true,
});
const projectNames = namesOf<MockProject>({ entity: true, project: true });

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** An object naming only `names`; `what` says where it sits, for the message. */
function checkObject(value: unknown, names: Names, what: string): Record<string, unknown> {
  if (!isRecord(value)) throw new TypeError(`${what} must be an object`);
  for (const name of Object.keys(value)) {
    if (!names.includes(name)) {
      throw new TypeError(
        `${what}: unknown option ${JSON.stringify(name)}; known options: ${names.join(", ")}`,
      );
    }
  }
  return value;
}

function checkList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array`);
  return value;
}

function checkKind(value: unknown, kinds: readonly string[], what: string): void {
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (value !== undefined && !kinds.includes(kind) && !(kinds.includes("date") && value instanceof Date)) {
    throw new TypeError(`${what} must be ${kinds.join(" or ")}, got ${kind}`);
  }
}

/** Checks the options of `createMockWandb` or `startMockServer` (`extraNames`: its own, e.g. `port`). */
export function checkMockOptions(options: unknown, caller: string, extraNames: Names = []): MockWandbOptions {
  const checked = checkObject(options, [...optionNames, ...extraNames], caller);
  if (checked.runs !== undefined) {
    checkList(checked.runs, `${caller}: runs`).forEach((run, index) => {
      checkRun(run, `${caller}: runs[${index}]`);
    });
  }
  if (checked.sweeps !== undefined) {
    checkList(checked.sweeps, `${caller}: sweeps`).forEach((sweep, index) => {
      checkObject(sweep, sweepNames, `${caller}: sweeps[${index}]`);
    });
  }
  if (checked.projects !== undefined) {
    checkList(checked.projects, `${caller}: projects`).forEach((project, index) => {
      checkObject(project, projectNames, `${caller}: projects[${index}]`);
    });
  }
  checkKind(checked.apiKey, ["string"], `${caller}: apiKey`);
  if (checked.viewer !== undefined && checked.viewer !== null) {
    checkObject(checked.viewer, viewerNames, `${caller}: viewer`);
  }
  if (checked.faults !== undefined) {
    const faults = checkObject(checked.faults, faultNames, `${caller}: faults`);
    for (const name of ["seed", "serverErrorRate", "dropRate", "truncateRate"]) {
      checkKind(faults[name], ["number"], `${caller}: faults.${name}`);
    }
    if (!isRecord(faults.latencyMs)) checkKind(faults.latencyMs, ["number"], `${caller}: faults.latencyMs`);
    else checkObject(faults.latencyMs, ["min", "max"], `${caller}: faults.latencyMs`);
    if (faults.rateLimit !== undefined) {
      checkObject(faults.rateLimit, rateLimitNames, `${caller}: faults.rateLimit`);
    }
    if (faults.files !== undefined) {
      const files = checkObject(faults.files, fileFaultNames, `${caller}: faults.files`);
      for (const name of ["expiredUrl", "cutBody", "corruptBody"]) {
        checkKind(files[name], ["number"], `${caller}: faults.files.${name}`);
      }
      checkKind(files.paths, ["array"], `${caller}: faults.files.paths`);
      checkKind(files.manifests, ["boolean"], `${caller}: faults.files.manifests`);
    }
  }
  if (checked.serverLacks !== undefined) checkList(checked.serverLacks, `${caller}: serverLacks`);
  if (checked.artifacts !== undefined) {
    checkList(checked.artifacts, `${caller}: artifacts`).forEach((artifact, index) => {
      checkArtifact(artifact, standaloneArtifactNames, `${caller}: artifacts[${index}]`);
    });
  }
  return checked as MockWandbOptions;
}

function checkArtifact(value: unknown, names: Names, what: string): void {
  const artifact = checkObject(value, names, what);
  if (artifact.files === undefined) return;
  checkList(artifact.files, `${what}.files`).forEach((file, index) => {
    checkObject(file, artifactFileNames, `${what}.files[${index}]`);
  });
}

function checkRun(value: unknown, what: string): void {
  const run = checkObject(value, runNames, what);
  for (const name of ["config", "summary", "systemMetrics"]) {
    if (run[name] !== undefined && !isRecord(run[name]))
      throw new TypeError(`${what}.${name} must be an object`);
  }
  for (const name of ["tags", "history", "historyRaw", "logs"])
    checkKind(run[name], ["array", "null"], `${what}.${name}`);
  checkKind(run.logPageLimit, ["number"], `${what}.logPageLimit`);
  for (const name of ["createdAt", "heartbeatAt", "updatedAt"]) {
    checkKind(run[name], ["string", "date", "null"], `${what}.${name}`);
  }
  if (run.user !== undefined && run.user !== null) checkObject(run.user, userNames, `${what}.user`);
  for (const name of ["loggedArtifacts", "usedArtifacts"]) {
    if (run[name] === undefined) continue;
    checkList(run[name], `${what}.${name}`).forEach((artifact, index) => {
      checkArtifact(artifact, artifactNames, `${what}.${name}[${index}]`);
    });
  }
  if (run.files !== undefined) {
    checkList(run.files, `${what}.files`).forEach((file, index) => {
      checkObject(file, runFileNames, `${what}.files[${index}]`);
    });
  }
  if (run.historyExport !== undefined) {
    const exported = checkObject(run.historyExport, historyExportNames, `${what}.historyExport`);
    for (const name of ["throughStep", "files", "rowGroupSize"]) {
      checkKind(exported[name], ["number"], `${what}.historyExport.${name}`);
    }
    checkKind(exported.stepType, ["string"], `${what}.historyExport.stepType`);
    checkKind(exported.corrupt, ["string"], `${what}.historyExport.corrupt`);
  }
}
