// Renders a GitHub step summary (the Markdown `check` and `diff` append to $GITHUB_STEP_SUMMARY)
// as a PNG, the way GitHub shows it closely enough for a guide's picture: headings, tables,
// paragraphs, and ```mermaid blocks drawn by Mermaid's own browser bundle in headless Chromium.
//
//   node scripts/render-step-summary.mjs summary.md out.png
//
// A maintainer's step (it needs Debian's `chromium`), not part of CI. `npm run docs:picture` makes
// the CI guide's picture with it from the demo data (scripts/summary-picture.mjs).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const mermaidBundle = require.resolve("mermaid/dist/mermaid.min.js");

const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
// Inline Markdown as the summaries use it: code spans and backslash escapes; nothing else.
const inline = (text) =>
  escapeHtml(text)
    .replace(/`([^`]*)`/g, "<code>$1</code>")
    .replace(/\\(.)/g, "$1");

function toHtml(markdown) {
  const lines = markdown.split("\n");
  const html = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```mermaid")) {
      const body = [];
      while (++i < lines.length && lines[i] !== "```") body.push(lines[i]);
      html.push(`<pre class="mermaid">${escapeHtml(body.join("\n"))}</pre>`);
    } else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(" ");
      html.push(`<h${level}>${inline(line.slice(level + 1))}</h${level}>`);
    } else if (line.startsWith("|")) {
      const rows = [];
      while (i < lines.length && lines[i].startsWith("|")) rows.push(lines[i++]);
      i--;
      const cells = (row) =>
        row
          .slice(1, -1)
          .split(/(?<!\\)\|/)
          .map((cell) => inline(cell.trim()));
      const [head, , ...body] = rows;
      html.push(
        `<table><tr>${cells(head)
          .map((c) => `<th>${c}</th>`)
          .join("")}</tr>${body
          .map(
            (row) =>
              `<tr>${cells(row)
                .map((c) => `<td>${c}</td>`)
                .join("")}</tr>`,
          )
          .join("")}</table>`,
      );
    } else if (line.trim() !== "") {
      html.push(`<p>${inline(line)}</p>`);
    }
  }
  return html.join("\n");
}

/** Renders the Markdown file `input` to the PNG `output`, `height` pixels tall. */
export function renderStepSummary(input, output, height = 1000) {
  const page = `<!doctype html><html><head><meta charset="utf-8"><style>
body { font: 14px -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328; margin: 24px; width: 840px; }
h3 { font-size: 18px; border-bottom: 1px solid #d1d9e0; padding-bottom: 6px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: #eff1f3; border-radius: 4px; padding: 2px 4px; font-size: 85%; }
pre.mermaid { background: none; }
</style><script src="file://${mermaidBundle}"></script></head><body>
${toHtml(readFileSync(input, "utf8"))}
<script>mermaid.initialize({ startOnLoad: true, theme: "default" });</script>
</body></html>`;

  const dir = mkdtempSync(join(tmpdir(), "wandb-query-summary-"));
  const htmlPath = join(dir, "summary.html");
  writeFileSync(htmlPath, page);
  execFileSync(
    "chromium",
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      "--virtual-time-budget=10000",
      `--screenshot=${resolve(output)}`,
      `--window-size=900,${height}`,
      `file://${htmlPath}`,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node scripts/render-step-summary.mjs SUMMARY.md OUT.png");
    process.exit(2);
  }
  renderStepSummary(input, output);
  console.log(`wrote ${output}`);
}
