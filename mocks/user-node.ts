/**
 * GraphQL `User`s, shared by username: the viewer and every run naming the same user get one
 * object, so ids agree across queries.
 */
import { globalId } from "./ids.js";
import type { EntityNode } from "./project-node.js";
import type { MockUser, MockViewer } from "./types.js";

/** A `User` as the schema has it. */
export class UserNode {
  readonly __typename = "User";
  readonly id: string;
  readonly name: string;
  readonly username: string;
  email: string | null;
  entity: string;
  admin = false;
  readonly flags = "{}";
  readonly deletedAt = null;
  readonly photoUrl = null;
  /** The entities the user belongs to; the dataset fills the viewer's. */
  readonly teamList: EntityNode[] = [];

  constructor(description: MockUser, serial: number) {
    if (typeof description.username !== "string" || description.username === "") {
      throw new TypeError("a mock user needs a non-empty username");
    }
    this.username = description.username;
    this.name = description.name ?? description.username;
    this.email = description.email ?? null;
    this.id = description.id ?? globalId(`User:${serial}`);
    this.entity = description.username;
  }

  /** An `EntityConnection` of its teams. */
  get teams(): { edges: Array<{ node: EntityNode }> } {
    return { edges: this.teamList.map((node) => ({ node })) };
  }
}

/** Every user of a dataset, by username. */
export class UserDirectory {
  private readonly byUsername = new Map<string, UserNode>();

  /** The user for `description.username`, made on first use. */
  user(description: MockUser): UserNode {
    let user = this.byUsername.get(description.username);
    if (!user) {
      user = new UserNode(description, this.byUsername.size + 1);
      this.byUsername.set(description.username, user);
    }
    return user;
  }

  /** The viewer; made first, so its details win over what runs say of the same user. */
  viewer(description: MockViewer): UserNode {
    const user = this.user(description);
    user.entity = description.entity ?? description.username;
    user.admin = description.admin ?? false;
    if (description.email !== undefined) user.email = description.email;
    return user;
  }
}
