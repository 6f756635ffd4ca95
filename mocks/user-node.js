/**
 * GraphQL `User`s, shared by username: the viewer and every run naming the same user get one
 * object, so ids agree across queries.
 */
import { globalId } from "./ids.js";
/** A `User` as the schema has it. */
export class UserNode {
    __typename = "User";
    id;
    name;
    username;
    email;
    entity;
    admin = false;
    flags = "{}";
    deletedAt = null;
    teams = null;
    photoUrl = null;
    constructor(description, serial) {
        if (typeof description.username !== "string" || description.username === "") {
            throw new TypeError("a mock user needs a non-empty username");
        }
        this.username = description.username;
        this.name = description.name ?? description.username;
        this.email = description.email ?? null;
        this.id = description.id ?? globalId(`User:${serial}`);
        this.entity = description.username;
    }
}
/** Every user of a dataset, by username. */
export class UserDirectory {
    byUsername = new Map();
    /** The user for `description.username`, made on first use. */
    user(description) {
        let user = this.byUsername.get(description.username);
        if (!user) {
            user = new UserNode(description, this.byUsername.size + 1);
            this.byUsername.set(description.username, user);
        }
        return user;
    }
    /** The viewer; made first, so its details win over what runs say of the same user. */
    viewer(description) {
        const user = this.user(description);
        user.entity = description.entity ?? description.username;
        user.admin = description.admin ?? false;
        if (description.email !== undefined)
            user.email = description.email;
        return user;
    }
}
//# sourceMappingURL=user-node.js.map