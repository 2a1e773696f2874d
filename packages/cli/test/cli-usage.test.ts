import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DEALS_YAML as DEALS_YAML, DEMO_LEADS_JSON as LEADS_JSON } from "../src/demo/items.js";
import { kobik, tempDir } from "./helpers/kobik.js";

const { dir, cleanup } = tempDir();
const run = (...args: string[]) => kobik(args, { cwd: dir });

beforeAll(async () => {
  writeFileSync(join(dir, "deals.yaml"), DEALS_YAML);
  writeFileSync(join(dir, "leads.json"), LEADS_JSON);
});
afterAll(cleanup);

describe("usage errors exit 2 and name the problem", () => {
  it("refuses an unknown command", async () => {
    const r = await run("frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it("refuses an unknown flag", async () => {
    const r = await run("status", "--colour");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--colour'");
  });

  it("says to run init when there is no workspace", async () => {
    const r = await run("status");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("No Kobik workspace");
    expect(r.stderr).toContain("kobik init");
  });
});

describe("init and items", () => {
  it("creates the workspace with a key file only its owner can read", async () => {
    const r = await run("init");
    expect(r.code).toBe(0);
    expect(statSync(join(dir, ".kobik", "secret.key")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, ".kobik", "item.schema.json")).isFile()).toBe(true);
    expect((await run("init")).stdout).toContain("already exists");
  });

  it("adds YAML and JSON items, lists and shows them", async () => {
    expect((await run("items", "add", "deals.yaml")).code).toBe(0);
    expect((await run("items", "add", "leads.json")).code).toBe(0);
    const list = await run("--json", "items", "list");
    expect(list.code).toBe(0);
    const items = JSON.parse(list.stdout) as { id: string; features: { autoCreate: boolean } }[];
    expect(items.map((i) => i.id)).toEqual(["deals", "leads"]);
    const show = await run("items", "show", "deals");
    expect(show.stdout).toContain("projectKey: KOB");
  });

  it("refuses a duplicate id and says how to replace it", async () => {
    const r = await run("items", "add", "deals.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kobik items edit deals --file deals.yaml");
  });

  it("names every bad field with its line and the fix", async () => {
    const bad = DEALS_YAML.replace("projectKey: KOB", "projectKey: kob").replace(
      "direction: both",
      "direction: sideways",
    );
    writeFileSync(join(dir, "bad.yaml"), bad);
    const r = await run("items", "add", "bad.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:5: jira\.projectKey: Use the Jira project key/);
    expect(r.stderr).toMatch(/bad\.yaml:\d+: fieldMappings\[1\]\.direction: /);
  });

  it("reports a cross-field rule with its path", async () => {
    writeFileSync(
      join(dir, "nostatus.yaml"),
      DEALS_YAML.replace(/statusMapping:[\s\S]*?features:/, "features:"),
    );
    const r = await run("items", "add", "nostatus.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("statusMapping: statusSync is on: add a statusMapping");
  });

  it("reports YAML syntax errors with a line", async () => {
    writeFileSync(join(dir, "broken.yaml"), "id: x\nname: [unclosed\n");
    const r = await run("items", "add", "broken.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+: /);
  });

  it("edits an item from a file and refuses a changed id", async () => {
    writeFileSync(join(dir, "deals2.yaml"), DEALS_YAML.replace("name: Deals <-> KOB tasks", "name: Renamed"));
    expect((await run("items", "edit", "deals", "--file", "deals2.yaml")).code).toBe(0);
    expect((await run("items", "show", "deals")).stdout).toContain("name: Renamed");
    const r = await run("items", "edit", "leads", "--file", "deals2.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The file\'s id is "deals", not "leads"');
  });

  it("shows the dashboard and an empty history", async () => {
    const status = await run("--json", "status");
    const body = JSON.parse(status.stdout) as { items: { id: string; options: string[]; latestRun: null }[] };
    expect(body.items[0]).toMatchObject({
      id: "deals",
      options: ["auto-create", "status", "notes", "attachments"],
      latestRun: null,
    });
    expect((await run("history")).stdout).toContain("No runs yet");
  });

  it("removes an item, and says what to do for an unknown one", async () => {
    expect((await run("items", "remove", "leads")).code).toBe(0);
    const r = await run("items", "remove", "leads");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kobik items list");
  });

  it("says how to connect before anything needs Zoho", async () => {
    const r = await run("users");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Zoho CRM authentication required: run `kobik connect zoho");
  });

  it("prints errors as JSON too with --json", async () => {
    const r = await run("--json", "items", "show", "nope");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { name: "ConfigError" } });
  });
});
