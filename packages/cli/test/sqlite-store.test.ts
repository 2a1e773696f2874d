import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
  createSqliteStore,
  generateSecretKey,
  loadSecretKey,
  SCHEMA_VERSION,
  SchemaTooNewError,
  SecretKeyError,
  SecretKeyMismatchError,
} from "@kobik/cli";
import type { Link } from "@kobik/sync-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kobik-sqlite-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = "1000.refresh-token-that-must-never-be-readable";

describe("secrets at rest", () => {
  it("never writes a secret's plain text into the database files", async () => {
    const file = join(dir, "kobik.db");
    const store = createSqliteStore({ file, secretKey: generateSecretKey() });
    await store.secrets.set("zoho:refresh-token", SECRET);
    expect(await store.secrets.get("zoho:refresh-token")).toBe(SECRET);
    store.close();
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`, { flag: "a+" })]);
    expect(bytes.includes(Buffer.from("zoho:refresh-token"))).toBe(true);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
  });

  it("refuses to open a workspace with another key, naming the fix", () => {
    const file = join(dir, "kobik.db");
    createSqliteStore({ file, secretKey: generateSecretKey() }).close();
    expect(() => createSqliteStore({ file, secretKey: generateSecretKey() })).toThrow(SecretKeyMismatchError);
    expect(() => createSqliteStore({ file, secretKey: generateSecretKey() })).toThrow(/KOBIK_SECRET_KEY/);
  });
});

describe("secret key", () => {
  it("creates a key file readable only by its owner, and reads the same key back", () => {
    const keyFile = join(dir, "secret.key");
    const first = loadSecretKey({ keyFile });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ keyFile }).equals(first)).toBe(true);
  });

  it("refuses a key file other users can read", () => {
    const keyFile = join(dir, "secret.key");
    loadSecretKey({ keyFile });
    chmodSync(keyFile, 0o644);
    expect(() => loadSecretKey({ keyFile })).toThrow(/chmod 600/);
  });

  it("prefers KOBIK_SECRET_KEY in hex or base64, and explains a malformed one", () => {
    const keyFile = join(dir, "secret.key");
    const key = generateSecretKey();
    expect(loadSecretKey({ keyFile, envValue: key.toString("hex") }).equals(key)).toBe(true);
    expect(loadSecretKey({ keyFile, envValue: key.toString("base64") }).equals(key)).toBe(true);
    expect(() => loadSecretKey({ keyFile, envValue: "hunter2" })).toThrow(SecretKeyError);
    expect(() => loadSecretKey({ keyFile, envValue: "hunter2" })).toThrow(/openssl rand -base64 32/);
  });
});

describe("schema migrations", () => {
  it("creates a fresh file at the latest schema version", () => {
    const store = createSqliteStore({ file: join(dir, "kobik.db"), secretKey: generateSecretKey() });
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    store.close();
  });

  it("upgrades a version-1 file in place and keeps its data", async () => {
    const file = join(dir, "kobik.db");
    const secretKey = generateSecretKey();
    const store = createSqliteStore({ file, secretKey });
    await store.cursors.set("deals", "crm", "2026-03-01T09:00:00+00:00");
    store.close();
    const raw = new DatabaseSync(file);
    raw.exec("DROP TABLE settings; DROP TABLE zoho_users; PRAGMA user_version = 1");
    raw.close();
    const upgraded = createSqliteStore({ file, secretKey });
    expect(upgraded.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await upgraded.cursors.get("deals", "crm")).toBe("2026-03-01T09:00:00+00:00");
    upgraded.settings.set("zoho", { dc: "eu" });
    expect(upgraded.settings.get("zoho")).toEqual({ dc: "eu" });
    upgraded.close();
  });

  it("refuses a file written by a newer schema", () => {
    const file = join(dir, "kobik.db");
    const raw = new DatabaseSync(file);
    raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => createSqliteStore({ file, secretKey: generateSecretKey() })).toThrow(SchemaTooNewError);
  });
});

describe("two connections on one file", () => {
  it("share leases and optimistic link versions", async () => {
    const file = join(dir, "kobik.db");
    const secretKey = generateSecretKey();
    const a = createSqliteStore({ file, secretKey });
    const b = createSqliteStore({ file, secretKey });
    const now = new Date("2026-03-01T09:00:00Z");
    expect(await a.leases.acquire({ name: "item:deals", holder: "a", ttlMs: 60_000, now })).not.toBeNull();
    expect(await b.leases.acquire({ name: "item:deals", holder: "b", ttlMs: 60_000, now })).toBeNull();
    const intents = await Promise.all([
      a.intents.record({ key: "k", itemId: "deals", target: "jira", sourceId: "r1", now }),
      b.intents.record({ key: "k", itemId: "deals", target: "jira", sourceId: "r1", now }),
    ]);
    expect(intents.map((r) => r.outcome).sort()).toEqual(["exists", "recorded"]);
    a.close();
    b.close();
  });

  it("let exactly one of two batch writers win each link, and refuse a stale fence's whole batch", async () => {
    const file = join(dir, "kobik.db");
    const secretKey = generateSecretKey();
    const a = createSqliteStore({ file, secretKey });
    const b = createSqliteStore({ file, secretKey });
    const now = new Date("2026-03-01T09:00:00Z");
    const entries = ["1", "2", "3"].map((id) => ({ link: link(id), expectedVersion: 0 }));
    const [ra, rb] = await Promise.all([a.links.saveMany(entries), b.links.saveMany([...entries].reverse())]);
    for (const id of ["1", "2", "3"]) {
      const wins = [...ra, ...rb].filter((r) => r.ok && r.value.jira.issueId === id);
      expect(wins).toHaveLength(1);
    }
    const old = await a.leases.acquire({ name: "item:deals", holder: "a", ttlMs: 1000, now });
    const later = new Date(now.getTime() + 2000);
    await b.leases.acquire({ name: "item:deals", holder: "b", ttlMs: 60_000, now: later });
    const stale = a.links.saveMany([{ link: link("4"), expectedVersion: 0 }], {
      fence: { lease: "item:deals", token: old?.token ?? 0, now: later },
    });
    await expect(stale).rejects.toMatchObject({ code: "LEASE_LOST", reason: "superseded" });
    expect(await b.links.getByJiraIssue("deals", "4")).toBeNull();
    a.close();
    b.close();
  });
});

describe("link batches that settle creates", () => {
  it("commit the intent completion, the link and its event in one transaction, or none of them", async () => {
    const file = join(dir, "kobik.db");
    const store = createSqliteStore({ file, secretKey: generateSecretKey() });
    const now = new Date("2026-03-01T09:00:00Z");
    await store.intents.record({ key: "k1", itemId: "deals", target: "jira", sourceId: "r1", now });
    const entry = {
      link: link("1"),
      expectedVersion: 0,
      completes: { key: "k1", createdId: "1", now },
      audit: {
        itemId: "deals",
        runId: "run-1",
        action: "link.created",
        link: { jiraIssueId: "1", crmRecordId: "r1" },
        reason: "auto-created SUP-1",
        changes: [],
        now,
      },
    };
    // Another connection makes the event's insert fail: the last write of the batch's transaction.
    const raw = new DatabaseSync(file);
    raw.exec(
      "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END",
    );
    await expect(store.links.saveMany([entry])).rejects.toThrow(/audit refused/);
    expect(await store.intents.get("k1")).toMatchObject({ state: { status: "pending" } });
    expect(await store.links.getByCrmRecord("deals", "r1")).toBeNull();
    raw.exec("DROP TRIGGER refuse_audit");
    raw.close();
    expect(await store.links.saveMany([entry])).toMatchObject([{ ok: true, value: { version: 1 } }]);
    expect(await store.intents.get("k1")).toMatchObject({ state: { status: "completed", createdId: "1" } });
    expect((await store.audit.list({ by: "item", itemId: "deals" }, { limit: 10 })).items).toHaveLength(1);
    store.close();
  });
});

function link(issueId: string): Link {
  const at = "2026-03-01T09:00:00.000Z";
  return {
    itemId: "deals",
    jira: { issueId, issueKey: `SUP-${issueId}` },
    crm: { module: "Deals", recordId: `r${issueId}` },
    origin: "auto",
    base: { fields: {}, crmModifiedTime: null, jiraUpdated: null, status: null, notes: [], attachments: [] },
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

describe("Zoho CRM user inventory", () => {
  const user = (id: string, patch: Partial<Record<string, string>> = {}) => ({
    id,
    name: `User ${id}`,
    email: `${id}@example.com`,
    status: "active",
    role: "Standard",
    profile: "Sales",
    ...patch,
  });

  it("reports everyone as new on the first poll, then new, changed and deactivated users", () => {
    const store = createSqliteStore({ file: ":memory:", secretKey: generateSecretKey() });
    const first = store.users.reconcile([user("1"), user("2"), user("3")], new Date());
    expect(first).toMatchObject({ firstPoll: true, unchanged: 0 });
    expect(first.added.map((u) => u.id)).toEqual(["1", "2", "3"]);
    const second = store.users.reconcile(
      [user("1", { role: "Manager" }), user("2", { status: "disabled" }), user("4")],
      new Date(),
    );
    expect(second.firstPoll).toBe(false);
    expect(second.added.map((u) => u.id)).toEqual(["4"]);
    expect(second.changed.map((c) => [c.after.id, c.fields])).toEqual([
      ["1", ["role"]],
      ["2", ["status"]],
    ]);
    expect(second.deactivated.map((u) => u.id).sort()).toEqual(["2", "3"]);
    const third = store.users.reconcile([user("1", { role: "Manager" }), user("4")], new Date());
    expect(third).toMatchObject({ added: [], changed: [], deactivated: [], unchanged: 2 });
    store.close();
  });
});
