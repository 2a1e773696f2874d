import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, timeCalls } from "./overhead.js";
import { BENCH_TOKEN } from "./server.js";

const SDK = "@zohocrm/typescript-sdk-8.0";

/** Where the official SDK is installed, or why it is not. */
export function locateOfficialSdk():
  | { ok: true; dir: string; version: string }
  | { ok: false; reason: string } {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve(`${SDK}/package.json`);
    return {
      ok: true,
      dir: join(manifest, ".."),
      version: (require(manifest) as { version: string }).version,
    };
  } catch (error) {
    return { ok: false, reason: `not installed: ${(error as Error).message.split("\n")[0]}` };
  }
}

// The SDK is CommonJS with a global singleton Initializer; its own types are loose, so it is used untyped here.
// biome-ignore lint/suspicious/noExplicitAny: the SDK's namespace object is only poked at for this benchmark.
type Sdk = any;

/** Per-request time of the SDK's `OrgOperations.getOrganization()` against the same local server. */
export async function measureOfficialSdk(
  baseUrl: string,
  options: { warmup: number; perBlock: number; rounds: number },
) {
  const require = createRequire(import.meta.url);
  const sdk: Sdk = require(SDK);
  const resources = mkdtempSync(join(tmpdir(), "zoho-sdk-bench-"));
  try {
    await (await new sdk.InitializeBuilder())
      .environment(new sdk.Environment(baseUrl, baseUrl, baseUrl))
      .token(new sdk.OAuthBuilder().accessToken(BENCH_TOKEN).findUser(false).build())
      .logger(new sdk.LogBuilder().level(sdk.Levels.OFF).build())
      .resourcePath(resources)
      .initialize();
    const run = async () => {
      const response = await new sdk.Org.OrgOperations().getOrganization();
      if (response?.getStatusCode() !== 200) throw new Error(`SDK call: HTTP ${response?.getStatusCode()}`);
      return response.getObject();
    };
    await timeCalls(run, options.warmup);
    const times: number[] = [];
    for (let r = 0; r < options.rounds; r++) times.push(await timeCalls(run, options.perBlock));
    return median(times);
  } finally {
    rmSync(resources, { recursive: true, force: true });
  }
}
