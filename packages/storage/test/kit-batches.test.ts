import {
  type AuditEventDraft,
  applyLinkSaveEntry,
  completedState,
  NotFoundError,
  readCompleteIntent,
  readKeyBatch,
  VersionConflictError,
  validateLinkSaves,
} from "@kobik/storage";
import { emptyLinkBase, type Link } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";

const now = new Date("2026-03-01T09:00:00Z");

function link(): Link {
  return {
    itemId: "deals",
    jira: { issueId: "10001", issueKey: "KOB-1" },
    crm: { module: "Deals", recordId: "r1" },
    origin: "auto",
    base: emptyLinkBase(),
    version: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

const event = {
  itemId: "deals",
  runId: "run-1",
  action: "link.created",
  link: { jiraIssueId: "10001", crmRecordId: "r1" },
  reason: "auto-created KOB-1",
  changes: [],
  now,
};

describe("the kit's link batch steps", () => {
  const [entry] = validateLinkSaves([
    { link: link(), expectedVersion: 0, completes: { key: "k1", createdId: "10001", now }, audit: event },
  ]);
  if (!entry) throw new Error("expected a validated entry");

  it("runs completion, then the save, then the event, and stops at a refused completion", () => {
    const calls: string[] = [];
    const steps = {
      complete: () => {
        calls.push("complete");
        return { ok: true as const, value: null };
      },
      save: () => {
        calls.push("save");
        return { ok: true as const, value: { ...link(), version: 1 } };
      },
      audit: (draft: AuditEventDraft) => calls.push(`audit:${draft.action}`),
    };
    expect(applyLinkSaveEntry(entry, steps)).toMatchObject({ ok: true, value: { version: 1 } });
    expect(calls).toEqual(["complete", "save", "audit:link.created"]);

    calls.length = 0;
    const missing = new NotFoundError("create intent k1");
    const refused = applyLinkSaveEntry(entry, { ...steps, complete: () => ({ ok: false, error: missing }) });
    expect(refused).toEqual({ ok: false, error: missing });
    expect(calls).toEqual([]);

    const conflict = new VersionConflictError("link deals/10001", 0, 1);
    const lost = applyLinkSaveEntry(entry, { ...steps, save: () => ({ ok: false, error: conflict }) });
    expect(lost).toEqual({ ok: false, error: conflict });
    expect(calls).toEqual(["complete"]);
  });

  it("validates entries without completes or audit as plain saves", () => {
    const [plain] = validateLinkSaves([{ link: link(), expectedVersion: 0 }]);
    expect(plain).toMatchObject({ completes: null, audit: null, expectedVersion: 0 });
    expect(entry.audit).toMatchObject({ action: "link.created", at: now.toISOString() });
  });

  it("reads completions and key batches with the field at fault", () => {
    expect(readCompleteIntent({ key: "k1", createdId: "10001", now })).toEqual({
      key: "k1",
      createdId: "10001",
      now,
    });
    expect(completedState({ key: "k1", createdId: "10001", now })).toEqual({
      status: "completed",
      createdId: "10001",
      completedAt: now.toISOString(),
    });
    expect(() => readCompleteIntent({ key: "k1", createdId: "10001", now: new Date(Number.NaN) })).toThrow(
      expect.objectContaining({ field: "now" }),
    );
    expect(readKeyBatch(["a", "b", "a"], "keys")).toEqual(["a", "b", "a"]);
    expect(() => readKeyBatch(["a", ""], "keys")).toThrow(expect.objectContaining({ field: "keys[1]" }));
  });
});
