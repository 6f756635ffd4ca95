import { defineConfig } from "vitest/config";

// `npm run test:live`: test/live/ against a real W&B (see test/live/contract.test.ts), apart from
// `npm test`, which never leaves the machine. The same far time zone as the offline suite, so a
// timestamp read as local time fails here too.
process.env.TZ = "Pacific/Kiritimati";

export default defineConfig({
  test: {
    include: ["test/live/**/*.test.ts"],
    pool: "forks",
    // Each test is bounded by the suite's own deadline as well (test/live/contract.test.ts).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A skipped test says why (no key, no project) in the report.
    reporters: ["verbose"],
  },
});
