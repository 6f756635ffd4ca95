// `download` under a --max-time that passes while bytes still flow: the command gives up with
// exit 2 and the download is stopped, so no partial file stays behind.
import { readdirSync } from "node:fs";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { recordingOutput } from "../helpers/cli-output.js";
import { testApiKey, useMockWandb } from "../helpers/mock-wandb.js";
import { useTempDirs } from "../helpers/temp-dirs.js";

const mock = useMockWandb({
  runs: [
    {
      entity: "acme",
      project: "vision",
      id: "trainer",
      loggedArtifacts: [
        {
          name: "model",
          type: "model",
          version: 0,
          aliases: ["latest"],
          files: [{ path: "weights.bin", content: { size: 1 << 20, seed: 1 } }],
        },
      ],
    },
  ],
});

const tempDir = useTempDirs("deadline");
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("download and --max-time", () => {
  it("a --max-time given stops the download: exit 2, the reason on stderr, no partial file", async () => {
    // Storage sends the manifest (the first GET), then a few bytes of each file and nothing more;
    // --timeout 30 keeps the stall timer from cleaning up first.
    let storageGets = 0;
    mock.server.use(
      http.get(`${mock.storageUrl}/*`, () => {
        if (++storageGets === 1) return undefined;
        const stalled = new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new Uint8Array(1024)),
        });
        return new HttpResponse(stalled, { headers: { "content-length": String(1 << 20) } });
      }),
    );
    const dir = tempDir();
    const { output, written } = recordingOutput();
    vi.stubEnv("WANDB_API_KEY", testApiKey);
    vi.stubEnv("WANDB_BASE_URL", "https://api.wandb.ai");
    const code = await runCli(
      ["--max-time", "1", "--timeout", "30", "download", "acme/vision/model:latest", "--to", dir],
      {
        output,
        env: {},
      },
    );
    expect(code).toBe(2);
    expect(written.stderr.join("\n")).toMatch(/gave up after --max-time \(1 s\)/);
    expect(storageGets).toBeGreaterThanOrEqual(2);
    // The stop reaches the download at once; its partial file is gone soon after.
    await vi.waitFor(() => expect(readdirSync(dir)).toEqual([]), { timeout: 3000, interval: 20 });
  });
});
