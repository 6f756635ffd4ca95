// Whose refusal a 403 is, decided on plain inputs (the transport supplies the viewer check).
import { describe, expect, it } from "vitest";
import { ProjectNotFoundError, WandbAuthError, WandbGraphQLError } from "../../src/errors.js";
import { explainRefusal, sharedCheck } from "../../src/transport/refusals.js";

const refused = new WandbAuthError("W&B refused the API key (HTTP 403)", {
  operation: "RunFiles",
  status: 403,
});

describe("explainRefusal", () => {
  it("names the project when the key is accepted", async () => {
    const asked: string[] = [];
    const error = await explainRefusal(refused, "acme/private", async () => {
      asked.push("viewer");
      return true;
    });
    expect(error).toBeInstanceOf(ProjectNotFoundError);
    expect(error).toMatchObject({ projectPath: "acme/private", status: 403, operation: "RunFiles" });
    expect((error as Error).cause).toBe(refused);
    expect(asked).toEqual(["viewer"]);
  });

  it("keeps the key's refusal when the viewer is refused too", async () => {
    expect(await explainRefusal(refused, "acme/private", async () => false)).toBe(refused);
  });

  it.each([
    ["a 401", new WandbAuthError("no", { status: 401 }), "acme/p"],
    ["another error", new WandbGraphQLError("boom", [], null, { status: 403 }), "acme/p"],
    ["a request about no single project", refused, undefined],
  ])("leaves %s alone, without asking the viewer", async (_what, error, project) => {
    let asked = 0;
    const explained = await explainRefusal(error, project, async () => {
      asked++;
      return true;
    });
    expect(explained).toBe(error);
    expect(asked).toBe(0);
  });
});

describe("sharedCheck", () => {
  it("shares one check while it is out, and asks again once it has settled", async () => {
    const releases: Array<(value: boolean) => void> = [];
    const check = sharedCheck(() => new Promise<boolean>((resolve) => releases.push(resolve)));
    const first = [check(), check(), check()];
    expect(releases).toHaveLength(1);
    releases[0]?.(true);
    expect(await Promise.all(first)).toEqual([true, true, true]);
    const again = check();
    expect(releases).toHaveLength(2);
    releases[1]?.(false);
    expect(await again).toBe(false);
  });
});
