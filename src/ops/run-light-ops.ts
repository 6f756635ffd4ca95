/**
 * Operations on a run's light fields. All of them share one field group, so any mix of them over
 * many runs costs one batched request per 50 runs, and none on a run a runs page yielded.
 */
import { contextOf, type Run } from "../run.js";
import type { LightFields, RunState, User } from "../wire/run-fields.js";
import { checkOptions, type OperationOptions, rejectThrown } from "./operation-options.js";

/** One value picked from the run's light fields, as the load's own answer (no promise more). */
function lightField<T>(
  run: Run,
  options: OperationOptions | undefined,
  operation: string,
  pick: (light: LightFields) => T,
): Promise<T> {
  return rejectThrown(() => {
    const context = contextOf(run, operation);
    const checked = checkOptions(options, operation);
    return context.loader.light(run, checked, context.primed, pick);
  });
}

/**
 * The run's name as W&B shows it: its display name (`"eager-fox-1"`), or the run ID when it has
 * none. The unique ID is `run.id`.
 *
 * @param run - The W&B run to get name from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Display Run Names
 * ```ts
 * const names = await Promise.all(runs.map((run) => runName(run)));
 * for (const name of names) {
 *   console.log(`Run: ${name}`);
 * }
 * ```
 *
 * @see
 * - {@link Run} - Run type definition
 */
export function runName(run: Run, options?: OperationOptions): Promise<string> {
  return lightField(run, options, "runName", (light) => light.displayName ?? run.id);
}

/**
 * When the run was created. W&B sends the time without a zone; it is UTC, and the `Date` is right
 * in every time zone.
 *
 * @param run - The W&B run to get creation time from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Filter Recent Runs
 * ```ts
 * const oneWeekAgo = new Date();
 * oneWeekAgo.setDate(oneWeekAgo.getDate() - 7);
 * const created = await Promise.all(runs.map((run) => runCreatedAt(run)));
 * const recentRuns = runs.filter((_, i) => created[i] > oneWeekAgo);
 * ```
 *
 * @example Sort Chronologically
 * ```ts
 * const created = new Map(await Promise.all(runs.map(async (run) => [run, await runCreatedAt(run)] as const)));
 * const sortedRuns = [...runs].sort((a, b) => created.get(a)!.getTime() - created.get(b)!.getTime());
 * ```
 *
 * @example Group by Date
 * ```ts
 * const created = await Promise.all(runs.map((run) => runCreatedAt(run)));
 * const runsByDate: Record<string, Run[]> = {};
 * runs.forEach((run, i) => {
 *   const date = created[i].toDateString();
 *   (runsByDate[date] ??= []).push(run);
 * });
 * ```
 *
 * @see
 * - {@link runHeartbeatAt} - For last activity time
 * - {@link runRuntime} - For run duration
 */
export function runCreatedAt(run: Run, options?: OperationOptions): Promise<Date> {
  return lightField(run, options, "runCreatedAt", (light) => new Date(light.createdAt.getTime()));
}

/**
 * When the run last sent a heartbeat (for a finished run, about when it finished); `null` when it
 * never sent one (a pending run, say).
 *
 * @param run - The W&B run to get heartbeat from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Check if Run is Active
 * ```ts
 * const isActive = async (run: Run) => {
 *   const lastHeartbeat = await runHeartbeatAt(run);
 *   const fiveMinutesAgo = new Date(Date.now() - 5 * 60 * 1000);
 *   return lastHeartbeat !== null && lastHeartbeat > fiveMinutesAgo;
 * };
 * ```
 *
 * @see
 * - {@link runCreatedAt} - For run start time
 * - {@link runRuntime} - For total run duration
 */
export function runHeartbeatAt(run: Run, options?: OperationOptions): Promise<Date | null> {
  return lightField(run, options, "runHeartbeatAt", (light) =>
    light.heartbeatAt ? new Date(light.heartbeatAt.getTime()) : null,
  );
}

/**
 * Seconds from creation to the last heartbeat, as the W&B run-operations page defines it; `0` for a
 * run without a heartbeat. It counts wall time, so a run paused and resumed counts the pause too.
 *
 * @param run - The W&B run to calculate runtime for
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Display Runtime
 * ```ts
 * const runtime = await runRuntime(myRun);
 * const hours = Math.floor(runtime / 3600);
 * const minutes = Math.floor((runtime % 3600) / 60);
 * console.log(`Runtime: ${hours}h ${minutes}m`);
 * ```
 *
 * @example Filter Long-Running Experiments
 * ```ts
 * const runtimes = await Promise.all(runs.map((run) => runRuntime(run)));
 * const longRuns = runs.filter((_, i) => runtimes[i] > 3600); // More than 1 hour
 * ```
 *
 * @see
 * - {@link runCreatedAt} - For start time
 * - {@link runHeartbeatAt} - For end/current time
 */
export function runRuntime(run: Run, options?: OperationOptions): Promise<number> {
  return lightField(run, options, "runRuntime", (light) => {
    if (!light.heartbeatAt) return 0;
    return Math.max(0, (light.heartbeatAt.getTime() - light.createdAt.getTime()) / 1000);
  });
}

/**
 * The run's job type (`"train"`, `"eval"`, …); `undefined` when none was set (never a default).
 *
 * @param run - The W&B run to get job type from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Filter by Job Type
 * ```ts
 * const jobTypes = await Promise.all(runs.map((run) => runJobType(run)));
 * const trainingRuns = runs.filter((_, i) => jobTypes[i] === "train");
 * const evalRuns = runs.filter((_, i) => jobTypes[i] === "eval");
 * ```
 *
 * @see
 * - {@link Run} - Run type definition
 */
export function runJobType(run: Run, options?: OperationOptions): Promise<string | undefined> {
  return lightField(run, options, "runJobType", (light) => light.jobType ?? undefined);
}

/**
 * The user who created the run; `null` when the server has none for it. Its `email` is not read
 * (W&B may hide it for users other than the viewer).
 *
 * @param run - The W&B run to get user from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Filter by User
 * ```ts
 * const users = await Promise.all(runs.map((run) => runUser(run)));
 * const myRuns = runs.filter((_, i) => users[i]?.username === "john_doe");
 * ```
 *
 * @example Group Runs by User
 * ```ts
 * const users = await Promise.all(runs.map((run) => runUser(run)));
 * const runsByUser: Record<string, Run[]> = {};
 * runs.forEach((run, i) => {
 *   const user = users[i]?.username ?? "(none)";
 *   (runsByUser[user] ??= []).push(run);
 * });
 * ```
 *
 * @see
 * - {@link User} - User type definition
 */
export function runUser(run: Run, options?: OperationOptions): Promise<User | null> {
  return lightField(run, options, "runUser", (light) => (light.user ? { ...light.user } : null));
}

/**
 * The run's state (`"running"`, `"finished"`, `"crashed"`, `"failed"`, …); `undefined` when the
 * server has none.
 *
 * @param run - The W&B run to get state from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Fail a CI Step Unless the Run Finished
 * ```ts
 * if ((await runState(run)) !== "finished") process.exitCode = 1;
 * ```
 *
 * @see
 * - {@link runHeartbeatAt} - For last activity time
 * - {@link RunState} - Run state type definition
 */
export function runState(run: Run, options?: OperationOptions): Promise<RunState | undefined> {
  return lightField(run, options, "runState", (light) => light.state ?? undefined);
}

/**
 * The run's tags; `[]` when it has none.
 *
 * @param run - The W&B run to get tags from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Check for a Tag
 * ```ts
 * const baseline = (await runTags(run)).includes("baseline");
 * ```
 *
 * @see
 * - {@link runGroup} - For the run's group
 * - {@link client!RunQueryOptions.filters | RunQueryOptions.filters} - To list only runs with a tag (`{ tags: "baseline" }`)
 */
export function runTags(run: Run, options?: OperationOptions): Promise<string[]> {
  return lightField(run, options, "runTags", (light) => [...light.tags]);
}

/**
 * The run's group; `undefined` when it belongs to none.
 *
 * @param run - The W&B run to get group from
 * @param options - `signal`: rejects this call at once when aborted; `fresh`: ask the server even
 * when the client's cache could answer.
 *
 * @example Label Ungrouped Runs
 * ```ts
 * const group = (await runGroup(run)) ?? "(ungrouped)";
 * ```
 *
 * @see
 * - {@link runTags} - For the run's tags
 * - {@link runJobType} - For the run's job type
 */
export function runGroup(run: Run, options?: OperationOptions): Promise<string | undefined> {
  return lightField(run, options, "runGroup", (light) => light.group ?? undefined);
}
