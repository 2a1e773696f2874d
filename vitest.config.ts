import { defineConfig } from "vitest/config";

// One Vitest run over every package. Tests import packages through the "@kobik/source" export
// condition, so they exercise the source files and never a stale dist/.
export default defineConfig({
  resolve: { conditions: ["@kobik/source"] },
  ssr: { resolve: { conditions: ["@kobik/source"] } },
  test: {
    projects: ["packages/*"],
    restoreMocks: true,
  },
});
