import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ZOHO_DATA_CENTER_IDS } from "@kobik/zoho-crm-client";
import { afterAll, describe, expect, it } from "vitest";
import { kobik, tempDir } from "./helpers/kobik.js";

const { dir, cleanup } = tempDir("kobik-start-");
afterAll(cleanup);

/** Files under a directory, recursively. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe("help without loading the commands", () => {
  it("lists the Zoho client's data centers in `connect zoho --help`", async () => {
    const r = await kobik(["connect", "zoho", "--help"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`data center: ${ZOHO_DATA_CENTER_IDS.join(", ")}`);
  });

  it("checks --dc against the client's list when the command runs", async () => {
    const r = await kobik(["connect", "zoho", "--dc", "XX", "--client-id", "a"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Use one of ${ZOHO_DATA_CENTER_IDS.join(", ")}.`);
  });
});

describe("Node's compile cache", () => {
  it("keeps compiled code under the OS temp directory", async () => {
    const tmp = join(dir, "tmp-on");
    const r = await kobik(["--help"], { cwd: dir, env: { TMPDIR: tmp, NODE_COMPILE_CACHE: "" } });
    expect(r.code).toBe(0);
    expect(filesUnder(join(tmp, "node-compile-cache")).length).toBeGreaterThan(0);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE=1", async () => {
    const tmp = join(dir, "tmp-off");
    const env = { TMPDIR: tmp, NODE_COMPILE_CACHE: "", NODE_DISABLE_COMPILE_CACHE: "1" };
    const r = await kobik(["--help"], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(filesUnder(join(tmp, "node-compile-cache"))).toEqual([]);
  });

  it("changes nothing but speed when its directory cannot be written", async () => {
    const notADirectory = join(dir, "cache-file");
    writeFileSync(notADirectory, "");
    const normal = await kobik(["--help"], { cwd: dir, env: { NODE_DISABLE_COMPILE_CACHE: "1" } });
    const r = await kobik(["--help"], { cwd: dir, env: { NODE_COMPILE_CACHE: notADirectory } });
    expect(r).toEqual({ ...normal });
    expect(r.stderr).toBe("");
  });
});
