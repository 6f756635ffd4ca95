import { describe, expect, it } from "vitest";
import { cliMessage } from "../../src/cli/error-message.js";
import {
  InvalidArgumentError,
  WandbAuthError,
  WandbGraphQLError,
  WandbTimeoutError,
} from "../../src/index.js";

describe("cliMessage", () => {
  it.each([
    [
      new WandbGraphQLError("ListRuns: unknown run field", [], null, { operation: "ListRuns" }),
      "unknown run field",
    ],
    [
      new WandbGraphQLError("RunsByName (run acme/p/r1): denied", [], null, { operation: "RunsByName" }),
      "run acme/p/r1: denied",
    ],
    [
      new WandbTimeoutError(
        "Viewer: gave up after 3 attempts over 5.0 s: the next wait (1.0 s) would pass retry.maxElapsedMs (5.0 s); last failure: no answer within 2500 ms",
        3,
        5000,
        { operation: "Viewer" },
      ),
      "gave up after 3 attempts over 5.0 s: the next wait (1.0 s) would pass --max-time (5.0 s); last failure: no answer within 2500 ms",
    ],
    [
      new WandbAuthError('no W&B API key: set WANDB_API_KEY, pass apiKey, or add "machine api.wandb.ai" ...'),
      'no W&B API key: set WANDB_API_KEY, or add "machine api.wandb.ai" ...',
    ],
    [
      new InvalidArgumentError(
        "baseUrl http://10.0.0.1 is plain http to a host that is not loopback; the API key would cross the network unencrypted. Use https, or set allowInsecureHttp: true if you mean it.",
      ),
      "--base-url http://10.0.0.1 is plain http to a host that is not loopback; the API key would cross the network unencrypted. Use https, or pass --allow-insecure-http (or set WANDB_ALLOW_INSECURE_HTTP=1) if you mean it.",
    ],
    [
      new InvalidArgumentError(
        'run path "x" names no entity and no default entity is set (options.entity or WANDB_ENTITY)',
      ),
      'run path "x" names no entity and no default entity is set (WANDB_ENTITY)',
    ],
    [new InvalidArgumentError("Something: unrelated", { operation: "Other" }), "Something: unrelated"],
  ])("%s", (error, expected) => {
    expect(cliMessage(error)).toBe(expected);
  });
});
