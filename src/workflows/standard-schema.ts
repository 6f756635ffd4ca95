/**
 * Checking a config or summary with a validator the caller brings: any Standard Schema v1
 * implementation (zod, valibot, arktype, …). Only the spec's types are a dependency; the
 * validator is the caller's.
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { InvalidArgumentError, RunSchemaError, type SchemaIssue } from "../errors.js";

/** Throws unless `schema` is a Standard Schema v1 validator. */
export function checkSchema(schema: unknown, operation: string): asserts schema is StandardSchemaV1 {
  const props =
    typeof schema === "object" || typeof schema === "function"
      ? (schema as Partial<StandardSchemaV1> | null)?.["~standard"]
      : undefined;
  if (props?.version !== 1 || typeof props.validate !== "function") {
    throw new InvalidArgumentError(
      `${operation}: schema must be a Standard Schema v1 validator (zod, valibot, arktype, …)`,
      { operation },
    );
  }
}

/**
 * The validator's output for `value` (it may transform it), or a {@link RunSchemaError} naming
 * the run and listing each issue with its path. Synchronous and asynchronous validators alike.
 */
export async function validateWithSchema<S extends StandardSchemaV1>(
  schema: S,
  value: unknown,
  section: "config" | "summary",
  runPath: string,
  operation: string,
): Promise<StandardSchemaV1.InferOutput<S>> {
  const result = await schema["~standard"].validate(value);
  if (result.issues === undefined) return result.value as StandardSchemaV1.InferOutput<S>;
  throw new RunSchemaError(section, result.issues.map(toSchemaIssue), { operation, runPath });
}

function toSchemaIssue(issue: StandardSchemaV1.Issue): SchemaIssue {
  const path = (issue.path ?? []).map((segment) => {
    const key = typeof segment === "object" && segment !== null ? segment.key : segment;
    return typeof key === "number" ? key : String(key);
  });
  return { message: issue.message, path };
}
