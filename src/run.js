/** The `Run` handle: a run's coordinates, and a link to the client that made it. */
import { InvalidArgumentError } from "./errors.js";
import { formatRunPath } from "./paths.js";
// Kept out of the object itself so a handle logs, inspects and serializes as its coordinates only.
const contexts = new WeakMap();
/**
 * A run, as `client.run(path)` or `client.runs(project)` hands it out. Making one sends nothing;
 * the run operations (`runConfig(run)`, …) fetch what they need.
 */
export class Run {
    /** Entity (user or team) that owns the project. */
    entity;
    /** Project name. */
    project;
    /** The run ID of its URL (GraphQL `Run.name`), e.g. `"1mbku38n"`. */
    id;
    /** `entity/project/id`. */
    path;
    /** The run's page in the W&B app. */
    url;
    /** @internal Use `client.run()`. */
    constructor(ref, url, context) {
        this.entity = ref.entity;
        this.project = ref.project;
        this.id = ref.id;
        this.path = formatRunPath(ref);
        this.url = url;
        contexts.set(this, context);
    }
    toString() {
        return this.path;
    }
}
/** @internal The context of a handle; throws when `run` did not come from a client. */
export function contextOf(run, operation) {
    const context = typeof run === "object" && run !== null ? contexts.get(run) : undefined;
    if (!context) {
        throw new InvalidArgumentError(`${operation} expects a Run from client.run(path) or client.runs(project), got ${describe(run)}`, { operation });
    }
    return context;
}
function describe(value) {
    if (value === null)
        return "null";
    if (typeof value === "string")
        return `the string ${JSON.stringify(value)} (pass client.run(${JSON.stringify(value)}))`;
    return typeof value === "object" ? "an object that is not a Run handle" : typeof value;
}
//# sourceMappingURL=run.js.map