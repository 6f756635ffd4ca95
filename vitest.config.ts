import { defineConfig } from "vitest/config";

// The whole suite runs 14 hours east of UTC, so a timestamp read as local time instead of UTC
// shows up as a wrong answer somewhere rather than passing by luck on a UTC machine.
process.env.TZ = "Pacific/Kiritimati";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/live/**"],
    pool: "forks",
    // Records every request body the SDK sends to a fake W&B and validates them all at the end.
    globalSetup: ["test/setup/recorded-bodies.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // No test may leave a promise rejection unhandled.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
