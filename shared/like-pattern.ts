/**
 * MySQL `LIKE` patterns, the syntax W&B's run files take (`%.json`): `%` any run of characters,
 * `_` one character (a code point), `\` escapes the next; case-insensitive, as MySQL's default
 * collation. The SDK matches artifact paths with the same syntax, and the fake W&B matches run
 * files with it, so one pattern means one thing everywhere: this module is shared by `src/` and
 * `mocks/`, which do not import each other.
 */

/** A `LIKE` pattern as a RegExp over the whole name. */
export function likePattern(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === "\\" && i + 1 < pattern.length) source += escapeRegex(pattern[++i] as string);
    else if (char === "%") source += "[\\s\\S]*";
    else if (char === "_") source += "[\\s\\S]";
    else source += escapeRegex(char);
  }
  return new RegExp(`^${source}$`, "iu");
}

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
