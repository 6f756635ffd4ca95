/**
 * Text from a server made safe for a terminal. A run name holding `ESC]0;…` retitles the window,
 * `ESC[2J` clears the screen, an OSC 8 sequence hides a link behind other text, and a lone `\r`
 * returns to the start of the line so that what follows overwrites it (a ✘ redrawn as ✔). Every
 * human-readable line the CLI prints passes data through {@link terminalText}; the CLI's own
 * escapes (the status line) are written around it, never through it.
 */

/**
 * The characters a terminal acts on instead of showing: C0 controls, DEL, C1 controls (some
 * terminals take U+009B as CSI), the Unicode line and paragraph separators, and the bidirectional
 * overrides, isolates and marks, which reorder what is shown ("Trojan source").
 */
export const controlCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const named: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One control character as visible text: `\n`, `\r`, `\t`, `\x1b`, `\u202e`. */
export function visibleControl(char: string): string {
  const known = named[char];
  if (known !== undefined) return known;
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every control character written out visibly (`\x1b[2J` shows as those six
 * characters), on one line. Everything else, backslashes included, is left as it is.
 */
export function terminalText(text: string): string {
  controlCharacters.lastIndex = 0;
  return controlCharacters.test(text) ? text.replace(controlCharacters, visibleControl) : text;
}

/**
 * {@link terminalText}, but a tab stays a tab: it only moves to the next tab stop, and console
 * logs align their columns with it.
 */
export function terminalTextKeepingTabs(text: string): string {
  controlCharacters.lastIndex = 0;
  if (!controlCharacters.test(text)) return text;
  return text.replace(controlCharacters, (char) => (char === "\t" ? char : visibleControl(char)));
}
