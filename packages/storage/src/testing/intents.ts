import { describe, expect, it } from "vitest";
import type { RecordIntentInput } from "../contracts/intents.js";
import { at, expectStorageError, type UseStore } from "./fixtures.js";

function intent(key: string, itemId = "a", ms = 0): RecordIntentInput {
  return { key, itemId, target: "jira", sourceId: `crm-${key}`, now: at(ms) };
}

/** Create-intent rules: one recorder per key, pending -> completed | abandoned, pending listing. */
export function describeIntentRules(use: UseStore): void {
  describe("create intents", () => {
    it("records a pending intent once; a second record returns the existing one", async () => {
      const { intents } = use();
      const first = await intents.record(intent("k1"));
      expect(first).toEqual({
        outcome: "recorded",
        intent: {
          key: "k1",
          itemId: "a",
          target: "jira",
          sourceId: "crm-k1",
          createdAt: at(0).toISOString(),
          state: { status: "pending" },
        },
      });
      const again = await intents.record({ ...intent("k1", "a", 5), sourceId: "other" });
      expect(again).toEqual({ outcome: "exists", intent: first.intent });
    });

    it("lets exactly one of concurrent recorders of the same key record it", async () => {
      const { intents } = use();
      const results = await Promise.all([intents.record(intent("k1")), intents.record(intent("k1"))]);
      expect(results.map((r) => r.outcome).sort()).toEqual(["exists", "recorded"]);
    });

    it("completes a pending intent with the created id; repeating it is harmless", async () => {
      const { intents } = use();
      await intents.record(intent("k1"));
      const done = await intents.complete({ key: "k1", createdId: "10042", now: at(10) });
      expect(done.state).toEqual({
        status: "completed",
        createdId: "10042",
        completedAt: at(10).toISOString(),
      });
      expect(await intents.complete({ key: "k1", createdId: "10042", now: at(20) })).toEqual(done);
      expect(await intents.get("k1")).toEqual(done);
    });

    it("refuses to complete with a different created id", async () => {
      const { intents } = use();
      await intents.record(intent("k1"));
      await intents.complete({ key: "k1", createdId: "10042", now: at(10) });
      const other = intents.complete({ key: "k1", createdId: "10043", now: at(20) });
      await expectStorageError(other, "INVALID_STATE", { state: "completed" });
    });

    it("abandons a pending intent; an abandoned one cannot complete", async () => {
      const { intents } = use();
      await intents.record(intent("k1"));
      const dropped = await intents.abandon({ key: "k1", reason: "record deleted", now: at(5) });
      expect(dropped.state).toEqual({
        status: "abandoned",
        reason: "record deleted",
        abandonedAt: at(5).toISOString(),
      });
      expect(await intents.abandon({ key: "k1", reason: "again", now: at(6) })).toEqual(dropped);
      const complete = intents.complete({ key: "k1", createdId: "1", now: at(7) });
      await expectStorageError(complete, "INVALID_STATE", { state: "abandoned" });
    });

    it("refuses to abandon a completed intent", async () => {
      const { intents } = use();
      await intents.record(intent("k1"));
      await intents.complete({ key: "k1", createdId: "1", now: at(1) });
      await expectStorageError(intents.abandon({ key: "k1", reason: "x", now: at(2) }), "INVALID_STATE");
    });

    it("reports unknown keys as not found, or null on get", async () => {
      const { intents } = use();
      expect(await intents.get("nope")).toBeNull();
      await expectStorageError(intents.complete({ key: "nope", createdId: "1", now: at(0) }), "NOT_FOUND");
      await expectStorageError(intents.abandon({ key: "nope", reason: "x", now: at(0) }), "NOT_FOUND");
    });

    it("lists only an item's pending intents, oldest first, in pages", async () => {
      const { intents } = use();
      await intents.record(intent("k3", "a", 3));
      await intents.record(intent("k1", "a", 1));
      await intents.record(intent("k2", "a", 2));
      await intents.record(intent("k4", "a", 4));
      await intents.record(intent("other", "b", 0));
      await intents.complete({ key: "k4", createdId: "1", now: at(5) });
      const first = await intents.listPending("a", { limit: 2 });
      expect(first.items.map((i) => i.key)).toEqual(["k1", "k2"]);
      const second = await intents.listPending("a", { limit: 2, pageToken: first.nextPageToken });
      expect(second).toMatchObject({ items: [{ key: "k3" }], nextPageToken: null });
    });

    describe("input rules", () => {
      it.each([
        ["key", { key: "" }],
        ["itemId", { itemId: "" }],
        ["sourceId", { sourceId: "" }],
        ["target", { target: "zoho" }],
        ["now", { now: "2026-03-01" }],
      ])("refuses a bad %s", async (field, patch) => {
        const input = { ...intent("k1"), ...patch } as RecordIntentInput;
        await expectStorageError(use().intents.record(input), "INVALID_INPUT", { field });
      });

      it("refuses an empty created id", async () => {
        const { intents } = use();
        await intents.record(intent("k1"));
        const complete = intents.complete({ key: "k1", createdId: "", now: at(1) });
        await expectStorageError(complete, "INVALID_INPUT", { field: "createdId" });
      });
    });
  });
}
