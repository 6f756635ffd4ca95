import { describe, expect, it } from "vitest";
import { parseArtifactReference } from "../../src/cli/artifact-name.js";
import { ageCheck, artifactCheck, checkLine, metricCheck, stateCheck } from "../../src/cli/checks.js";
import { parseMetricExpression } from "../../src/cli/metric-expression.js";
import { checksMarkdown } from "../../src/cli/step-summary.js";
import { UsageError } from "../../src/cli/usage-error.js";
import type { ArtifactVersion } from "../../src/index.js";

function version(name: string, index: number, aliases: string[] = []): ArtifactVersion {
  return {
    id: `${name}-${index}`,
    name,
    version: index,
    alias: aliases[0] ?? `v${index}`,
    aliases,
    type: "model",
    size: 1,
    fileCount: 1,
    digest: "d",
    state: "COMMITTED",
    description: null,
    createdAt: new Date(0),
    metadata: {},
    entity: "acme",
    project: "vision",
    qualifiedName: `acme/vision/${name}:v${index}`,
  };
}

describe("check lines", () => {
  it("states the run state", () => {
    expect(checkLine(stateCheck("finished", "finished"))).toBe("✔ state is finished");
    expect(checkLine(stateCheck("crashed", "finished"))).toBe("✘ state is crashed, wanted finished");
    expect(checkLine(stateCheck(undefined, "finished"))).toBe("✘ state is unknown, wanted finished");
  });

  it("states a metric with what was wanted", () => {
    const metric = (text: string, summary: Record<string, never> | object) =>
      checkLine(metricCheck(summary as never, parseMetricExpression(text)));
    expect(metric("accuracy>=0.95", { accuracy: 0.953 })).toBe("✔ accuracy is 0.953, wanted >= 0.95");
    expect(metric("accuracy>=0.95", { accuracy: 0.71 })).toBe("✘ accuracy is 0.71, wanted >= 0.95");
    expect(metric("accuracy>=0.95", {})).toBe("✘ accuracy is missing, wanted >= 0.95");
    expect(metric("val_loss<0.2", { val_loss: Number.NaN })).toBe("✘ val_loss is NaN, wanted < 0.2");
    expect(metric("eval>1", { eval: { f1: 2 } })).toBe("✘ eval is not a number (an object), wanted > 1");
    expect(metric("acc>1", { acc: "high" })).toBe('✘ acc is not a number ("high"), wanted > 1');
    expect(metric("eval.f1>0.9", { eval: { f1: 0.941 } })).toBe("✔ eval.f1 is 0.941, wanted > 0.9");
  });

  it("states artifacts, naming the versions of the same name when the one wanted is absent", () => {
    const model = version("model", 5, ["latest", "best"]);
    const reference = parseArtifactReference("model:latest");
    expect(checkLine(artifactCheck("logged", reference, model, [model]))).toBe(
      "✔ logged artifact model:latest (v5)",
    );
    expect(checkLine(artifactCheck("used", parseArtifactReference("data:v3"), undefined, [model]))).toBe(
      "✘ used artifact data:v3 not found",
    );
    const data = [version("data", 1), version("data", 2)];
    expect(checkLine(artifactCheck("used", parseArtifactReference("data:v3"), undefined, data))).toBe(
      "✘ used artifact data:v3 not found; used data:v1, data:v2",
    );
  });

  it("states the heartbeat's age against the maximum", () => {
    const now = new Date("2025-01-01T12:00:00Z");
    const twoHours = { ms: 7_200_000, text: "2h" };
    const created = new Date("2025-01-01T00:00:00Z");
    expect(checkLine(ageCheck(new Date("2025-01-01T11:48:00Z"), created, twoHours, now))).toBe(
      "✔ heartbeat 12m ago, within 2h",
    );
    expect(checkLine(ageCheck(new Date("2024-12-29T12:00:00Z"), created, twoHours, now))).toBe(
      "✘ heartbeat 3d ago, wanted within 2h",
    );
    expect(checkLine(ageCheck(null, new Date("2025-01-01T11:59:00Z"), twoHours, now))).toBe(
      "✔ no heartbeat, created 1m ago, within 2h",
    );
    expect(checkLine(ageCheck(null, created, twoHours, now))).toBe(
      "✘ no heartbeat, created 12h ago, wanted within 2h",
    );
  });
});

describe("artifact references", () => {
  it("splits on the first colon; a bare name means latest", () => {
    expect(parseArtifactReference("model:latest")).toEqual({
      name: "model",
      alias: "latest",
      text: "model:latest",
    });
    expect(parseArtifactReference("model")).toMatchObject({ name: "model", alias: "latest" });
    expect(parseArtifactReference("a:b:c")).toMatchObject({ name: "a", alias: "b:c" });
    for (const bad of ["", ":v1", "model:", " : "])
      expect(() => parseArtifactReference(bad)).toThrow(UsageError);
  });
});

describe("step summary", () => {
  it("is a heading with the verdict and a table of check, result, detail", () => {
    const results = [
      stateCheck("finished", "finished"),
      metricCheck({ "a|b": 0.5 }, parseMetricExpression("a|b>=0.9")),
    ];
    expect(checksMarkdown("acme/vision/r1", results)).toBe(
      [
        "### wandb-query check <code>acme/vision/r1</code>: failed",
        "",
        "| check | result | detail |",
        "| --- | --- | --- |",
        "| state is finished | ✔ pass | state is finished |",
        "| a&#124;b &gt;= 0.9 | ✘ fail | a&#124;b is 0.5 |",
        "",
        "",
      ].join("\n"),
    );
  });
});
