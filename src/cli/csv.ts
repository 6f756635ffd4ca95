/** CSV as RFC 4180 writes it: CRLF line ends, fields with `"`, `,`, CR or LF quoted, quotes doubled. */

/** One field, quoted only when it has to be. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
