/**
 * The field groups of the batch document, one entry each: what a load of the group asks for, how
 * the asks of many loads unite into one selection, the variables that switch the selection on,
 * how the answer is read, kept in the cache and handed out. The planner, the ingester and the
 * cache know the groups only through this table, so a new group is one entry here, beside its
 * field in `queries/runs-by-name.graphql` and its reader in `src/wire/`.
 */
import { type FieldNode, Kind } from "graphql";
import {
  type RunLightFieldsFragment,
  RunLightFieldsFragmentDoc,
  type RunsByNameQuery,
  type RunsByNameQueryVariables,
} from "../_generated/graphql.js";
import type { RunHandle } from "../paths.js";
import type { Transport } from "../transport/http-transport.js";
import { cleanSummary, readJsonObject, unwrapConfig } from "../wire/fields.js";
import {
  downsample,
  type HistoryRow,
  readHistoryRows,
  readSampledRows,
  type SampledSpec,
  sortByStep,
  specText,
  zipRows,
} from "../wire/history.js";
import type { JsonObject } from "../wire/json.js";
import {
  type HistoryKeys,
  readHistoryKeys,
  readSystemRows,
  type SystemMetricsRow,
} from "../wire/run-extras.js";
import { type LightFields, readLightFields } from "../wire/run-fields.js";
import { type ArtifactDirection, type ArtifactVersionOf, readArtifactVersions } from "./artifact-pages.js";
import { coversKeys, keysWithin, mergeProjected, type ProjectedObject, pickKeys } from "./run-cache.js";

export type { RunHandle } from "../paths.js";

/** One run of a batch answer, as the generated types see it. */
export type RunNode = NonNullable<NonNullable<RunsByNameQuery["project"]>["runs"]>["edges"][number]["node"];

/** The variables of one part of the batch document (one project's runs). */
export type PartVariables = RunsByNameQueryVariables;

/** What reading a run node needs besides the node. */
export interface ReadContext {
  run: RunHandle;
  operation: string;
  /** For the groups whose answer goes on over further pages. */
  transport: Transport;
  /** Where the node sits in the answer, e.g. `p1.runs.edges.3.node`, for error messages. */
  path: string;
}

/**
 * One field group. `TNeed` is what a load asks besides the group's name, `TCoverage` what the
 * loads of one request ask together (and what a request in flight answers), `TValue` what the
 * cache keeps, `TAnswer` what a load gets.
 */
export interface GroupSpec<TNeed, TCoverage, TValue, TAnswer> {
  /** The fields of a run node that answer the group: a GraphQL error on one fails this group only. */
  readonly wireFields: readonly string[];
  /**
   * For a group whose field takes an argument per request part (a sample cap): the value a need
   * asks for. A run asked for two values goes in two parts; its other loads ride with the first.
   */
  cap?(need: TNeed): number | undefined;
  /** Adds one load's ask to what a request asks (`undefined`: nothing yet). */
  cover(coverage: TCoverage | undefined, need: TNeed): TCoverage;
  /** Whether a request asking `coverage` answers `need`. */
  covers(coverage: TCoverage | undefined, need: TNeed): boolean;
  /** The group's document variables, switched off for `undefined`. */
  variables(coverage: TCoverage | undefined): Partial<PartVariables>;
  /** Reads the group from a run node; a promise when the answer goes on over further pages. */
  read(node: RunNode, coverage: TCoverage, context: ReadContext): TValue | Promise<TValue>;
  /** Adds what an answer brought to what the cache knew. */
  merge(known: TValue | undefined, fetched: TValue): TValue;
  /** A load's answer from what is known; `undefined` when that does not answer it. */
  answer(known: TValue, need: TNeed): TAnswer | undefined;
}

/** A group that is either asked for or not, with nothing to unite (light fields, artifacts). */
function flagGroup<TValue, TAnswer = TValue>(spec: {
  wireFields: readonly string[];
  variable: keyof PartVariables;
  read(node: RunNode, context: ReadContext): TValue | Promise<TValue>;
  answer?(known: TValue): TAnswer;
}): GroupSpec<object, true, TValue, TAnswer> {
  return {
    wireFields: spec.wireFields,
    cover: () => true,
    covers: (coverage) => coverage === true,
    variables: (coverage) => ({ [spec.variable]: coverage === true }),
    read: (node, _coverage, context) => spec.read(node, context),
    merge: (_known, fetched) => fetched,
    answer: spec.answer ?? ((known) => known as unknown as TAnswer),
  };
}

/** What a request asks of a projectable object: all of it, or these top-level keys. */
export type KeysCoverage = true | Set<string>;

/**
 * A JSONString object the server can project with `keys` (config, summary): the whole field, or an
 * aliased projection of it; the keys asked by the loads of one request are united, and one load
 * that wants the whole object makes the request fetch the whole object.
 */
function projectedGroup(spec: {
  field: "config" | "summaryMetrics";
  subset: "configSubset" | "summarySubset";
  variables: { whole: keyof PartVariables; subset: keyof PartVariables; keys: keyof PartVariables };
  specialStrings: boolean;
  clean(wire: JsonObject): JsonObject;
}): GroupSpec<{ keys: readonly string[] | undefined }, KeysCoverage, ProjectedObject, JsonObject> {
  return {
    wireFields: [spec.field, spec.subset],
    cover: (coverage, { keys }) => {
      if (coverage === true || keys === undefined) return true;
      const union = coverage ?? new Set<string>();
      for (const key of keys) union.add(key);
      return union;
    },
    covers: (coverage, { keys }) => keysWithin(coverage, keys),
    variables: (coverage) => ({
      [spec.variables.whole]: coverage === true,
      [spec.variables.subset]: coverage instanceof Set,
      [spec.variables.keys]: coverage instanceof Set ? [...coverage].sort() : null,
    }),
    read: (node, coverage, { run, operation }) => {
      const whole = coverage === true;
      const raw = whole ? node[spec.field] : node[spec.subset];
      const wire = readJsonObject(
        raw,
        { field: spec.field, runPath: run.path, operation },
        { specialStrings: spec.specialStrings },
      );
      // The request's own key set: nothing changes it once the request is planned.
      return { full: whole, keys: whole ? noKeys : coverage, value: spec.clean(wire) };
    },
    merge: mergeProjected,
    answer: (known, { keys }) => (coversKeys(known, keys) ? pickKeys(known, keys) : undefined),
  };
}

// A whole object's key set is never read (`full` answers every key) nor changed: one serves all.
const noKeys: ReadonlySet<string> = new Set();

/** A history request: the keys (undefined: every key, server-sampled) and the sample cap. */
export interface HistoryRequest {
  keys: readonly string[] | undefined;
  samples: number;
}

/** What a request asks of history: server-sampled rows of every key, and one spec per key. */
export interface HistoryCoverage {
  /** `history(samples:)` is one field per request part, so one sample cap per part. */
  plainSamples: number | undefined;
  specs: Map<string, SampledSpec>;
}

/** History as the cache keeps it: sampled rows per sample cap, and per spec (one key each). */
export interface HistoryValue {
  plain: Map<number, HistoryRow[]>;
  specs: Map<string, HistoryRow[]>;
}

function specId(spec: SampledSpec): string {
  return `${spec.samples}|${spec.key}`;
}

const historyGroup: GroupSpec<{ request: HistoryRequest }, HistoryCoverage, HistoryValue, HistoryRow[]> = {
  wireFields: ["history", "sampledHistory"],
  cap: ({ request }) => (request.keys === undefined ? request.samples : undefined),
  cover: (coverage, { request }) => {
    const next = coverage ?? { plainSamples: undefined, specs: new Map() };
    if (request.keys === undefined) next.plainSamples = request.samples;
    for (const key of request.keys ?? []) {
      const spec = { key, samples: request.samples };
      next.specs.set(specId(spec), spec);
    }
    return next;
  },
  covers: (coverage, { request }) => {
    if (!coverage) return false;
    const { keys, samples } = request;
    if (keys === undefined) return coverage.plainSamples === samples;
    return keys.every((key) => coverage.specs.has(specId({ key, samples })));
  },
  variables: (coverage) => ({
    withHistory: coverage?.plainSamples !== undefined,
    historySamples: coverage?.plainSamples ?? null,
    withSampledHistory: (coverage?.specs.size ?? 0) > 0,
    historySpecs: coverage ? [...coverage.specs.values()].map(specText) : [],
  }),
  read: (node, coverage, { run, operation }) => {
    const value: HistoryValue = { plain: new Map(), specs: new Map() };
    if (coverage.plainSamples !== undefined) {
      value.plain.set(coverage.plainSamples, sortByStep(readHistoryRows(node.history, run.path, operation)));
    }
    const sampled = (node.sampledHistory ?? []) as unknown[];
    let index = 0;
    for (const id of coverage.specs.keys()) {
      const rows = sampled[index++];
      value.specs.set(id, readSampledRows(Array.isArray(rows) ? rows : [], run.path, operation));
    }
    return value;
  },
  merge: (known, fetched) => {
    if (!known) return fetched;
    for (const [samples, rows] of fetched.plain) known.plain.set(samples, rows);
    for (const [id, rows] of fetched.specs) known.specs.set(id, rows);
    return known;
  },
  answer: (known, { request }) => {
    const { keys, samples } = request;
    if (keys === undefined) {
      const rows = known.plain.get(samples);
      return rows && downsample(rows, samples).slice();
    }
    const perKey: HistoryRow[][] = [];
    for (const key of keys) {
      const rows = known.specs.get(specId({ key, samples }));
      if (!rows) return undefined;
      perKey.push(rows);
    }
    return downsample(zipRows(perKey), samples);
  },
};

/** System-metric rows (`Run.events(samples:)`), kept per sample cap; one cap per request part. */
const eventsGroup: GroupSpec<
  { samples: number },
  number,
  Map<number, SystemMetricsRow[]>,
  SystemMetricsRow[]
> = {
  wireFields: ["events"],
  cap: ({ samples }) => samples,
  cover: (_coverage, { samples }) => samples,
  covers: (coverage, { samples }) => coverage === samples,
  variables: (coverage) => ({ withEvents: coverage !== undefined, eventsSamples: coverage ?? null }),
  read: (node, samples, { run, operation }) =>
    new Map([[samples, readSystemRows(node.events, { field: "events", runPath: run.path, operation })]]),
  merge: (known, fetched) => {
    if (!known) return fetched;
    for (const [samples, rows] of fetched) known.set(samples, rows);
    return known;
  },
  answer: (known, { samples }) => known.get(samples)?.slice(),
};

// The light fields are the fragment's; a field added to it is attributed here without more work.
const lightFieldNames = RunLightFieldsFragmentDoc.definitions.flatMap((definition) =>
  definition.kind === Kind.FRAGMENT_DEFINITION
    ? definition.selectionSet.selections
        .filter((selection): selection is FieldNode => selection.kind === Kind.FIELD)
        .map((field) => field.alias?.value ?? field.name.value)
        .filter((name) => name !== "name")
    : [],
);

function artifactGroup<D extends ArtifactDirection>(direction: D) {
  return flagGroup<Array<ArtifactVersionOf<D>>>({
    wireFields: [direction],
    variable: direction === "outputArtifacts" ? "withOutputArtifacts" : "withInputArtifacts",
    read: (node, context) => readArtifactVersions(node[direction], { ...context, direction }),
    answer: (versions) => versions.slice(),
  });
}

/** Every field group, by the name loads ask for it with. */
export const fieldGroups = {
  light: flagGroup<LightFields>({
    wireFields: lightFieldNames,
    variable: "withLight",
    read: (node, { run, operation }) => readLightFields(node as RunLightFieldsFragment, run.path, operation),
  }),
  config: projectedGroup({
    field: "config",
    subset: "configSubset",
    variables: { whole: "withConfig", subset: "withConfigKeys", keys: "configKeys" },
    specialStrings: false,
    clean: unwrapConfig,
  }),
  summary: projectedGroup({
    field: "summaryMetrics",
    subset: "summarySubset",
    variables: { whole: "withSummary", subset: "withSummaryKeys", keys: "summaryKeys" },
    specialStrings: true,
    clean: cleanSummary,
  }),
  outputArtifacts: artifactGroup("outputArtifacts"),
  inputArtifacts: artifactGroup("inputArtifacts"),
  history: historyGroup,
  // Boxed, so that a run without notes (null) reads apart from "not fetched".
  notes: flagGroup<{ value: string | null }>({
    wireFields: ["notes"],
    variable: "withNotes",
    read: (node) => ({ value: node.notes ?? null }),
  }),
  systemMetrics: flagGroup<JsonObject>({
    wireFields: ["systemMetrics"],
    variable: "withSystemMetrics",
    read: (node, { run, operation }) =>
      readJsonObject(
        node.systemMetrics,
        { field: "systemMetrics", runPath: run.path, operation },
        { specialStrings: true },
      ),
  }),
  historyKeys: flagGroup<HistoryKeys>({
    wireFields: ["historyKeys"],
    variable: "withHistoryKeys",
    read: (node, { run, operation }) =>
      readHistoryKeys(node.historyKeys, { field: "historyKeys", runPath: run.path, operation }),
  }),
  events: eventsGroup,
};

/** The groups asked for whole or not at all that are one field of the run. */
export type FlagGroup = "notes" | "systemMetrics" | "historyKeys";

/** The name of a field group. */
export type FieldGroup = keyof typeof fieldGroups;

type SpecOf<G extends FieldGroup> = (typeof fieldGroups)[G];
type Parts<G extends FieldGroup> =
  SpecOf<G> extends GroupSpec<infer N, infer C, infer V, infer A>
    ? { need: N; coverage: C; value: V; answer: A }
    : never;
type NeedDetail<G extends FieldGroup> = Parts<G>["need"];
/** What a value of group `G` is in the cache. */
export type ValueOf<G extends FieldGroup> = Parts<G>["value"];
/** What a load of group `G` is answered with. */
export type AnswerOf<G extends FieldGroup> = Parts<G>["answer"];

/** What one load asks of one run: a group, and what the group's loads may add (keys, samples). */
export type Need = { [G in FieldGroup]: { group: G } & NeedDetail<G> }[FieldGroup];
/** The {@link Need} of group `G`. */
export type NeedOf<G extends FieldGroup> = Extract<Need, { group: G }>;

/** What one request asks of each group (absent: nothing). */
export type Coverage = { -readonly [G in FieldGroup]?: CoverageOf<G> };
type CoverageOf<G extends FieldGroup> = Parts<G>["coverage"];

/** Everything known of one run, by group. */
export type RunRecord = { -readonly [G in FieldGroup]?: ValueOf<G> };

/** The groups, in the table's order. */
export const groupNames = Object.keys(fieldGroups) as FieldGroup[];

/**
 * The table entry of a group, with its types erased: the callers below pass a group's own need,
 * coverage and value, which the union types cannot prove.
 */
export function specOf(group: FieldGroup): GroupSpec<object, unknown, unknown, unknown> {
  return fieldGroups[group] as unknown as GroupSpec<object, unknown, unknown, unknown>;
}

/** Which group a wire field of a run node answers; `undefined` for `name` and unknown fields. */
export const groupOfField: ReadonlyMap<string, FieldGroup> = new Map(
  groupNames.flatMap((group) => specOf(group).wireFields.map((field) => [field, group] as const)),
);

/** Whether a request asking `coverage` answers `need`. */
export function covers(coverage: Coverage, need: Need): boolean {
  return specOf(need.group).covers(coverage[need.group], need);
}

/** Adds `need` to `coverage`. */
export function addToCoverage(coverage: Coverage, need: Need): void {
  const current = coverage[need.group];
  // `true` asks for all a group has (a flag, or a whole object): nothing can widen it.
  if (current === true) return;
  (coverage as Record<FieldGroup, unknown>)[need.group] = specOf(need.group).cover(current, need);
}

/** The groups whose field takes a sample cap per request part (see {@link GroupSpec.cap}). */
export const cappedGroups = groupNames.filter((group) => specOf(group).cap !== undefined);

/** The cap a need asks for, when its group has one. */
export function capOf(need: Need): number | undefined {
  return specOf(need.group).cap?.(need);
}
