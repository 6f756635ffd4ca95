// A real redis-server for the shared-cache tests: started by the test on a free 127.0.0.1 port,
// with no persistence, and stopped after. When the binary is missing the tests fail under CI (so a
// CI machine without Redis cannot pass by skipping) and skip, saying why, on a developer's machine.
import { afterAll, beforeAll, describe } from "vitest";
import { type RedisProcess, redisBinary, redisInstalled, startRedis } from "../../shared/redis-process.js";

export { type RedisProcess, startRedis } from "../../shared/redis-process.js";

/**
 * `describe` for tests that need Redis: runs them when `redis-server` is installed, fails when it is
 * missing under CI, and skips with the reason otherwise.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisInstalled()) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    throw new Error(
      `${redisBinary} is not installed: the shared-cache tests need a real Redis (.ci/run installs it)`,
    );
  }
  console.warn(`skipping "${name}": ${redisBinary} is not installed (CI unset; .ci/run installs it)`);
  describe.skip(name, body);
}

/** A Redis for the tests of the calling file: started before them, killed after. */
export function useRedis(): { current(): RedisProcess } {
  let redis: RedisProcess | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.kill();
  });
  return {
    current: () => {
      if (!redis) throw new Error("Redis is not started yet");
      return redis;
    },
  };
}
