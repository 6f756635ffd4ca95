// client.runs() against a server that misbehaves: a run repeated across pages, a stuck cursor.
import { expect, it } from "vitest";
import { createClient, WandbResponseError } from "../../src/index.js";
import { lightRunNode, replyJson, useLoopbackServers } from "../helpers/loopback.js";

const apiKey = "local-0123456789abcdef0123456789abcdef01234567";
const loopback = useLoopbackServers();

async function pagesServer(
  pages: Array<{ names: string[]; cursor: string; hasNextPage: boolean }>,
): Promise<{ baseUrl: string; afters: unknown[] }> {
  const afters: unknown[] = [];
  const baseUrl = await loopback.listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString()) as { variables: { after: unknown } };
      afters.push(variables.after);
      const page = pages[afters.length - 1] ?? pages[pages.length - 1];
      replyJson(res, 200, {
        data: {
          project: {
            runs: {
              edges: page?.names.map((name) => ({ cursor: `${page.cursor}`, node: lightRunNode(name) })),
              pageInfo: { endCursor: page?.cursor, hasNextPage: page?.hasNextPage },
            },
          },
        },
      });
    });
  });
  return { baseUrl, afters };
}

it("yields a run the server repeats on a later page once, paging with the last edge's cursor", async () => {
  const server = await pagesServer([
    { names: ["a", "b", "c"], cursor: "c1", hasNextPage: true },
    { names: ["c", "d"], cursor: "c2", hasNextPage: false },
  ]);
  const wb = createClient({ apiKey, baseUrl: server.baseUrl });
  const ids = (await wb.runs("acme/p", { pageSize: 3 }).toArray()).map((run) => run.id);
  expect(ids).toEqual(["a", "b", "c", "d"]);
  expect(server.afters).toEqual([null, "c1"]);
});

it("raises WandbResponseError instead of looping when the cursor does not advance", async () => {
  const server = await pagesServer([
    { names: ["a"], cursor: "same", hasNextPage: true },
    { names: ["b"], cursor: "same", hasNextPage: true },
  ]);
  const wb = createClient({ apiKey, baseUrl: server.baseUrl });
  const ids: string[] = [];
  const failure = await (async () => {
    for await (const run of wb.runs("acme/p")) ids.push(run.id);
  })().catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(WandbResponseError);
  expect((failure as Error).message).toMatch(/cursor did not advance/);
  expect(ids).toEqual(["a", "b"]);
  expect(server.afters).toHaveLength(2);
});
