// Every link of the README, the guides and CONTRIBUTING.md reaches a file of the repository, and a
// link to a heading (`page.md#heading`) reaches a heading of that page. A link to the repository's
// own tree (`https://github.com/wandb-query/wandb-query/blob/main/…`) is resolved against this
// checkout, so it breaks here when the file moves. The README is also the page npm shows, where a
// relative link leads nowhere: it links to the repository absolutely, and only there.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const guides = join(root, "docs/guides");
const readme = join(root, "README.md");
const pages = [
  readme,
  join(root, "CONTRIBUTING.md"),
  ...readdirSync(guides)
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(guides, name)),
];

const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  homepage?: string;
  repository?: { url?: string };
  bugs?: { url?: string };
};
/** The repository's address as package.json records it, without `git+` and `.git`. */
const repository = (manifest.repository?.url ?? "").replace(/^git\+/, "").replace(/\.git$/, "");
const treePrefix = `${repository}/blob/main/`;

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

function linksOf(page: string): string[] {
  const text = readFileSync(page, "utf8").replace(/^```[\s\S]*?^```$/gm, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
}

/** The file a link names in this checkout, or undefined for a link outside the repository. */
function localTarget(page: string, target: string): { file: string; anchor: string | undefined } | undefined {
  const [path, anchor] = target.split("#") as [string, string | undefined];
  if (path.startsWith(treePrefix)) return { file: join(root, path.slice(treePrefix.length)), anchor };
  if (/^[a-z]+:/.test(path)) return undefined;
  return { file: path === "" ? page : join(dirname(page), path), anchor };
}

describe("package.json", () => {
  it("names the repository, a homepage and where to report bugs, all on GitHub", () => {
    expect(repository).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(manifest.homepage?.startsWith(repository)).toBe(true);
    expect(manifest.bugs?.url).toBe(`${repository}/issues`);
  });
});

describe.each(pages.map((page) => [relative(root, page), page] as const))("%s", (_name, page) => {
  const links = linksOf(page);
  const local = links.flatMap((target) => {
    const resolved = localTarget(page, target);
    return resolved === undefined ? [] : [[target, resolved] as const];
  });

  it("has links into the repository", () => {
    expect(local.length).toBeGreaterThan(0);
  });

  it.each(local)("links to %s, which exists", (_target, { file, anchor }) => {
    expect(existsSync(file)).toBe(true);
    if (anchor !== undefined) expect([...anchorsOf(file)]).toContain(anchor);
  });
});

describe("the README as npm shows it", () => {
  it("has no relative link: each reaches the repository, or a heading of the README itself", () => {
    const relativeLinks = linksOf(readme).filter(
      (target) => !/^[a-z]+:/.test(target) && !target.startsWith("#"),
    );
    expect(relativeLinks).toEqual([]);
    expect(linksOf(readme).filter((target) => target.startsWith(treePrefix)).length).toBeGreaterThanOrEqual(
      15,
    );
  });
});
