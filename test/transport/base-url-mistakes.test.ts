// A base URL a newcomer gets slightly wrong fails at once, saying the fix: a pasted endpoint
// (`…/graphql`) or the app's `/api` is refused before anything is sent; a path W&B does not serve
// is a 404 that names the URL asked; an https:// URL at a plain-http port says so, not OpenSSL's
// "wrong version number".
import { describe, expect, it } from "vitest";
import { startMockServer } from "../../mocks/index.js";
import { createClient, InvalidArgumentError, WandbError } from "../../src/index.js";

const apiKey = "base-url-key-0123456789abcdef0123456789";

describe("a base URL ending in /graphql or /api", () => {
  it.each([
    ["http://127.0.0.1:8080/graphql", "/graphql", "http://127.0.0.1:8080"],
    ["https://api.wandb.ai/graphql/", "/graphql", "https://api.wandb.ai"],
    ["https://wandb.example.com/api", "/api", "https://wandb.example.com"],
    ["https://example.com/wandb/API/", "/API", "https://example.com/wandb"],
  ])("%s is refused, naming the root to give instead", (baseUrl, suffix, root) => {
    let caught: unknown;
    try {
      createClient({ apiKey, baseUrl });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as Error).message).toContain(`ends in ${suffix}: give the server's root, ${root};`);
  });

  it("is refused from WANDB_BASE_URL too, naming the variable", () => {
    const saved = process.env.WANDB_BASE_URL;
    process.env.WANDB_BASE_URL = "http://localhost:8080/graphql";
    try {
      expect(() => createClient({ apiKey })).toThrow(
        /^WANDB_BASE_URL http:\/\/localhost:8080\/graphql ends in/,
      );
    } finally {
      if (saved === undefined) delete process.env.WANDB_BASE_URL;
      else process.env.WANDB_BASE_URL = saved;
    }
  });

  it("accepts a root, and a path prefix that is neither", () => {
    for (const baseUrl of [
      "http://127.0.0.1:8080",
      "https://api.wandb.ai/",
      "https://example.com/graphqlx",
    ]) {
      expect(createClient({ apiKey, baseUrl }).baseUrl).toBe(baseUrl.replace(/\/$/, ""));
    }
  });
});

describe("answers that say the URL is wrong", () => {
  it("a 404 names the URL that was asked, once (a 404 is not retried)", async () => {
    const server = await startMockServer({ apiKey });
    try {
      const wb = createClient({ apiKey, baseUrl: `${server.url}/wandb` });
      const error = await wb.viewer().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WandbError);
      expect((error as Error).message).toContain(`${server.url}/wandb/graphql answered HTTP 404`);
      expect((error as Error).message).toContain("is the base URL W&B's API root?");
      // The fake W&B itself never saw it: the path is not one W&B serves.
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("https:// at a plain-http port says so, once, without OpenSSL's words", async () => {
    const server = await startMockServer({ apiKey });
    try {
      const httpsUrl = server.url.replace(/^http:/, "https:");
      const wb = createClient({ apiKey, baseUrl: httpsUrl });
      const error = await wb.viewer().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WandbError);
      const { message } = error as Error;
      expect(message).toContain(`the server at ${httpsUrl} answered without TLS`);
      expect(message).toContain(`use ${server.url}`);
      expect(message).not.toMatch(/wrong version number/i);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
