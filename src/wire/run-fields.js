import { readOptionalTime, readTime } from "./fields.js";
/** Reads a `RunLightFields` selection; throws WandbResponseError naming the run for a bad timestamp. */
export function readLightFields(node, runPath, operation) {
    const user = node.user;
    return {
        storageId: node.id,
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
//# sourceMappingURL=run-fields.js.map