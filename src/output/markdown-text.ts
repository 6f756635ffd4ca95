/**
 * Text from a server made safe for GitHub-flavoured Markdown (the step summary, `diff --format
 * md`): it shows as the characters it holds and nothing else. No line break, so a value cannot
 * end a table row and start a heading of its own; no `|`, so it cannot add a cell; no `<` or `>`,
 * so no HTML (`<img>`) and no autolink (`<http://…>`); `[`, `]` and `!` escaped, so `[text](url)`
 * and images are text; `:`, `@` and `www.` broken, so GitHub's extended autolinks find no URL or
 * address in it. Charts and other blocks of the summary use the same functions for their labels.
 */
import { controlCharacters, visibleControl } from "./terminal-text.js";

// Characters that start Markdown syntax inline; a backslash makes each literal (CommonMark:
// any ASCII punctuation may be escaped). `:` and `@` are here for the extended autolinks
// (`https://…`, `a@b.io`), which a backslash interrupts.
const escaped = /[\\`*_[\]()!#~:@|<>&]/g;
// Written as character references: `|` so a table cell holds it (the row is split before
// inline parsing), `<` and `>` so no tag or autolink opens, `&` so data spelling `&#124;` stays text.
const references: Readonly<Record<string, string>> = {
  "|": "&#124;",
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
};

/**
 * `text` as Markdown that renders as exactly that text, on one line: markup escaped, control
 * characters (line breaks included) written out visibly as `\n`, `\r`, `\x1b`.
 */
export function markdownText(text: string): string {
  return text
    .replace(escaped, (char) => references[char] ?? `\\${char}`)
    .replace(/www\./gi, (www) => `${www.slice(0, 3)}\\.`)
    .replace(controlCharacters, visibleControl);
}

/** `text` in a monospace span (`<code>`, whose content Markdown still reads, so it is escaped the same way); empty for empty text. */
export function markdownCode(text: string): string {
  return text === "" ? "" : `<code>${markdownText(text)}</code>`;
}

/** One row of a Markdown table, each cell given as Markdown already (from {@link markdownText} or the CLI's own words). */
export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}
