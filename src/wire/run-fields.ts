/** A run's light fields (GraphQL `RunLightFields`) read into clean values. */
import type { RunLightFieldsFragment } from "../_generated/graphql.js";
import { readOptionalTime, readTime } from "./fields.js";

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

/** Reads a `RunLightFields` selection; throws WandbResponseError naming the run for a bad timestamp. */
export function readLightFields(
  node: RunLightFieldsFragment,
  runPath: string,
  operation: string,
): LightFields {
  const user = node.user;
  return {
    displayName: node.displayName,
    state: node.state,
    tags: node.tags ?? [],
    group: node.group,
    jobType: node.jobType,
    sweepName: node.sweepName,
    createdAt: readTime(node.createdAt, { field: "createdAt", runPath, operation }),
    heartbeatAt: readOptionalTime(node.heartbeatAt, { field: "heartbeatAt", runPath, operation }),
    // W&B's username is nullable in the schema but set for every real account; "" keeps the
    // documented `string` type honest without inventing a name.
    user: user ? { id: user.id, username: user.username ?? "", name: user.name } : null,
  };
}
