// Every relative link of the README, the guides and CONTRIBUTING.md reaches a file of the
// repository, and a link to a heading (`page.md#heading`) reaches a heading of that page.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const guides = join(root, "docs/guides");
const pages = [
  join(root, "README.md"),
  join(root, "CONTRIBUTING.md"),
  ...readdirSync(guides)
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(guides, name)),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/^```[\s\S]*?^```$/gm, "");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1] as string)));
}

describe.each(pages.map((page) => [relative(root, page), page] as const))("%s", (_name, page) => {
  const text = readFileSync(page, "utf8").replace(/^```[\s\S]*?^```$/gm, "");
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] as string)
    .filter((target) => !/^[a-z]+:/.test(target));

  it("has relative links", () => {
    expect(links.length).toBeGreaterThan(0);
  });

  it.each(links)("links to %s, which exists", (target) => {
    const [path, anchor] = target.split("#") as [string, string | undefined];
    const file = path === "" ? page : join(dirname(page), path);
    expect(existsSync(file)).toBe(true);
    if (anchor !== undefined) expect([...anchorsOf(file)]).toContain(anchor);
  });
});
