import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@kobik/source"] },
  ssr: { resolve: { conditions: ["@kobik/source"] } },
  // Process-level tests start real `kobik` processes (tsx compiles the source on start): on two busy
  // cores one can take seconds. These are limits against hangs, not speed assertions.
  test: { name: "cli", include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
});
