// The README's mock example is readme-example.test.ts, word for word, so it is known to run.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("README shows readme-example.test.ts as it is", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const example = readFileSync(new URL("./readme-example.test.ts", import.meta.url), "utf8");
  expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
});
