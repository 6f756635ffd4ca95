// The generated run-operations page follows W&B's run-operations page: per function a signature,
// a description, a Parameters table with a description per parameter, the examples under the
// seed's titles, and the seed's See Also links. The titles and links below are the seed page's.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const seed: Record<string, { examples: string[]; seeAlso: string[] }> = {
  runConfig: {
    examples: ["Basic Configuration Access", "Filtering Runs by Configuration", "Comparing Configurations"],
    seeAlso: ["runSummary", "runHistory"],
  },
  runCreatedAt: {
    examples: ["Filter Recent Runs", "Sort Chronologically", "Group by Date"],
    seeAlso: ["runHeartbeatAt", "runRuntime"],
  },
  runHeartbeatAt: { examples: ["Check if Run is Active"], seeAlso: ["runCreatedAt", "runRuntime"] },
  runJobType: { examples: ["Filter by Job Type"], seeAlso: ["Run"] },
  runLoggedArtifactVersion: {
    examples: ["Get Latest Model", "Verify Output Artifacts"],
    seeAlso: ["runLoggedArtifactVersions", "runUsedArtifactVersions"],
  },
  runLoggedArtifactVersions: {
    examples: ["List All Outputs", "Count Output Types"],
    seeAlso: ["runLoggedArtifactVersion", "runUsedArtifactVersions"],
  },
  runName: { examples: ["Display Run Names"], seeAlso: ["Run"] },
  runRuntime: {
    examples: ["Display Runtime", "Filter Long-Running Experiments"],
    seeAlso: ["runCreatedAt", "runHeartbeatAt"],
  },
  runSummary: {
    examples: [
      "Accessing Final Metrics",
      "Finding Best Performing Run",
      "Filtering by Performance Threshold",
    ],
    seeAlso: ["runConfig", "runHistory"],
  },
  runUsedArtifactVersions: {
    examples: ["List Input Dependencies", "Verify Dataset Version"],
    seeAlso: ["runLoggedArtifactVersions", "runLoggedArtifactVersion"],
  },
  runUser: { examples: ["Filter by User", "Group Runs by User"], seeAlso: ["User"] },
};

const page = readFileSync(new URL("../../docs/api/run-operations.md", import.meta.url), "utf8");
const functionsPart = page.slice(
  page.indexOf("## Functions"),
  page.indexOf("\n## ", page.indexOf("## Functions") + 1),
);
const sections = new Map(
  functionsPart
    .split(/^### /m)
    .slice(1)
    .map((text) => [text.slice(0, text.indexOf("()")), text] as const),
);

function subsection(text: string, heading: string): string {
  const start = text.indexOf(`#### ${heading}\n`);
  if (start < 0) return "";
  const end = text.indexOf("\n#### ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe("docs/api/run-operations.md", () => {
  it("documents every function of the seed page", () => {
    expect([...sections.keys()]).toEqual(expect.arrayContaining(Object.keys(seed)));
  });

  it.each([...sections.keys()])(
    "%s has a signature, a description and a described Parameters table",
    (name) => {
      const text = sections.get(name) ?? "";
      // The signature in a code block, then the description before the first subheading.
      expect(text).toMatch(
        new RegExp(
          `^${name}\\(\\)\\n\\n\`\`\`ts\\nfunction ${name}(<[A-Z, ]+>)?\\(\\s*run[,)][^\`]*\`\`\`\\n\\n[A-Z\`]`,
        ),
      );
      const table = subsection(text, "Parameters").split("\n");
      expect(table[2]).toBe("| Parameter | Type | Description |");
      const rows = table.filter((line) => line.startsWith("| `"));
      expect(rows[0]).toMatch(/^\| `run` \| \[`Run`\]\(client\.md#run\) \| The W&B run .+ \|$/);
      for (const row of rows) expect(row).toMatch(/\| [^|]*\w[^|]* \|$/);
      expect(subsection(text, "See Also")).toMatch(/^- \[/m);
    },
  );

  it.each(Object.entries(seed))("%s carries the seed's examples and See Also links", (name, expected) => {
    const text = sections.get(name) ?? "";
    const examples = subsection(text, "Examples") || subsection(text, "Example");
    const titles = [...examples.matchAll(/^\*\*(.+)\*\*$/gm)].map((match) => match[1]);
    expect(titles).toEqual(expected.examples);
    const links = [...subsection(text, "See Also").matchAll(/^- \[(\w+)\]\(/gm)].map((match) => match[1]);
    expect(links).toEqual(expected.seeAlso);
  });
});
