/** A run's light fields (GraphQL `RunLightFields`) and the viewer, read into clean values. */
import type { RunLightFieldsFragment } from "../_generated/graphql.js";
import {
  expectList,
  expectObject,
  expectOptionalString,
  expectString,
  type FieldSource,
  readOptionalTime,
  readTime,
  within,
} from "./fields.js";

/**
 * The user who created a run. `email` is not read for run owners (W&B may hide it); `client.viewer()`
 * has the viewer's.
 *
 * @example
 * ```ts
 * const user = await runUser(run); // { id: "VXNlcjox", username: "john_doe", name: "John Doe" } or null
 * const owner = user?.username ?? "(no user)";
 * ```
 */
export interface User {
  /** GraphQL id (base64). */
  id: string;
  username: string;
  /** Display name. */
  name: string | null;
  email?: string | null;
}

/** Run states W&B reports; unknown ones may appear, so any string is allowed. */
export type RunState =
  | "running"
  | "finished"
  | "crashed"
  | "failed"
  | "killed"
  | "preempting"
  | "preempted"
  | "pending"
  | (string & {});

/** @internal The light fields of one run, parsed. */
export interface LightFields {
  displayName: string | null;
  state: RunState | null;
  tags: string[];
  group: string | null;
  jobType: string | null;
  sweepName: string | null;
  createdAt: Date;
  heartbeatAt: Date | null;
  user: User | null;
}

/**
 * Reads a `RunLightFields` selection; throws WandbResponseError naming the run and the field for a
 * bad timestamp or a value of the wrong kind.
 */
export function readLightFields(
  node: RunLightFieldsFragment,
  runPath: string,
  operation: string,
): LightFields {
  // A root: each field is named by its step alone (`createdAt`), made only when its value is wrong.
  const at: FieldSource = { field: "", runPath, operation };
  const raw = expectObject(node, at, "run");
  const tags = raw.tags === null || raw.tags === undefined ? [] : expectList(raw.tags, at, "tags");
  return {
    displayName: expectOptionalString(raw.displayName, at, "displayName"),
    state: expectOptionalString(raw.state, at, "state"),
    tags: tags.map((tag, index) => expectString(tag, within(at, "tags"), index)),
    group: expectOptionalString(raw.group, at, "group"),
    jobType: expectOptionalString(raw.jobType, at, "jobType"),
    sweepName: expectOptionalString(raw.sweepName, at, "sweepName"),
    createdAt: readTime(raw.createdAt, at, "createdAt"),
    heartbeatAt: readOptionalTime(raw.heartbeatAt, at, "heartbeatAt"),
    user: raw.user === null || raw.user === undefined ? null : readUser(raw.user, at),
  };
}

function readUser(value: unknown, at: FieldSource): User {
  const user = expectObject(value, at, "user");
  return {
    id: expectString(user.id, at, "user.id"),
    // W&B's username is nullable in the schema but set for every real account; "" keeps the
    // documented `string` type honest without inventing a name.
    username: expectOptionalString(user.username, at, "user.username") ?? "",
    name: expectOptionalString(user.name, at, "user.name"),
  };
}

/** The user that owns the API key. */
export interface Viewer {
  id: string;
  username: string | null;
  name: string;
  email: string | null;
  /** The user's default entity. */
  entity: string | null;
}

/** Reads `Query.viewer`: `null` when the server knows no user for the key. */
export function readViewer(node: unknown, operation: string): Viewer | null {
  if (node === null || node === undefined) return null;
  const at = (field: string): FieldSource => ({ field: `viewer.${field}`, operation });
  const viewer = expectObject(node, { field: "viewer", operation });
  return {
    id: expectString(viewer.id, at("id")),
    username: expectOptionalString(viewer.username, at("username")),
    name: expectString(viewer.name, at("name")),
    email: expectOptionalString(viewer.email, at("email")),
    entity: expectOptionalString(viewer.entity, at("entity")),
  };
}
