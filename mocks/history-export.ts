/**
 * A run's history as W&B's Parquet exports (reference §1): the rows below a step written with
 * hyparquet-writer, `_step` as INT64 or DOUBLE, split by step into files that each hold only the
 * columns their rows logged. Numbers are DOUBLE (NaN and ±Infinity native), strings STRING,
 * booleans BOOLEAN, and anything else (lists, nested dicts, media objects) a JSON column, which
 * readers decode back to the value. A key logged with values of several kinds is a JSON column.
 */
import { type ColumnSource, parquetWriteBuffer } from "hyparquet-writer";
import type { JsonValue } from "../src/wire/json.js";
import type { MockHistoryExport, MockHistoryRow } from "./types.js";

/** The rows of each export file, split evenly by step. */
export function exportedParts(
  rows: readonly MockHistoryRow[],
  options: MockHistoryExport,
): MockHistoryRow[][] {
  const through = options.throughStep ?? Number.POSITIVE_INFINITY;
  const exported = rows.filter((row) => row._step < through);
  const count = Math.max(1, Math.min(options.files ?? 1, exported.length || 1));
  const size = Math.ceil(exported.length / count);
  const parts: MockHistoryRow[][] = [];
  for (let i = 0; i < count; i++) parts.push(exported.slice(i * size, (i + 1) * size));
  return parts;
}

type Kind = "DOUBLE" | "STRING" | "BOOLEAN" | "JSON";

function kindOf(value: JsonValue): Kind {
  if (typeof value === "number") return "DOUBLE";
  if (typeof value === "string") return "STRING";
  if (typeof value === "boolean") return "BOOLEAN";
  return "JSON";
}

/** One export file's bytes. */
export function writeExportFile(rows: readonly MockHistoryRow[], options: MockHistoryExport): Uint8Array {
  const kinds = new Map<string, Kind>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (key === "_step" || value === null || value === undefined) continue;
      const kind = kindOf(value);
      const seen = kinds.get(key);
      kinds.set(key, seen === undefined || seen === kind ? kind : "JSON");
    }
  }
  const int64 = (options.stepType ?? "INT64") === "INT64";
  const columnData: ColumnSource[] = [
    {
      name: "_step",
      data: int64 ? rows.map((row) => BigInt(row._step)) : rows.map((row) => row._step),
      type: int64 ? "INT64" : "DOUBLE",
      nullable: false,
    },
  ];
  for (const [key, kind] of kinds) {
    columnData.push({
      name: key,
      data: rows.map((row) => (Object.hasOwn(row, key) ? (row[key] ?? null) : null)),
      type: kind,
      nullable: true,
    });
  }
  const buffer = parquetWriteBuffer({
    columnData,
    rowGroupSize: options.rowGroupSize ?? 1000,
    kvMetadata: [{ key: "wandb-compacted", value: "true" }],
  });
  return new Uint8Array(buffer);
}
