import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { appUrlFor, parseProjectPath, parseRunPath, parseRunPathParts, runPageUrl } from "../../src/paths.js";

const defaults = { entity: "acme", project: "vision" };

describe("parseRunPath", () => {
  it("reads every accepted form", () => {
    const expected = { entity: "acme", project: "vision", id: "1mbku38n" };
    expect(parseRunPath("acme/vision/1mbku38n")).toEqual(expected);
    expect(parseRunPath("acme/vision/runs/1mbku38n")).toEqual(expected);
    expect(parseRunPath("https://wandb.ai/acme/vision/runs/1mbku38n?nw=abc&workspace=user")).toEqual(
      expected,
    );
    expect(parseRunPath("https://wandb.ai/acme/vision/runs/1mbku38n/overview")).toEqual(expected);
    expect(parseRunPath("https://acme.wandb.io/acme/vision/runs/1mbku38n#logs")).toEqual(expected);
    expect(parseRunPath("vision/1mbku38n", defaults)).toEqual(expected);
    expect(parseRunPath("1mbku38n", defaults)).toEqual(expected);
    expect(parseRunPath({ entity: "acme", project: "vision", id: "1mbku38n" })).toEqual(expected);
    expect(parseRunPath("  acme/vision/1mbku38n  ")).toEqual(expected);
  });

  it("reads W&B's Docker-style forms and a trailing slash, as W&B's Python client does", () => {
    const expected = { entity: "acme", project: "vision", id: "1mbku38n" };
    expect(parseRunPath("acme/vision:1mbku38n")).toEqual(expected);
    expect(parseRunPath("vision:1mbku38n", { entity: "acme" })).toEqual(expected);
    expect(parseRunPath("acme/vision/1mbku38n/")).toEqual(expected);
    expect(parseRunPath("acme/vision/runs/1mbku38n/")).toEqual(expected);
    expect(parseRunPath("vision/1mbku38n/", { entity: "acme" })).toEqual(expected);
    expect(parseRunPath("https://wandb.ai/acme/vision/runs/1mbku38n/")).toEqual(expected);
    for (const bad of ["acme/vision:", "acme/:1mbku38n", "a/b/c:d", "a:b:c", ":x"]) {
      expect(() => parseRunPath(bad, { entity: "acme" }), bad).toThrow(InvalidArgumentError);
    }
  });

  it("leaves the entity open when the path names none and no default is set", () => {
    expect(parseRunPathParts("vision:1mbku38n")).toEqual({
      entity: undefined,
      project: "vision",
      id: "1mbku38n",
    });
    expect(parseRunPathParts("vision/1mbku38n")).toEqual({
      entity: undefined,
      project: "vision",
      id: "1mbku38n",
    });
    expect(() => parseRunPath("vision:1mbku38n")).toThrow(/names no entity.*resolveRun/);
  });

  it("decodes URL-encoded segments of a run page URL", () => {
    expect(parseRunPath("https://wandb.ai/my%2Dteam/p/runs/r1")).toEqual({
      entity: "my-team",
      project: "p",
      id: "r1",
    });
  });

  it("throws InvalidArgumentError naming the accepted forms", () => {
    const bad: unknown[] = [
      "",
      "a/b/c/d",
      "a//c",
      "acme/vision/runs/",
      "https://wandb.ai/acme/vision",
      "a/b/c d",
      42,
      null,
      { entity: "a", project: "b" },
      "../x/y",
    ];
    for (const input of bad) {
      expect(() => parseRunPath(input as string), String(input)).toThrow(InvalidArgumentError);
    }
    expect(() => parseRunPath("a/b/c/d")).toThrow(/accepted forms: "entity\/project\/runId"/);
  });

  it("says which default is missing for a partial path", () => {
    expect(() => parseRunPath("1mbku38n", { entity: "acme" })).toThrow(
      /names no project and no default project is set/,
    );
    expect(() => parseRunPath("vision/1mbku38n")).toThrow(/names no entity and no default entity is set/);
  });
});

describe("parseProjectPath", () => {
  it("reads entity/project, a project URL, and a bare project with the default entity", () => {
    expect(parseProjectPath("acme/vision")).toEqual({ entity: "acme", project: "vision" });
    expect(parseProjectPath("https://wandb.ai/acme/vision/workspace?x=1")).toEqual({
      entity: "acme",
      project: "vision",
    });
    expect(parseProjectPath("vision", defaults)).toEqual({ entity: "acme", project: "vision" });
    expect(parseProjectPath("acme/vision/")).toEqual({ entity: "acme", project: "vision" });
    expect(() => parseProjectPath("vision")).toThrow(/no default entity/);
    expect(() => parseProjectPath("a/b/c")).toThrow(InvalidArgumentError);
  });
});

describe("run page URLs", () => {
  it("derives the app URL as W&B's client does", () => {
    expect(appUrlFor(new URL("https://api.wandb.ai"))).toBe("https://wandb.ai");
    expect(appUrlFor(new URL("https://api.acme.example"))).toBe("https://app.acme.example");
    expect(appUrlFor(new URL("http://localhost:8080"))).toBe("http://localhost:8080");
    expect(appUrlFor(new URL("https://api.wandb.ai"), "https://custom.example/")).toBe(
      "https://custom.example",
    );
  });

  it("quotes each segment", () => {
    expect(runPageUrl("https://wandb.ai", { entity: "my team", project: "p", id: "r/1" })).toBe(
      "https://wandb.ai/my%20team/p/runs/r%2F1",
    );
  });
});
