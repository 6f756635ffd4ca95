/**
 * Writing rows as a table, a JSON array, NDJSON or CSV. NDJSON, CSV and JSON stream: each batch is
 * written as it comes; a table waits for every row, since its columns fit the widest cell.
 */
import { type CellValue, cellText, toJsonText } from "./cell-value.js";
import { csvRecord } from "./csv.js";
import type { CliOutput } from "./output.js";
import { hiddenColumnsNote, layoutTable } from "./table.js";

/** The output formats of row listings. */
export type RowFormat = "table" | "json" | "ndjson" | "csv";

/** Takes rows batch by batch, then finishes the output. */
export interface RowWriter {
  write(rows: ReadonlyArray<readonly CellValue[]>): Promise<void>;
  end(): Promise<void>;
}

/**
 * A table's lines fitted to `maxWidth`, leaving out columns in `dropOrder` (least useful first)
 * rather than cutting them unreadably; a line on stderr names those left out.
 */
export function tableLines(
  output: CliOutput,
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  maxWidth: number | undefined,
  dropOrder: readonly number[],
): string[] {
  const { lines, hidden } = layoutTable(header, rows, maxWidth, { dropOrder });
  if (hidden.length > 0) output.err(hiddenColumnsNote(hidden, maxWidth));
  return lines;
}

function rowObject(columns: readonly string[], row: readonly CellValue[]): Record<string, CellValue> {
  return Object.fromEntries(columns.map((column, i) => [column, row[i] ?? null]));
}

/** How a {@link rowWriter} writes. */
export interface RowWriterOptions {
  /** Leave missing values out of JSON objects (sparse rows such as history). */
  omitMissing?: boolean;
  /** The width a table fits (default: the terminal's); undefined with `--wide`. */
  maxWidth?: number | undefined;
  /** Per column, its text in a table or CSV when not {@link cellText} (tags as `a, b`). */
  text?: ReadonlyArray<((value: CellValue) => string) | undefined>;
}

/**
 * A writer for `columns` in `format`. Missing values are `null` in JSON (every object has every
 * column) and empty in CSV and tables; `omitMissing` drops them from JSON objects instead. A table
 * too wide for its width leaves columns out from the right (the first stays) and says so on stderr.
 */
export function rowWriter(
  output: CliOutput,
  columns: readonly string[],
  format: RowFormat,
  options: RowWriterOptions = {},
): RowWriter {
  const toObject = (row: readonly CellValue[]) => {
    const object = rowObject(columns, row);
    if (options.omitMissing) {
      for (const [key, value] of Object.entries(object)) if (value === null) delete object[key];
    }
    return object;
  };
  // Each cell named by its column (`config.lr`), for the error about a value too deep to write.
  const cells = (row: readonly CellValue[]) =>
    row.map((value, i) => options.text?.[i]?.(value) ?? cellText(value, (columns[i] ?? "").split(".")));
  switch (format) {
    case "ndjson":
      return {
        write: (rows) => output.out(rows.map((row) => `${toJsonText(toObject(row))}\n`).join("")),
        end: async () => {},
      };
    case "csv": {
      let started = false;
      const header = async () => {
        if (!started) await output.out(csvRecord(columns));
        started = true;
      };
      return {
        write: async (rows) => {
          await header();
          await output.out(
            rows
              .map((row) =>
                csvRecord(
                  cells(row),
                  row.map((value) => typeof value === "number"),
                ),
              )
              .join(""),
          );
        },
        end: header,
      };
    }
    case "json": {
      let count = 0;
      return {
        write: async (rows) => {
          const items = rows.map((row) => `${count++ === 0 ? "[\n" : ",\n"}  ${toJsonText(toObject(row))}`);
          await output.out(items.join(""));
        },
        end: () => output.out(count === 0 ? "[]\n" : "\n]\n"),
      };
    }
    case "table": {
      const all: string[][] = [];
      return {
        write: async (rows) => {
          for (const row of rows) all.push(cells(row));
        },
        end: async () => {
          const maxWidth = "maxWidth" in options ? options.maxWidth : output.columns;
          // Least useful first: the last column, then the one before; the first (the id) stays.
          const dropOrder = columns.map((_, i) => columns.length - 1 - i).slice(0, -1);
          const lines = tableLines(output, columns, all, maxWidth, dropOrder);
          await output.out(lines.map((line) => `${line}\n`).join(""));
        },
      };
    }
  }
}
