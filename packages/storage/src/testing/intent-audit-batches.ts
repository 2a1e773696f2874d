import { describe, expect, it } from "vitest";
import type { AppendAuditInput } from "../contracts/audit.js";
import type { RecordIntentInput } from "../contracts/intents.js";
import { at, expectStorageError, type UseStore } from "./fixtures.js";

function intent(key: string, ms = 0): RecordIntentInput {
  return { key, itemId: "a", target: "jira", sourceId: `crm-${key}`, now: at(ms) };
}

function event(action: string, ms = 0): AppendAuditInput {
  return {
    itemId: "a",
    runId: "run-1",
    action,
    link: { jiraIssueId: "10001", crmRecordId: "r1" },
    reason: "auto-created",
    changes: [],
    now: at(ms),
  };
}

/** `intents.recordMany` / `completeMany` and `audit.appendMany` rules. */
export function describeIntentAndAuditBatchRules(use: UseStore): void {
  describe("intent and audit batches", () => {
    it("records new keys and answers known ones as exists, a repeated key included", async () => {
      const { intents } = use();
      const known = await intents.record(intent("k0"));
      const results = await intents.recordMany([intent("k1", 5), intent("k0", 5), intent("k1", 6)]);
      expect(results.map((r) => r.outcome)).toEqual(["recorded", "exists", "exists"]);
      expect(results[1]?.intent).toEqual(known.intent);
      expect(results[2]?.intent).toEqual(results[0]?.intent);
      expect(await intents.get("k1")).toMatchObject({ createdAt: at(5).toISOString() });
    });

    it("lets exactly one of two concurrent batch recorders record each key", async () => {
      const { intents } = use();
      const [a, b] = await Promise.all([
        intents.recordMany([intent("k1"), intent("k2")]),
        intents.recordMany([intent("k2"), intent("k1"), intent("k3")]),
      ]);
      const all = [...(a ?? []), ...(b ?? [])];
      for (const key of ["k1", "k2", "k3"]) {
        const recorded = all.filter((r) => r.intent.key === key && r.outcome === "recorded");
        expect(recorded).toHaveLength(1);
      }
    });

    it("completes many intents; an unknown or abandoned one is refused alone", async () => {
      const { intents } = use();
      await intents.recordMany([intent("k1"), intent("k2"), intent("k3")]);
      await intents.abandon({ key: "k2", reason: "gave up", now: at(1) });
      const results = await intents.completeMany([
        { key: "k1", createdId: "10001", now: at(10) },
        { key: "k2", createdId: "10002", now: at(10) },
        { key: "nope", createdId: "10003", now: at(10) },
        { key: "k3", createdId: "10004", now: at(10) },
        { key: "k1", createdId: "10001", now: at(11) },
      ]);
      expect(results.map((r) => (r.ok ? r.value.state.status : r.error.code))).toEqual([
        "completed",
        "INVALID_STATE",
        "NOT_FOUND",
        "completed",
        "completed",
      ]);
      expect(await intents.get("k3")).toMatchObject({
        state: { status: "completed", createdId: "10004", completedAt: at(10).toISOString() },
      });
      expect(await intents.get("k2")).toMatchObject({ state: { status: "abandoned" } });
      expect((await intents.listPending("a", { limit: 10 })).items).toEqual([]);
    });

    it("refuses invalid intent batches whole, naming the entry", async () => {
      const { intents } = use();
      await expectStorageError(
        intents.recordMany([intent("k1"), { ...intent("k2"), target: "erp" as never }]),
        "INVALID_INPUT",
        { field: "inputs[1].target" },
      );
      expect(await intents.get("k1")).toBeNull();
      await intents.record(intent("k1"));
      await expectStorageError(
        intents.completeMany([
          { key: "k1", createdId: "10001", now: at(1) },
          { key: "k1", createdId: "", now: at(1) },
        ]),
        "INVALID_INPUT",
        { field: "inputs[1].createdId" },
      );
      expect(await intents.get("k1")).toMatchObject({ state: { status: "pending" } });
      expect(await intents.recordMany([])).toEqual([]);
      expect(await intents.completeMany([])).toEqual([]);
    });

    it("appends a batch in order with strictly increasing seq after earlier events", async () => {
      const { audit } = use();
      const first = await audit.append(event("jira.update"));
      const batch = await audit.appendMany([event("link.created", 1), event("crm.update", 2)]);
      expect(batch.map((e) => e.action)).toEqual(["link.created", "crm.update"]);
      expect(batch[0]?.seq).toBeGreaterThan(first.seq);
      expect(batch[1]?.seq).toBeGreaterThan(batch[0]?.seq ?? Number.POSITIVE_INFINITY);
      const { now: _now, ...rest } = event("crm.update", 2);
      expect(batch[1]).toEqual({ ...rest, seq: batch[1]?.seq, at: at(2).toISOString() });
      const listed = await audit.list({ by: "run", runId: "run-1" }, { limit: 10 });
      expect(listed.items).toEqual([first, ...batch]);
    });

    it("appends nothing from a batch with an invalid entry", async () => {
      const { audit } = use();
      await expectStorageError(
        audit.appendMany([event("link.created"), { ...event("x"), action: "" }]),
        "INVALID_INPUT",
        { field: "inputs[1].action" },
      );
      expect((await audit.list({ by: "item", itemId: "a" }, { limit: 10 })).items).toEqual([]);
      expect(await audit.appendMany([])).toEqual([]);
    });
  });
}
