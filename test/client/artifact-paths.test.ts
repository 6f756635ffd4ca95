import { describe, expect, it } from "vitest";
import { formatArtifactPath, parseArtifactName, resolveArtifactPath } from "../../src/artifact-paths.js";
import { InvalidArgumentError } from "../../src/index.js";

describe("parseArtifactName", () => {
  it.each([
    ["model", { name: "model", alias: "latest" }],
    ["model:v3", { name: "model", alias: "v3" }],
    ["vision/model:best", { project: "vision", name: "model", alias: "best" }],
    [
      "acme/vision/model:production",
      { entity: "acme", project: "vision", name: "model", alias: "production" },
    ],
    ["acme/vision/model", { entity: "acme", project: "vision", name: "model", alias: "latest" }],
    // W&B cuts at the first colon and keeps the rest whole, "/" and ":" included.
    ["model:release/2024:a", { name: "model", alias: "release/2024:a" }],
    ["  model:v1  ", { name: "model", alias: "v1" }],
  ])("reads %j", (text, expected) => {
    expect(parseArtifactName(text, "test")).toEqual(expected);
  });

  it.each([
    "",
    "   ",
    "model:",
    ":v1",
    "a/b/c/d:v1",
    "/model:v1",
    "acme//model:v1",
    "my model:v1",
    "model:two words",
    "../model:v1",
  ])("refuses %j with InvalidArgumentError naming the forms", (text) => {
    expect(() => parseArtifactName(text, "runLoggedArtifactVersion")).toThrow(InvalidArgumentError);
    expect(() => parseArtifactName(text, "runLoggedArtifactVersion")).toThrow(
      /^runLoggedArtifactVersion: cannot read artifact name .*accepted forms: "entity\/project\/name:alias"/,
    );
  });

  it("refuses what is not a string", () => {
    expect(() => parseArtifactName(42, "x")).toThrow(InvalidArgumentError);
    expect(() => parseArtifactName(undefined, "x")).toThrow(InvalidArgumentError);
  });
});

describe("resolveArtifactPath", () => {
  const defaults = { entity: "acme", project: "vision" };

  it("completes a partial name from the defaults", () => {
    expect(resolveArtifactPath("model:v3", defaults)).toEqual({
      entity: "acme",
      project: "vision",
      name: "model",
      alias: "v3",
    });
    expect(resolveArtifactPath("nlp/bert", defaults)).toEqual({
      entity: "acme",
      project: "nlp",
      name: "bert",
      alias: "latest",
    });
    expect(formatArtifactPath(resolveArtifactPath("team/nlp/bert:v1", defaults))).toBe("team/nlp/bert:v1");
  });

  it("says which default is missing", () => {
    expect(() => resolveArtifactPath("model:v3", {})).toThrow(/names no project and no default project/);
    expect(() => resolveArtifactPath("vision/model:v3", {})).toThrow(/names no entity and no default entity/);
  });

  it("takes an object with every part, and refuses one without", () => {
    const ref = { entity: "acme", project: "vision", name: "model", alias: "v1" };
    expect(resolveArtifactPath(ref, {})).toEqual(ref);
    expect(() => resolveArtifactPath({ ...ref, alias: "" }, {})).toThrow(InvalidArgumentError);
    expect(() => resolveArtifactPath({ ...ref, name: "a/b" }, {})).toThrow(InvalidArgumentError);
  });
});
