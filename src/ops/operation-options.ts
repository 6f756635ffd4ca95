/** Options every run operation takes, and their checks (before any request). */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { InvalidArgumentError } from "../errors.js";
import { assertKnownOptions, positiveInteger } from "../options.js";

/** The optional last argument of every run operation. */
export interface OperationOptions {
  /** Rejects this call at once when aborted (with the signal's reason). */
  signal?: AbortSignal | undefined;
  /** Ask the server even when the client's cache could answer; the answer refreshes the cache. */
  fresh?: boolean | undefined;
}

/** Options of {@link runConfig} and {@link runSummary}. */
export interface KeysOptions extends OperationOptions {
  /**
   * Top-level keys to fetch; the server sends only those (`config(keys:)`,
   * `summaryMetrics(keys:)`). Without it, the whole object.
   */
  keys?: readonly string[] | undefined;
}

/**
 * Options of {@link runConfig} and {@link runSummary} with a validator: the answer is checked with
 * `schema` and typed as its output.
 *
 * @example
 * ```ts
 * import * as z from "zod";
 * const TrainConfig = z.object({ learning_rate: z.number().positive(), batch_size: z.number().int() });
 * const config = await runConfig(run, { schema: TrainConfig }); // { learning_rate: number; batch_size: number }
 * // A run logged with `lr` instead rejects: RunSchemaError, issues [{ path: ["learning_rate"], … }]
 * ```
 */
export interface SchemaOptions<S extends StandardSchemaV1 | undefined> extends KeysOptions {
  /**
   * Any Standard Schema v1 validator (zod, valibot, arktype, …). The config or summary must pass
   * it, else the call rejects with {@link errors!RunSchemaError | RunSchemaError}; the result is
   * the validator's output (it may transform or strip values).
   */
  schema?: S;
}

/** What {@link runConfig} and {@link runSummary} resolve to: the schema's output, else `T`. */
export type Validated<T, S extends StandardSchemaV1 | undefined> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : T;

const baseNames = ["signal", "fresh"];
// Shared by every call made without options; frozen, so no caller can change it for the others.
const noOptions: OperationOptions = Object.freeze({});

/** Checks an operation's options object; returns it typed, with defaults for absent fields. */
export function checkOptions<T extends OperationOptions>(
  options: T | undefined,
  operation: string,
  extraNames: readonly string[] = [],
): T {
  if (options === undefined) return noOptions as T;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${operation}: options must be an object`, { operation });
  }
  assertKnownOptions(options, new Set([...baseNames, ...extraNames]), operation);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new InvalidArgumentError(`${operation}: signal must be an AbortSignal`, { operation });
  }
  if (options.fresh !== undefined && typeof options.fresh !== "boolean") {
    throw new InvalidArgumentError(`${operation}: fresh must be true or false`, { operation });
  }
  return options;
}

/** A list of keys: non-empty strings, duplicates dropped; undefined stays undefined. */
export function checkKeys(keys: unknown, operation: string): string[] | undefined {
  return checkNames(keys, "keys", operation);
}

/**
 * A list of names (`keys`, `paths`, `names`): non-empty strings, duplicates dropped; undefined
 * stays undefined.
 */
export function checkNames(value: unknown, name: string, operation: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item === "")) {
    throw new InvalidArgumentError(`${operation}: ${name} must be an array of non-empty strings`, {
      operation,
    });
  }
  return [...new Set(value as string[])];
}

/** A whole number >= 1 or the default, with the operation named in the error. */
export function checkCount(value: unknown, name: string, operation: string, fallback: number): number {
  try {
    return positiveInteger(value, name, fallback);
  } catch (error) {
    throw new InvalidArgumentError(`${operation}: ${(error as Error).message}`, { operation });
  }
}

/**
 * Runs an operation's body so that what it throws (a bad argument) rejects the promise it returns,
 * as from an async function, but without the promise an async function adds to every call: on
 * the batched path the loader's promise is the only one.
 */
export function rejectThrown<T>(body: () => Promise<T>): Promise<T> {
  try {
    return body();
  } catch (error) {
    return Promise.reject(error);
  }
}
