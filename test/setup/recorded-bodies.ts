// Suite-wide check: every GraphQL request body wandb-query sent to a fake W&B during the run
// (msw mocks, mock servers, loopback servers, in every worker and child process) is a valid
// document of schema/ with variables that coerce. The run fails when one is not, so no code path
// can send something unvalidated and still pass.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordDirVariable } from "../../mocks/body-recorder.js";
import { loadSchema, requestBodyProblems } from "../helpers/schema.js";

/** Reads the recorded bodies and returns a report, or throws when one is invalid. */
export function checkRecordedBodies(dir: string): string {
  const schema = loadSchema();
  let total = 0;
  const distinct = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ndjson"))) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      if (line === "") continue;
      total++;
      const body = JSON.parse(line) as string;
      if (!distinct.has(body)) distinct.set(body, requestBodyProblems(schema, body));
    }
  }
  const invalid = [...distinct].filter(([, problems]) => problems.length > 0);
  if (invalid.length > 0) {
    const shown = invalid
      .slice(0, 5)
      .map(([body, problems]) => `- ${problems.join("; ")}\n  in ${body.slice(0, 300)}`);
    throw new Error(
      `${invalid.length} of ${distinct.size} distinct GraphQL request bodies the SDK sent are not valid against schema/:\n${shown.join("\n")}`,
    );
  }
  return `${total} GraphQL request bodies the SDK sent (${distinct.size} distinct) are valid against schema/`;
}

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "wandb-query-bodies-"));
  // Set before the workers start, so each inherits it (and passes it to the processes it spawns).
  process.env[recordDirVariable] = dir;
  return () => {
    try {
      console.log(checkRecordedBodies(dir));
    } catch (error) {
      // vitest reports an error thrown here but still exits 0: the exit code says it instead.
      process.exitCode = 1;
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
