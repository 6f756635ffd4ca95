// History exports against scripted servers: a W&B that lists one export, and storage hosts that
// answer Range requests badly, stall, or fail for a while.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterEach, describe, expect, it } from "vitest";
import { createClient, readRunHistoryColumns, WandbResponseError } from "../../src/index.js";
import { readGraphQLCall, recordGraphQLBody, replyJson, useLoopbackServers } from "../helpers/loopback.js";

const servers = useLoopbackServers();
afterEach(() => servers.closeAll());

const file = new Uint8Array(
  parquetWriteBuffer({
    columnData: [
      { name: "_step", data: [0n, 1n, 2n, null, 4n], type: "INT64", nullable: true },
      {
        name: "loss",
        data: [0.5, Number.NaN, null, 9, Number.NEGATIVE_INFINITY],
        type: "DOUBLE",
        nullable: true,
      },
    ],
  }),
);

interface StorageLog {
  ranges: string[];
  authorization: boolean;
}

/** A W&B that lists one export on `storage`, no live rows. */
async function wandbListing(storage: string, calls: string[]): Promise<string> {
  return servers.listen(async (req: IncomingMessage, res: ServerResponse) => {
    recordGraphQLBody(req);
    const call = await readGraphQLCall(req);
    calls.push(call.operationName);
    replyJson(res, 200, {
      data: {
        project: {
          run: {
            name: "r1",
            parquetHistory: { parquetUrls: [`${storage}/bucket/r1-0.parquet?sig=1`], liveData: [] },
          },
        },
      },
    });
  });
}

/** A storage host that answers each Range request with `answer`. */
function storageHost(log: StorageLog, answer: (range: string, res: ServerResponse, n: number) => void) {
  let n = 0;
  return servers.listen((req, res) => {
    log.ranges.push(String(req.headers.range));
    if (req.headers.authorization !== undefined) log.authorization = true;
    answer(String(req.headers.range), res, n++);
  });
}

function sendRange(range: string, res: ServerResponse): void {
  const [from, to] = (/bytes=(\d+)-(\d+)/.exec(range) ?? []).slice(1).map(Number) as [number, number];
  const last = Math.min(to, file.length - 1);
  res.writeHead(206, { "content-range": `bytes ${from}-${last}/${file.length}` });
  res.end(file.subarray(from, last + 1));
}

function client(url: string) {
  return createClient({
    apiKey: "secret-key",
    baseUrl: url,
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
  });
}

describe("history exports from scripted storage", () => {
  it("reads a file with a null step, NaN and -Infinity, without W&B's key", async () => {
    const log: StorageLog = { ranges: [], authorization: false };
    const calls: string[] = [];
    const storage = await storageHost(log, (range, res) => sendRange(range, res));
    const wb = client(await wandbListing(storage, calls));
    const { steps, columns } = await readRunHistoryColumns(wb.run("acme/p/r1"), { keys: ["loss"] });
    expect(Array.from(steps)).toEqual([0, 1, 4]);
    const loss = columns.loss;
    if (loss?.kind !== "number") throw new Error("loss should be numeric");
    expect(Array.from(loss.values)).toEqual([0.5, Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(calls).toEqual(["RunParquetHistory"]);
    expect(log.authorization).toBe(false);
    expect(log.ranges[0]).toBe("bytes=0-3");
    expect(log.ranges.every((range) => /^bytes=\d+-\d+$/.test(range))).toBe(true);
  });

  it("refuses a storage host that ignores Range (200, the whole file)", async () => {
    const log: StorageLog = { ranges: [], authorization: false };
    const storage = await storageHost(log, (_range, res) => {
      res.writeHead(200, { "content-length": String(file.length) });
      res.end(file);
    });
    const wb = client(await wandbListing(storage, []));
    await expect(readRunHistoryColumns(wb.run("acme/p/r1"))).rejects.toThrow(WandbResponseError);
    await expect(readRunHistoryColumns(wb.run("acme/p/r1"))).rejects.toThrow(/ignored the Range request/);
  });

  it("retries a 503 and a cut-off range, then reads the rows", async () => {
    const log: StorageLog = { ranges: [], authorization: false };
    const storage = await storageHost(log, (range, res, n) => {
      if (n === 0) {
        res.writeHead(503);
        res.end();
        return;
      }
      if (n === 2) {
        res.writeHead(206, { "content-range": `bytes 0-3/${file.length}`, "content-length": "4" });
        res.write(file.subarray(0, 2));
        res.socket?.destroy();
        return;
      }
      sendRange(range, res);
    });
    const wb = client(await wandbListing(storage, []));
    const { steps } = await readRunHistoryColumns(wb.run("acme/p/r1"));
    expect(Array.from(steps)).toEqual([0, 1, 2, 4]);
    expect(log.ranges.length).toBeGreaterThanOrEqual(4);
  });
});
