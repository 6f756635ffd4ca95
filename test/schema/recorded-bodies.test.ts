// The suite-wide check of test/setup/recorded-bodies.ts: every worker records the bodies the SDK
// sends to a fake W&B, and the check at the end of the run fails on one that is not valid.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recordDirVariable } from "../../mocks/body-recorder.js";
import { runName } from "../../src/index.js";
import { mockClient, useMockWandb } from "../helpers/mock-wandb.js";
import { checkRecordedBodies } from "../setup/recorded-bodies.js";

useMockWandb({ runs: [{ entity: "acme", project: "vision", id: "r1" }] });

const body = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify(JSON.stringify({ query, variables }));

describe("recorded request bodies", () => {
  it("each worker records what the SDK sends to the fake W&B, one line per body", async () => {
    const dir = process.env[recordDirVariable];
    expect(dir).toBeTruthy();
    const file = join(dir as string, `bodies-${process.pid}.ndjson`);
    const before = existsSync(file) ? readFileSync(file, "utf8").split("\n").length : 1;
    await runName(mockClient().run("acme/vision/r1"));
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.length).toBe(before + 1);
    expect(JSON.parse(JSON.parse(lines.at(-2) as string) as string)).toMatchObject({
      operationName: "RunsByName",
    });
  });

  it("the end-of-run check passes valid bodies and fails on an invalid document or variables", () => {
    const dir = mkdtempSync(join(tmpdir(), "wandb-query-bodies-test-"));
    try {
      const valid = body("query V($r: String!) { project { run(name: $r) { name } } }", { r: "r1" });
      writeFileSync(join(dir, "bodies-1.ndjson"), `${valid}\n${valid}\n`);
      expect(checkRecordedBodies(dir)).toBe(
        "2 GraphQL request bodies the SDK sent (1 distinct) are valid against schema/",
      );
      writeFileSync(join(dir, "bodies-2.ndjson"), `${body("{ viewer { notAField } }")}\n`);
      expect(() => checkRecordedBodies(dir)).toThrow(
        /1 of 2 distinct GraphQL request bodies the SDK sent are not valid against schema\/:\n- Cannot query field "notAField" on type "User"\./,
      );
      writeFileSync(
        join(dir, "bodies-2.ndjson"),
        `${body("query V($r: String!) { project { run(name: $r) { name } } }", { r: 1 })}\n`,
      );
      expect(() => checkRecordedBodies(dir)).toThrow(/String cannot represent a non string value: 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
