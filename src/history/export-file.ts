/**
 * One Parquet history export, read with hyparquet: its footer, which of its row groups can hold
 * steps in a range (by the `_step` column's min/max statistics), and the columns asked for of one
 * row group, decoded as column arrays. Only top-level columns the file has are read (W&B's files
 * differ in their column sets, and a key a file lacks is simply absent there). Anything hyparquet
 * cannot read is a WandbResponseError naming the run and the file.
 */
import {
  type AsyncBuffer,
  type FileMetaData,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
} from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { WandbError, WandbResponseError } from "../errors.js";

/** Bytes of the file's end fetched first: the footer of a file of a few thousand columns fits. */
const footerFetchBytes = 64 * 1024;

/** An opened export file. */
export interface ExportFile {
  /** What errors call it: the object's name in the URL. */
  readonly name: string;
  readonly runPath: string;
  readonly operation: string;
  readonly buffer: AsyncBuffer;
  readonly metadata: FileMetaData;
  /** Its top-level column names. */
  readonly columns: ReadonlySet<string>;
}

/** One row group and the steps it may hold. */
export interface GroupRef {
  readonly file: ExportFile;
  readonly index: number;
  /** Index of its first row in the file. */
  readonly start: number;
  readonly rows: number;
  /** Its smallest `_step` by statistics; `-Infinity` when the file has none. */
  readonly minStep: number;
  /** Its largest `_step` by statistics; `Infinity` when the file has none. */
  readonly maxStep: number;
}

/** One row group's columns, decoded: values by row, `null`/`undefined` where a row has none. */
export interface DecodedGroup {
  readonly rows: number;
  /** `_step` per row: bigint (INT64), number (DOUBLE), or null. */
  readonly steps: ArrayLike<unknown>;
  /** The asked columns the file has, by name. */
  readonly columns: ReadonlyMap<string, ArrayLike<unknown>>;
}

/** The error for a file that is not a readable Parquet history export. */
export function unreadableExport(
  file: { name: string; runPath: string; operation: string },
  why: string,
  cause?: unknown,
): WandbResponseError {
  return new WandbResponseError(`history export ${file.name} of run ${file.runPath} cannot be read: ${why}`, {
    operation: file.operation,
    runPath: file.runPath,
    field: "parquetHistory",
    cause,
  });
}

/** Reads the file's footer. */
export async function openExportFile(
  buffer: AsyncBuffer,
  name: string,
  runPath: string,
  operation: string,
): Promise<ExportFile> {
  const where = { name, runPath, operation };
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer, { initialFetchSize: footerFetchBytes });
  } catch (error) {
    throw asReadError(error, where);
  }
  const columns = new Set(parquetSchema(metadata).children.map((child) => child.element.name));
  if (!columns.has("_step")) throw unreadableExport(where, "it has no _step column");
  return { name, runPath, operation, buffer, metadata, columns };
}

/** The row groups that may hold a step in `[minStep, maxStep)`, in file order. */
export function groupsInRange(file: ExportFile, minStep: number, maxStep: number): GroupRef[] {
  const groups: GroupRef[] = [];
  let start = 0;
  file.metadata.row_groups.forEach((group, index) => {
    const rows = Number(group.num_rows);
    const chunk = group.columns.find((column) => {
      const path = column.meta_data?.path_in_schema;
      return path?.length === 1 && path[0] === "_step";
    });
    const stats = chunk?.meta_data?.statistics;
    const low = statNumber(stats?.min_value ?? stats?.min, Number.NEGATIVE_INFINITY);
    const high = statNumber(stats?.max_value ?? stats?.max, Number.POSITIVE_INFINITY);
    if (rows > 0 && high >= minStep && low < maxStep) {
      groups.push({ file, index, start, rows, minStep: low, maxStep: high });
    }
    start += rows;
  });
  return groups;
}

function statNumber(value: unknown, fallback: number): number {
  const number = typeof value === "bigint" ? Number(value) : value;
  return typeof number === "number" && !Number.isNaN(number) ? number : fallback;
}

/**
 * Decodes `_step` and the asked columns (`undefined`: every column) the file has, of one row group.
 */
export async function decodeGroup(
  group: GroupRef,
  keys: readonly string[] | undefined,
): Promise<DecodedGroup> {
  const { file } = group;
  const wanted =
    keys === undefined ? [...file.columns] : ["_step", ...keys.filter((key) => file.columns.has(key))];
  const names = [...new Set(wanted)];
  const pieces = new Map<string, Array<{ at: number; data: ArrayLike<unknown> }>>();
  try {
    await parquetRead({
      file: file.buffer,
      metadata: file.metadata,
      columns: names,
      rowStart: group.start,
      rowEnd: group.start + group.rows,
      compressors,
      onChunk: ({ columnName, columnData, rowStart }) => {
        let list = pieces.get(columnName);
        if (!list) {
          list = [];
          pieces.set(columnName, list);
        }
        list.push({ at: rowStart - group.start, data: columnData });
      },
    });
  } catch (error) {
    throw asReadError(error, file);
  }
  const columns = new Map<string, ArrayLike<unknown>>();
  for (const name of names) columns.set(name, joined(pieces.get(name), group.rows, file));
  const steps = columns.get("_step") as ArrayLike<unknown>;
  columns.delete("_step");
  return { rows: group.rows, steps, columns };
}

/** A column's pieces as one array of the group's length. */
function joined(
  list: Array<{ at: number; data: ArrayLike<unknown> }> | undefined,
  rows: number,
  file: ExportFile,
): ArrayLike<unknown> {
  if (!list || list.length === 0) throw unreadableExport(file, "a column chunk decoded to nothing");
  const only = list[0];
  if (list.length === 1 && only && only.at === 0 && only.data.length === rows) return only.data;
  const all: unknown[] = new Array(rows).fill(null);
  for (const { at, data } of list) {
    for (let i = 0; i < data.length && at + i < rows; i++) all[at + i] = data[i];
  }
  return all;
}

function asReadError(error: unknown, file: { name: string; runPath: string; operation: string }): WandbError {
  if (error instanceof WandbError) return error;
  const why = error instanceof Error ? error.message : String(error);
  return unreadableExport(file, why.includes("PAR1") ? `not a Parquet file (${why})` : why, error);
}
