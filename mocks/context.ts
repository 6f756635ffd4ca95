/** What one GraphQL execution carries through its resolvers. */
export interface RequestContext {
  /** Records that the query resolved fields of the run at `path` (`entity/project/id`). */
  touchRun(path: string): void;
}
