import { describe, expect, it } from "vitest";
import type { AppendAuditInput } from "../contracts/audit.js";
import { paginate } from "../contracts/paging.js";
import { at, expectStorageError, type UseStore } from "./fixtures.js";

function event(runId: string | null, itemId = "a", ms = 0): AppendAuditInput {
  return {
    itemId,
    runId,
    action: "jira.update",
    link: { jiraIssueId: "10001", crmRecordId: "r1" },
    reason: "CRM changed Amount; Jira unchanged",
    changes: [{ field: "customfield_10042", from: 100, to: { amount: 250, currency: "EUR" } }],
    now: at(ms),
  };
}

/** Audit rules: append order, filtering by run and item, copies. */
export function describeAuditRules(use: UseStore): void {
  describe("audit", () => {
    it("appends events with strictly increasing seq and returns them as stored", async () => {
      const { audit } = use();
      const first = await audit.append(event("run-1"));
      const second = await audit.append({ ...event(null), action: "link.deleted", link: null, changes: [] });
      expect(second.seq).toBeGreaterThan(first.seq);
      const { now: _now, ...rest } = event("run-1");
      expect(first).toEqual({ ...rest, seq: first.seq, at: at(0).toISOString() });
    });

    it("lists a run's events and an item's events in append order, in pages", async () => {
      const { audit } = use();
      for (let i = 0; i < 5; i++) await audit.append({ ...event("run-1", "a", i), reason: `r${i}` });
      await audit.append(event("run-2", "a", 9));
      await audit.append(event("run-3", "b", 9));
      const byRun: string[] = [];
      for await (const e of paginate((p) => audit.list({ by: "run", runId: "run-1" }, p), 2))
        byRun.push(e.reason);
      expect(byRun).toEqual(["r0", "r1", "r2", "r3", "r4"]);
      const byItem = await audit.list({ by: "item", itemId: "a" }, { limit: 100 });
      expect(byItem.items.map((e) => e.runId)).toEqual([
        "run-1",
        "run-1",
        "run-1",
        "run-1",
        "run-1",
        "run-2",
      ]);
      expect(byItem.nextPageToken).toBeNull();
    });

    it("returns copies: mutating an input or a returned event leaves the trail unchanged", async () => {
      const { audit } = use();
      const input = event("run-1");
      const stored = await audit.append(input);
      (input.changes[0] as { to: unknown }).to = "mutated";
      (stored.changes[0] as { from: unknown }).from = "mutated";
      const [read] = (await audit.list({ by: "run", runId: "run-1" }, { limit: 1 })).items;
      expect(read?.changes).toEqual(event("run-1").changes);
    });

    describe("input rules", () => {
      it.each([
        ["action", { action: "" }],
        ["itemId", { itemId: "" }],
        ["runId", { runId: "" }],
        ["link.crmRecordId", { link: { jiraIssueId: "1", crmRecordId: "" } }],
        ["changes[0].field", { changes: [{ field: "", from: 1, to: 2 }] }],
        ["changes[0].to", { changes: [{ field: "f", from: 1, to: Number.POSITIVE_INFINITY }] }],
      ])("refuses a bad %s", async (field, patch) => {
        const input = { ...event("run-1"), ...patch } as AppendAuditInput;
        await expectStorageError(use().audit.append(input), "INVALID_INPUT", { field });
      });

      it("refuses an unknown filter", async () => {
        const list = use().audit.list({ by: "link" } as never, { limit: 1 });
        await expectStorageError(list, "INVALID_INPUT", { field: "filter.by" });
      });
    });
  });
}
