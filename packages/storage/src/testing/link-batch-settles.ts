import type { Link } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import type { AppendAuditInput } from "../contracts/audit.js";
import type { LinkSaveEntry } from "../contracts/links.js";
import type { KobikStore } from "../contracts/store.js";
import { at, expectStorageError, makeLink, type UseStore } from "./fixtures.js";

const MINUTE = 60_000;

function created(issueId: string, recordId: string): AppendAuditInput {
  return {
    itemId: "a",
    runId: "run-1",
    action: "link.created",
    link: { jiraIssueId: issueId, crmRecordId: recordId },
    reason: `auto-created SUP-${issueId}`,
    changes: [],
    now: at(10),
  };
}

/** A created issue's whole settlement: its intent completed, its link saved, its event appended. */
function settles(issueId: string, recordId: string, key = `k-${recordId}`): LinkSaveEntry {
  return {
    link: makeLink("a", issueId, recordId),
    expectedVersion: 0,
    completes: { key, createdId: issueId, now: at(10) },
    audit: created(issueId, recordId),
  };
}

async function recordIntents(store: KobikStore, recordIds: readonly string[]): Promise<void> {
  await store.intents.recordMany(
    recordIds.map((r) => ({ key: `k-${r}`, itemId: "a", target: "jira" as const, sourceId: r, now: at(0) })),
  );
}

async function events(store: KobikStore): Promise<string[]> {
  const page = await store.audit.list({ by: "item", itemId: "a" }, { limit: 100 });
  return page.items.map((e) => `${e.action}:${e.link?.jiraIssueId}`);
}

/** `links.saveMany` entries that complete an intent and append an audit event in the same step. */
export function describeLinkBatchSettleRules(use: UseStore): void {
  describe("link batches with intent completions and audit events", () => {
    it("completes each intent, saves each link and appends each event, in entry order", async () => {
      const store = use();
      await recordIntents(store, ["r1", "r2"]);
      const results = await store.links.saveMany([settles("1", "r1"), settles("2", "r2")]);
      expect(results).toEqual([
        { ok: true, value: { ...makeLink("a", "1", "r1"), version: 1 } },
        { ok: true, value: { ...makeLink("a", "2", "r2"), version: 1 } },
      ]);
      expect(await store.intents.get("k-r2")).toMatchObject({
        state: { status: "completed", createdId: "2", completedAt: at(10).toISOString() },
      });
      expect((await store.intents.listPending("a", { limit: 10 })).items).toEqual([]);
      const [first, second] = (await store.audit.list({ by: "run", runId: "run-1" }, { limit: 10 })).items;
      const { now: _now, ...rest } = created("2", "r2");
      expect(second).toEqual({ ...rest, seq: second?.seq, at: at(10).toISOString() });
      expect(second?.seq).toBeGreaterThan(first?.seq ?? Number.POSITIVE_INFINITY);
      expect(await events(store)).toEqual(["link.created:1", "link.created:2"]);
    });

    it("saves no link and appends no event for an intent that cannot complete", async () => {
      const store = use();
      await recordIntents(store, ["r1", "r2", "r3"]);
      await store.intents.abandon({ key: "k-r2", reason: "gave up", now: at(1) });
      await store.intents.complete({ key: "k-r3", createdId: "other", now: at(1) });
      const results = await store.links.saveMany([
        settles("1", "r1"),
        settles("2", "r2"),
        settles("3", "r3"),
        settles("4", "r4"),
      ]);
      expect(results.map((r) => (r.ok ? r.value.version : r.error.code))).toEqual([
        1,
        "INVALID_STATE",
        "INVALID_STATE",
        "NOT_FOUND",
      ]);
      for (const record of ["r2", "r3", "r4"])
        expect(await store.links.getByCrmRecord("a", record)).toBeNull();
      expect(await store.intents.get("k-r3")).toMatchObject({ state: { createdId: "other" } });
      expect(await events(store)).toEqual(["link.created:1"]);
    });

    it("keeps the completion but appends no event when the link itself is refused", async () => {
      const store = use();
      await recordIntents(store, ["r1", "r2"]);
      await store.links.save(makeLink("a", "1", "r0"), { expectedVersion: 0 });
      await store.links.save(makeLink("a", "9", "r2"), { expectedVersion: 0 });
      const results = await store.links.saveMany([settles("1", "r1"), settles("2", "r2")]);
      expect(results.map((r) => (r.ok ? r.value.version : r.error.code))).toEqual([
        "VERSION_CONFLICT",
        "DUPLICATE",
      ]);
      // The issues were created either way: the completed intents let the next run link them.
      expect(await store.intents.get("k-r1")).toMatchObject({
        state: { status: "completed", createdId: "1" },
      });
      expect(await store.intents.get("k-r2")).toMatchObject({
        state: { status: "completed", createdId: "2" },
      });
      expect(await events(store)).toEqual([]);
    });

    it("treats a repeated completion with the same id as done, and mixes with plain entries", async () => {
      const store = use();
      await recordIntents(store, ["r1"]);
      await store.intents.complete({ key: "k-r1", createdId: "1", now: at(5) });
      const plain: LinkSaveEntry = { link: makeLink("a", "7", "r7"), expectedVersion: 0 };
      const results = await store.links.saveMany([plain, settles("1", "r1")]);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      expect(await store.intents.get("k-r1")).toMatchObject({ state: { completedAt: at(5).toISOString() } });
      expect(await events(store)).toEqual(["link.created:1"]);
    });

    it("lets exactly one of two batch writers link each created issue", async () => {
      const store = use();
      await recordIntents(store, ["r1", "r2"]);
      const [a, b] = await Promise.all([
        store.links.saveMany([settles("1", "r1"), settles("2", "r2")]),
        store.links.saveMany([settles("2", "r2"), settles("1", "r1")]),
      ]);
      const all = [...(a ?? []), ...(b ?? [])];
      const won = (id: string) => all.filter((r) => r.ok && r.value.jira.issueId === id);
      expect(won("1")).toHaveLength(1);
      expect(won("2")).toHaveLength(1);
      for (const r of all.filter((r) => !r.ok))
        expect(r).toMatchObject({ error: { code: "VERSION_CONFLICT" } });
      expect((await events(store)).sort()).toEqual(["link.created:1", "link.created:2"]);
    });

    it("writes nothing at all for a stale fence", async () => {
      const store = use();
      await recordIntents(store, ["r1"]);
      const old = await store.leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const fence = { lease: "item:a", token: old?.token ?? 0, now: at(MINUTE) };
      await expectStorageError(store.links.saveMany([settles("1", "r1")], { fence }), "LEASE_LOST", {
        reason: "expired",
      });
      expect(await store.intents.get("k-r1")).toMatchObject({ state: { status: "pending" } });
      expect(await store.links.getByCrmRecord("a", "r1")).toBeNull();
      expect(await events(store)).toEqual([]);
    });

    it("refuses invalid completions and events for the whole batch, naming the field", async () => {
      const store = use();
      await recordIntents(store, ["r1", "r2"]);
      const badCompletion = { ...settles("2", "r2"), completes: { key: "k-r2", createdId: "", now: at(1) } };
      await expectStorageError(store.links.saveMany([settles("1", "r1"), badCompletion]), "INVALID_INPUT", {
        field: "entries[1].completes.createdId",
      });
      const badEvent = { ...settles("2", "r2"), audit: { ...created("2", "r2"), action: "" } };
      await expectStorageError(store.links.saveMany([settles("1", "r1"), badEvent]), "INVALID_INPUT", {
        field: "entries[1].audit.action",
      });
      const noObject = { ...settles("1", "r1"), completes: null as never };
      await expectStorageError(store.links.saveMany([noObject]), "INVALID_INPUT", {
        field: "entries[0].completes",
      });
      expect(await store.intents.get("k-r1")).toMatchObject({ state: { status: "pending" } });
      expect(await store.links.getByCrmRecord("a", "r1")).toBeNull();
      expect(await events(store)).toEqual([]);
    });

    it("stores copies: changing the entry afterwards changes nothing", async () => {
      const store = use();
      await recordIntents(store, ["r1"]);
      const entry = settles("1", "r1");
      const [result] = await store.links.saveMany([entry]);
      (entry.link as Link).jira.issueKey = "MUTATED";
      (entry.audit as { reason: string }).reason = "mutated";
      expect(result).toMatchObject({ ok: true, value: { jira: { issueKey: "SUP-1" } } });
      const listed = await store.audit.list({ by: "item", itemId: "a" }, { limit: 10 });
      expect(listed.items[0]?.reason).toBe("auto-created SUP-1");
    });
  });
}
