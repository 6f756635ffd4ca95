/** What one GraphQL execution carries through its resolvers. */
export interface RequestContext {
  /** Records that the query resolved fields of the run at `path` (`entity/project/id`). */
  touchRun(path: string): void;
  /** `https://host[:port]` the request was sent to: the W&B host of `File.url`s. */
  apiOrigin: string;
}
