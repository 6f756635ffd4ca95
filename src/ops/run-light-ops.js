/**
 * Operations on a run's light fields. All of them share one field group, so any mix of them over
 * many runs costs one batched request per 50 runs, and none on a run a runs page yielded.
 */
import { contextOf } from "../run.js";
import { checkOptions } from "./operation-options.js";
function lightFields(run, options, operation) {
    const context = contextOf(run, operation);
    const checked = checkOptions(options, operation);
    return context.loader.light(run, checked, context.primed);
}
/**
 * The run's name as W&B shows it: its display name (`"eager-fox-1"`), or the run ID when it has
 * none. The unique ID is `run.id`.
 *
 * @example Display Run Names
 * ```ts
 * for (const run of runs) {
 *   console.log(`Run: ${await runName(run)}`);
 * }
 * ```
 */
export async function runName(run, options) {
    const light = await lightFields(run, options, "runName");
    return light.displayName ?? run.id;
}
/**
 * When the run was created. W&B sends the time without a zone; it is UTC, and the `Date` is right
 * in every time zone.
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
 * const runsByDate: Record<string, Run[]> = {};
 * for (const run of runs) {
 *   const date = (await runCreatedAt(run)).toDateString();
 *   (runsByDate[date] ??= []).push(run);
 * }
 * ```
 */
export async function runCreatedAt(run, options) {
    const light = await lightFields(run, options, "runCreatedAt");
    return new Date(light.createdAt.getTime());
}
/**
 * When the run last sent a heartbeat (for a finished run, about when it finished); `null` when it
 * never sent one (a pending run, say).
 *
 * @example Check if Run is Active
 * ```ts
 * const isActive = async (run: Run) => {
 *   const lastHeartbeat = await runHeartbeatAt(run);
 *   const fiveMinutesAgo = new Date(Date.now() - 5 * 60 * 1000);
 *   return lastHeartbeat !== null && lastHeartbeat > fiveMinutesAgo;
 * };
 * ```
 */
export async function runHeartbeatAt(run, options) {
    const light = await lightFields(run, options, "runHeartbeatAt");
    return light.heartbeatAt ? new Date(light.heartbeatAt.getTime()) : null;
}
/**
 * Seconds from creation to the last heartbeat, as the W&B run-operations page defines it; `0` for a
 * run without a heartbeat. It counts wall time, so a run paused and resumed counts the pause too.
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
 */
export async function runRuntime(run, options) {
    const light = await lightFields(run, options, "runRuntime");
    if (!light.heartbeatAt)
        return 0;
    return Math.max(0, (light.heartbeatAt.getTime() - light.createdAt.getTime()) / 1000);
}
/**
 * The run's job type (`"train"`, `"eval"`, …); `undefined` when none was set (never a default).
 *
 * @example Filter by Job Type
 * ```ts
 * const jobTypes = await Promise.all(runs.map((run) => runJobType(run)));
 * const trainingRuns = runs.filter((_, i) => jobTypes[i] === "train");
 * const evalRuns = runs.filter((_, i) => jobTypes[i] === "eval");
 * ```
 */
export async function runJobType(run, options) {
    const light = await lightFields(run, options, "runJobType");
    return light.jobType ?? undefined;
}
/**
 * The user who created the run; `null` when the server has none for it.
 *
 * @example Filter by User
 * ```ts
 * const users = await Promise.all(runs.map((run) => runUser(run)));
 * const myRuns = runs.filter((_, i) => users[i]?.username === "john_doe");
 * ```
 *
 * @example Group Runs by User
 * ```ts
 * const runsByUser: Record<string, Run[]> = {};
 * for (const run of runs) {
 *   const user = (await runUser(run))?.username ?? "(none)";
 *   (runsByUser[user] ??= []).push(run);
 * }
 * ```
 */
export async function runUser(run, options) {
    const light = await lightFields(run, options, "runUser");
    return light.user ? { ...light.user } : null;
}
/**
 * The run's state (`"running"`, `"finished"`, `"crashed"`, `"failed"`, …); `undefined` when the
 * server has none.
 *
 * @example
 * ```ts
 * if ((await runState(run)) !== "finished") process.exitCode = 1;
 * ```
 */
export async function runState(run, options) {
    const light = await lightFields(run, options, "runState");
    return light.state ?? undefined;
}
/**
 * The run's tags; `[]` when it has none.
 *
 * @example
 * ```ts
 * const baseline = (await runTags(run)).includes("baseline");
 * ```
 */
export async function runTags(run, options) {
    const light = await lightFields(run, options, "runTags");
    return [...light.tags];
}
/**
 * The run's group; `undefined` when it belongs to none.
 *
 * @example
 * ```ts
 * const group = (await runGroup(run)) ?? "(ungrouped)";
 * ```
 */
export async function runGroup(run, options) {
    const light = await lightFields(run, options, "runGroup");
    return light.group ?? undefined;
}
//# sourceMappingURL=run-light-ops.js.map