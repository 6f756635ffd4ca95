// The mock's Parquet history exports: files written with hyparquet-writer, Range on the storage
// host, liveData past the exported step, and an older server that lacks parquetHistory.
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterEach, describe, expect, it } from "vitest";
import { type MockServer, startMockServer } from "../../mocks/index.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const history = Array.from({ length: 30 }, (_, step) => ({
  _step: step,
  loss: step / 10,
  ...(step >= 20 ? { late: "x" } : {}),
}));

async function start(options: Parameters<typeof startMockServer>[0]) {
  server = await startMockServer(options);
  return server;
}

interface Answer {
  data: { project: { run: { parquetHistory: { parquetUrls: string[]; liveData: unknown[] } } } };
  errors: Array<{ message: string }>;
}

async function parquetHistory(url: string): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query:
        'query Q { project(name: "p", entityName: "e") { run(name: "r") { parquetHistory(liveKeys: ["_step"]) { parquetUrls liveData } } } }',
    }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

describe("mock history exports", () => {
  it("lists the export files and the live steps past throughStep, only their liveKeys", async () => {
    const mock = await start({
      runs: [
        {
          entity: "e",
          project: "p",
          id: "r",
          history,
          historyExport: { throughStep: 25, files: 2, stepType: "DOUBLE" },
        },
      ],
    });
    const { status, body } = await parquetHistory(mock.url);
    expect(status).toBe(200);
    const { parquetUrls, liveData } = body.data.project.run.parquetHistory;
    expect(parquetUrls).toHaveLength(2);
    expect(liveData).toEqual([25, 26, 27, 28, 29].map((step) => ({ _step: step })));
    const [one, two] = await Promise.all(parquetUrls.map(async (url) => (await fetch(url)).arrayBuffer()));
    if (!one || !two) throw new Error("two files expected");
    const first = parquetMetadata(one);
    expect(first.schema.map((element) => element.name)).toEqual(["root", "_step", "loss"]);
    expect(first.schema[1]?.type).toBe("DOUBLE");
    const second = await parquetReadObjects({ file: two });
    expect(second.map((row) => row._step)).toEqual([13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(second.at(-1)).toEqual({ _step: 24, loss: 2.4, late: "x" });
  });

  it("answers Range requests with 206 and Content-Range, 416 past the end, and logs the bytes", async () => {
    const mock = await start({ runs: [{ entity: "e", project: "p", id: "r", history, historyExport: {} }] });
    const url = (await parquetHistory(mock.url)).body.data.project.run.parquetHistory
      .parquetUrls[0] as string;
    const whole = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const part = await fetch(url, { headers: { range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-3/${whole.length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe("PAR1");
    const tail = await fetch(url, { headers: { range: "bytes=-4" } });
    expect(Buffer.from(await tail.arrayBuffer()).toString()).toBe("PAR1");
    expect((await fetch(url, { headers: { range: `bytes=${whole.length}-` } })).status).toBe(416);
    expect(mock.fileRequests.map((r) => [r.status, r.bytes])).toEqual([
      [200, whole.length],
      [206, 4],
      [206, 4],
      [416, 0],
    ]);
  });

  it("plays an older server: a document with parquetHistory fails validation", async () => {
    const mock = await start({
      runs: [{ entity: "e", project: "p", id: "r", history }],
      serverLacks: ["Run.parquetHistory"],
    });
    const { status, body } = await parquetHistory(mock.url);
    expect(status).toBe(400);
    expect(body.errors[0]?.message).toMatch(/Cannot query field "parquetHistory" on type "Run"/);
  });

  it("refuses a bad historyExport or serverLacks", async () => {
    await expect(
      startMockServer({
        runs: [{ entity: "e", project: "p", id: "r", historyExport: { files: "2" as unknown as number } }],
      }),
    ).rejects.toThrow(/historyExport.files must be number/);
    await expect(
      startMockServer({ serverLacks: "Run.parquetHistory" as unknown as string[] }),
    ).rejects.toThrow(/serverLacks must be an array/);
  });
});
