// The artifact lookups the loader composes (one aliased project per project, one aliased membership
// per version) validate against schema/ for every shape, and their variables coerce; the loader packs
// versions into requests and sends no more of them than the slots it is given.
import { getVariableValues, Kind, type OperationDefinitionNode, print, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { ArtifactNotFoundError } from "../../src/index.js";
import { versionsDocument, versionsVariables } from "../../src/loaders/artifact-batch-document.js";
import { ArtifactLoader, packVersionChunks } from "../../src/loaders/artifact-loader.js";
import { Dispatcher } from "../../src/loaders/dispatcher.js";
import { resolveOptions } from "../../src/options.js";
import type { Transport } from "../../src/transport/http-transport.js";
import { loadSchema } from "../helpers/schema.js";

const schema = loadSchema();

describe("versionsDocument", () => {
  it.each([[[1]], [[2]], [[50]], [[3, 2]], [[1, 1, 1, 1]], [[25, 25]]])(
    "validates for parts of %j versions, and its variables coerce",
    (sizes) => {
      const document = versionsDocument(sizes);
      expect(validate(schema, document)).toEqual([]);
      const variables = versionsVariables(
        sizes.map((size, part) => ({
          entity: "acme",
          project: `p${part}`,
          names: Array.from({ length: size }, (_, v) => `model:v${v}`),
        })),
      );
      const operation = document.definitions.find(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      ) as OperationDefinitionNode;
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      expect(coerced.errors).toBeUndefined();
      expect(Object.keys(variables)).toHaveLength(sizes.length * 2 + sizes.reduce((a, b) => a + b, 0));
    },
  );

  it("keeps W&B's operation name and aliases every copy", () => {
    const text = print(versionsDocument([2, 1]));
    expect(text).toMatch(
      /^query ArtifactVersionByName\(\$entity_0: String!, \$project_0: String!, \$name_0_0: String!/,
    );
    expect(text).toContain("p0: project(name: $project_0, entityName: $entity_0)");
    expect(text).toContain("v1: artifactCollectionMembership(name: $name_0_1)");
    expect(text).toContain("p1: project(name: $project_1, entityName: $entity_1)");
    expect(versionsDocument([2, 1])).toBe(versionsDocument([2, 1]));
  });
});

describe("packVersionChunks", () => {
  const chunk = (project: string, count: number) => ({
    entity: "acme",
    project,
    paths: Array.from({ length: count }, (_, i) => ({ path: `${project}/${i}` }) as never),
  });
  const shape = (requests: ReturnType<typeof packVersionChunks>) =>
    requests.map((request) => request.map((part) => `${part.project}:${part.paths.length}`));

  it.each([
    [
      [
        ["a", 50],
        ["b", 50],
      ],
      50,
      [["a:50"], ["b:50"]],
    ],
    [
      [
        ["a", 60],
        ["b", 40],
      ],
      50,
      [["a:50"], ["b:40", "a:10"]],
    ],
    [
      [
        ["a", 70],
        ["b", 30],
      ],
      50,
      [["a:50"], ["b:30", "a:20"]],
    ],
    [
      [
        ["a", 3],
        ["b", 2],
      ],
      50,
      [["a:3", "b:2"]],
    ],
    [[["a", 120]], 50, [["a:50"], ["a:50"], ["a:20"]]],
  ] as const)("packs %j at %i a request", (parts, max, expected) => {
    const requests = packVersionChunks(
      parts.map(([project, count]) => chunk(project, count)),
      max,
    );
    expect(shape(requests)).toEqual(expected);
  });
});

describe("ArtifactLoader.sendWaiting", () => {
  it("sends at most the slots it is given; the rest waits for the next call", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const transport = {
      stats: { requests: 0, retries: 0, bytesReceived: 0 },
      request: async (request: { variables: unknown }) => {
        sent.push(request.variables as Record<string, unknown>);
        return { data: {}, errors: [], operationName: "ArtifactVersionByName" };
      },
    } as unknown as Transport;
    const options = resolveOptions({ apiKey: "k".repeat(40), maxBatchSize: 2 }, { env: {}, home: "/none" });
    // A dispatcher that never flushes by itself: the test calls sendWaiting as it would.
    const slots = { free: 0, onFree: () => {} };
    const loader = new ArtifactLoader(
      transport,
      options,
      new Dispatcher(slots, { batchWindowMs: 0, schedule: () => {} }),
    );
    const ref = (project: string, v: number) => ({ entity: "acme", project, name: "model", alias: `v${v}` });
    const answers = [ref("a", 0), ref("a", 1), ref("b", 0), ref("b", 1), ref("c", 0)].map((r) =>
      loader.version(r, {}).catch((error: unknown) => error),
    );
    expect(loader.waiting).toBe(true);
    // Three requests' worth waits (2 + 2 + 1 at two versions a request); one slot sends one.
    expect(loader.sendWaiting(1)).toBe(1);
    expect(sent).toHaveLength(1);
    expect(loader.waiting).toBe(true);
    expect(loader.sendWaiting(5)).toBe(2);
    expect(loader.waiting).toBe(false);
    // Every version is answered (here: not found, the stub's parts being empty).
    for (const answer of await Promise.all(answers)) expect(answer).toBeInstanceOf(ArtifactNotFoundError);
    expect(sent).toHaveLength(3);
  });
});
