/**
 * TEMPORARY (lead: swap for the shared terminal-escaping module of branch safety-output at merge).
 * A server's text made safe for a terminal: C0 and C1 control characters, DEL and the Unicode
 * bidirectional controls become visible escapes (`\x1b`, `\r`, `\u202e`), so a log line cannot
 * move the cursor, recolour the screen or reorder what follows. Tabs stay.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const unsafe = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\u001b": "\\x1b" };

export function visibleText(text: string): string {
  return text.replace(unsafe, (char) => {
    const known = named[char];
    if (known) return known;
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
