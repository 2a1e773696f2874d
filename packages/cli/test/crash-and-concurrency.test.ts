import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { finished, startKobik } from "./helpers/kobik.js";
import { eventually, kobIssues, type ProcessWorld, startProcessWorld, startProxy } from "./helpers/world.js";

let world: ProcessWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

function database(w: ProcessWorld): DatabaseSync {
  // Polled while a `kobik` process writes: wait on its locks as the CLI does, instead of failing.
  return new DatabaseSync(join(w.dir, ".kobik", "kobik.db"), { timeout: 10_000 });
}

function linkCount(w: ProcessWorld): number {
  const db = database(w);
  try {
    return Number((db.prepare("SELECT count(*) AS n FROM links").get() as { n: number }).n);
  } finally {
    db.close();
  }
}

/** What a dead process's lease looks like once its time to live has passed. */
function ageLeases(w: ProcessWorld): void {
  const db = database(w);
  db.exec("UPDATE leases SET expires_at = '2000-01-01T00:00:00.000Z'");
  db.close();
}

/**
 * What pending create intents look like once the engine's settle time (2 minutes: Jira search may
 * lag a create) has passed, so the rerun may create what the dead process never sent.
 */
function ageIntents(w: ProcessWorld): void {
  const db = database(w);
  db.exec(
    "UPDATE intents SET created_at = '2000-01-01T00:00:00.000Z', body = json_set(body, '$.createdAt', '2000-01-01T00:00:00.000Z') WHERE status = 'pending'",
  );
  db.close();
}

describe("crash between an auto-create and its link save", () => {
  it("links the created issue on the rerun: exactly one issue per record", async () => {
    let child: ReturnType<typeof startKobik> | null = null;
    let killed = false;
    world = await startProcessWorld({
      deals: 5,
      jiraBaseUrl: async (jiraUrl) => {
        const proxy = await startProxy(jiraUrl, (method, path) => {
          // Jira has created the issues; the process dies before it reads the answer.
          if (killed || method !== "POST" || path !== "/rest/api/3/issue/bulk") return false;
          killed = true;
          child?.kill("SIGKILL");
          return true;
        });
        return proxy.url;
      },
    });
    child = startKobik(["sync"], { cwd: world.dir, env: world.env });
    const crashed = await finished(child);
    expect(crashed.signal).toBe("SIGKILL");
    expect(kobIssues(world)).toHaveLength(5);
    expect(linkCount(world)).toBe(0);

    ageLeases(world);
    const rerun = await world.run("--json", "sync");
    expect(rerun.code).toBe(0);
    expect(kobIssues(world)).toHaveLength(5);
    expect(linkCount(world)).toBe(5);
    const again = await world.run("sync");
    expect(again.code).toBe(0);
    expect(kobIssues(world)).toHaveLength(5);
  });
});

describe("two kobik sync processes at once", () => {
  it("create no duplicates", async () => {
    world = await startProcessWorld({ deals: 40 });
    const w = world;
    const [a, b] = await Promise.all([w.run("--json", "sync"), w.run("--json", "sync")]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outcomes = [a, b].map(
      (r) => (JSON.parse(r.stdout) as { results: { outcome: string }[] }).results[0]?.outcome,
    );
    expect(outcomes).toContain("succeeded");
    await w.run("sync");
    expect(kobIssues(w)).toHaveLength(40);
    expect(linkCount(w)).toBe(40);
  });
});

describe("a crash mid-write", () => {
  it("leaves a consistent workspace file that the next run completes", async () => {
    world = await startProcessWorld({ deals: 300 });
    const w = world;
    w.jira.faults.configure({ latencyMs: 5, routes: ["issue.bulkCreate", "search.jql"] });
    const child = startKobik(["sync"], { cwd: w.dir, env: w.env });
    const done = finished(child);
    await eventually(() => linkCount(w) > 0, "the first links to be written");
    child.kill("SIGKILL");
    await done;
    const db = database(w);
    expect(db.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    db.close();
    w.jira.faults.clear();
    ageLeases(w);
    ageIntents(w);
    const rerun = await w.run("sync");
    expect(rerun.code).toBe(0);
    expect(kobIssues(w)).toHaveLength(300);
    expect(linkCount(w)).toBe(300);
  });
});
