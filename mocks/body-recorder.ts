/**
 * Keeps every GraphQL request body wandb-query sends to a fake W&B, for checks that span a whole
 * test suite (the package's own suite validates each against schema/ when the run ends). Off
 * unless `WANDB_QUERY_MOCK_RECORD_DIR` names a directory; then each process appends one line per
 * body to its own file there, so parallel workers and child processes never share a file.
 * Only bodies sent by wandb-query itself (its User-Agent) are kept: a test that posts a broken
 * query on purpose is testing the mock, not the SDK.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";

/** The variable that switches recording on. */
export const recordDirVariable = "WANDB_QUERY_MOCK_RECORD_DIR";

/** Records `bodyText` when recording is on and `userAgent` is wandb-query's. */
export function recordRequestBody(bodyText: string, userAgent: string | undefined): void {
  const dir = process.env[recordDirVariable];
  if (!dir || !userAgent?.startsWith("wandb-query/")) return;
  // One JSON string per line: the body as it arrived, whatever it holds.
  appendFileSync(join(dir, `bodies-${process.pid}.ndjson`), `${JSON.stringify(bodyText)}\n`);
}
