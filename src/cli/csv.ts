/**
 * CSV as RFC 4180 writes it (CRLF line ends, fields with `"`, `,`, CR or LF quoted, quotes
 * doubled), with two guards for where CSV ends up: spreadsheets and terminals.
 *
 * - Formula injection (OWASP's rule): a text cell starting with `=`, `+`, `-`, `@`, tab or CR is
 *   one a spreadsheet may run as a formula (`=HYPERLINK(…)`, `-2+3+cmd|…`), so it gets a leading
 *   `'`, which spreadsheets show as text. A cell written from a number (`-0.5`, `-Infinity`) is
 *   left as it is: it is a number, and a spreadsheet reads it as one.
 * - Control characters other than tab, CR and LF (which quoting keeps) are written out visibly
 *   (`\x1b`), as in every other output meant to be read: `history` prints CSV to the terminal.
 */
import { controlCharacters, visibleControl } from "../output/terminal-text.js";

const formulaStart = /^[=+\-@\t\r]/;
/** Kept as they are: quoting carries them, and a multi-line cell is a legitimate value. */
const quotable = "\t\r\n";

/** One field, quoted only when it has to be; `numeric` when it was written from a number. */
export function csvField(text: string, numeric = false): string {
  let field = text.replace(controlCharacters, (char) =>
    quotable.includes(char) ? char : visibleControl(char),
  );
  if (!numeric && formulaStart.test(field)) field = `'${field}`;
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** One record, with its CRLF; `numeric[i]` says field `i` was written from a number. */
export function csvRecord(fields: readonly string[], numeric: readonly boolean[] = []): string {
  return `${fields.map((field, i) => csvField(field, numeric[i] === true)).join(",")}\r\n`;
}
