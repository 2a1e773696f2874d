import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** Minified and gzipped size of an esbuild bundle of `entry` (`external` left out). */
export async function bundleSize(
  entry: string,
  options: { external: string[]; platform: "neutral" | "node"; conditions?: string[] },
) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: options.platform === "node" ? "cjs" : "esm",
    platform: options.platform,
    mainFields: ["module", "main"],
    conditions: options.conditions ?? [],
    external: options.external,
    write: false,
    logLevel: "silent",
    metafile: true,
  });
  const code = result.outputFiles[0]!.contents;
  return {
    minBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    warnings: result.warnings.length,
  };
}
