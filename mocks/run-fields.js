import { readKeyPath } from "./key-path.js";
const plain = (read) => ({ kind: "plain", read });
const time = (read) => ({
    kind: "time",
    read: (run) => read(run) ?? undefined,
});
const columns = {
    name: plain((run) => run.name),
    displayName: plain((run) => run.displayName),
    state: plain((run) => run.state),
    tags: { kind: "list", read: (run) => (run.tags && run.tags.length > 0 ? run.tags : undefined) },
    group: plain((run) => run.group),
    jobType: plain((run) => run.jobType),
    sweep: plain((run) => run.sweepName),
    username: plain((run) => run.user?.username),
    host: plain((run) => run.host),
    notes: plain((run) => run.notes),
    commit: plain((run) => run.commit),
    duration: plain((run) => run.runtimeSeconds),
    createdAt: time((run) => run.createdAtMs),
    heartbeatAt: time((run) => run.heartbeatAtMs),
    updatedAt: time((run) => run.updatedAtMs),
};
const aliases = {
    display_name: "displayName",
    job_type: "jobType",
    sweepName: "sweep",
    sweep_name: "sweep",
    created_at: "createdAt",
    heartbeat_at: "heartbeatAt",
    updated_at: "updatedAt",
};
const compiled = new Map();
/** The field a path names; throws (a GraphQL error for the client) on one W&B would not know. */
export function runField(path) {
    let field = compiled.get(path);
    if (!field) {
        field = compileField(path);
        compiled.set(path, field);
    }
    return field;
}
function compileField(path) {
    const column = columns[aliases[path] ?? path];
    if (column)
        return column;
    const config = stripPrefix(path, "config.");
    if (config) {
        // The plain values answer the short form; the wrapped form answers `K.value...` (a plain
        // value has no `value` key below it, so the first read misses and the second finds it).
        return plain((run) => readKeyPath(run.configValues, config) ?? readKeyPath(run.wrappedConfig, config));
    }
    const summary = stripPrefix(path, "summary_metrics.") ?? stripPrefix(path, "summaryMetrics.");
    if (summary)
        return plain((run) => readKeyPath(run.summaryValues, summary));
    throw new Error(`unknown run field ${JSON.stringify(path)}`);
}
function stripPrefix(path, prefix) {
    return path.startsWith(prefix) && path.length > prefix.length ? path.slice(prefix.length) : undefined;
}
//# sourceMappingURL=run-fields.js.map