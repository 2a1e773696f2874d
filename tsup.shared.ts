import { defineConfig, type Options } from "tsup";

/**
 * The one build every package uses: ESM + CJS + declarations for each entry, Node 22 target.
 * `entry` maps output names to source files, e.g. `{ index: "src/index.ts", testing: "src/testing/index.ts" }`.
 */
export function kobikBuild(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    target: "node22",
    platform: "neutral",
    splitting: false,
    treeshake: true,
    ...overrides,
  });
}
