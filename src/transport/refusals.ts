/**
 * Whose refusal an HTTP 403 is. W&B answers 403 for a key it does not accept, and also for a
 * project the key may not read. For a request about one project, the key's own `viewer` tells them
 * apart: when W&B answers it, the key is good and the 403 was the project's, so the caller gets a
 * {@link ProjectNotFoundError} naming that project (status 403, the refusal as its cause); when W&B
 * refuses it too, the {@link WandbAuthError} stands.
 */
import { ProjectNotFoundError, WandbAuthError } from "../errors.js";

/**
 * Shares one check among everyone who asks while it is out: after a refusal, many requests of the
 * same client tend to be refused at once, and one `viewer` request answers them all.
 */
export function sharedCheck(check: () => Promise<boolean>): () => Promise<boolean> {
  let pending: Promise<boolean> | undefined;
  return () => {
    pending ??= check().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

/** `error` as the caller should see it, for a request about `project` (`entity/project`), if any. */
export async function explainRefusal(
  error: unknown,
  project: string | undefined,
  keyAccepted: () => Promise<boolean>,
): Promise<unknown> {
  if (project === undefined || !(error instanceof WandbAuthError) || error.status !== 403) return error;
  if (!(await keyAccepted())) return error;
  return new ProjectNotFoundError(
    project,
    { operation: error.operation, status: 403, cause: error },
    "W&B refused it with HTTP 403 while it accepts the API key",
  );
}
