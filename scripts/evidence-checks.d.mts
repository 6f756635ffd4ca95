// Types of scripts/evidence-checks.mjs for the tests that import it.
import type { DefinitionNode, GraphQLSchema } from "graphql";

export interface Verdict {
  status: "pass" | "fail" | "unchecked";
  detail: string;
}

export type Element =
  | { kind: "def"; name: string; defKind: string; interfaces: string[]; members: string[] }
  | { kind: "field"; parent: string; name: string; type: string; args: Map<string, string> }
  | { kind: "value"; parent: string; name: string };

export interface PythonClass {
  bases: string[];
  attributes: Map<string, { annotation: string; alias?: string }>;
  assignments: Map<string, string>;
  typenames: string[];
}

export interface GoStruct {
  graphqlType?: string;
  members: Map<string, { goType: string; jsonKey: string }>;
}

export function tsTypeToSdl(expression: string): string;
export function pythonTypeToSdl(annotation: string): string;
export function goTypeToSdl(goType: string): string;
export function variableFits(declared: string, expected: string, hasDefault?: boolean): boolean;
export function checkDump(
  text: string,
  symbol: string,
  kind: string,
  element: Element,
  args?: string[],
): Verdict;
export function readPythonClass(text: string, name: string): PythonClass | undefined;
export function readPythonEnum(text: string, name: string): { values: string[] } | undefined;
export function checkPythonAttribute(
  attribute: { annotation: string; alias?: string },
  kind: string,
  element: Element,
  typeOfClass?: (name: string) => string[] | undefined,
): Verdict;
export function checkPythonField(
  pythonClass: PythonClass,
  attrName: string,
  element: Element,
  definitions: readonly DefinitionNode[],
  schema: GraphQLSchema,
  className: string,
): Verdict;
export function readGoStruct(text: string, name: string): GoStruct | undefined;
export function checkGoMember(
  struct: GoStruct,
  memberName: string,
  kind: string,
  element: Element,
  typeOfStruct?: (name: string) => string[] | undefined,
): Verdict;
export function graphqlDefinitions(texts: string[]): DefinitionNode[];
export function graphqlInPython(text: string): DefinitionNode[];
export function checkOperation(
  definitions: readonly DefinitionNode[],
  schema: GraphQLSchema,
  symbol: string,
  kind: string,
  element: Element,
  args?: string[],
): Verdict;
