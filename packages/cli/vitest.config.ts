import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@kobik/source"] },
  ssr: { resolve: { conditions: ["@kobik/source"] } },
  test: { name: "cli", include: ["test/**/*.test.ts"] },
});
