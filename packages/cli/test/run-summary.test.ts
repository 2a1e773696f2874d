import type { RunStop, SyncRunResult } from "@kobik/sync-engine";
import { describe, expect, it } from "vitest";
import { createOutput } from "../src/cli/output.js";
import { exitCodeOf, renderRuns, stopAdvice } from "../src/cli/run-summary.js";

const LEASE_MESSAGE =
  "lease item:deals (token 3) was lost (superseded): another process may own the item now, so this run stopped before writing again; the next run resumes from the saved cursors";

/** A run result as the engine returns it, with the given stop and outcome. */
function result(stop: RunStop, outcome: SyncRunResult["outcome"] = "succeeded"): SyncRunResult {
  return {
    runId: "run-1",
    itemId: "deals",
    trigger: "schedule",
    mode: "apply",
    outcome,
    stop,
    counts: {
      examined: 2,
      created: 0,
      updated: 1,
      transitioned: 0,
      notes: 0,
      comments: 0,
      attachments: 0,
      conflicts: 0,
      unchanged: 1,
      failed: 0,
      skipped: { total: 0, reasons: {} },
    },
    apiCalls: { crm: 4, jira: 3 },
    durationMs: 12,
    errors: stop.kind === "lease-lost" ? [{ code: "LEASE_LOST", message: LEASE_MESSAGE, ref: null }] : [],
    plans: [],
    creates: [],
  };
}

const leaseLost = (reason: Extract<RunStop, { kind: "lease-lost" }>["reason"]): RunStop => ({
  kind: "lease-lost",
  lease: "item:deals",
  reason,
  message: LEASE_MESSAGE,
});

function captured() {
  let text = "";
  const sink = { write: (chunk: string) => (text += chunk), isTTY: false };
  return { out: createOutput(sink, sink, false), text: () => text };
}

describe("a run that lost its item lease", () => {
  it("advises checking status and names the item and the takeover", () => {
    const advice = stopAdvice(result(leaseLost("superseded"), "failed"));
    expect(advice).toContain("deals: another scheduler took over this item");
    expect(advice).toContain("Run `kobik status`");
  });

  it("explains each reason the store gives", () => {
    const reasons = ["superseded", "released", "expired", "unknown-lease"] as const;
    const advice = reasons.map((r) => stopAdvice(result(leaseLost(r), "failed")));
    expect(new Set(advice).size).toBe(reasons.length);
    for (const a of advice) expect(a).toContain("kobik status");
  });

  it("exits 1 and prints the advice after the table, with the LEASE_LOST error", () => {
    const lost = result(leaseLost("superseded"), "failed");
    expect(exitCodeOf([lost])).toBe(1);
    const { out, text } = captured();
    renderRuns(out, [lost]);
    const lines = text().split("\n");
    const advice = lines.findIndex((l) => l.includes("another scheduler took over"));
    expect(advice).toBeGreaterThan(2);
    expect(lines[advice + 1]).toBe(`  deals run: LEASE_LOST: ${LEASE_MESSAGE}`);
  });

  it("leaves completed and busy runs as they were: no advice, exit 0", () => {
    expect(stopAdvice(result({ kind: "completed" }))).toBeNull();
    expect(
      exitCodeOf([result({ kind: "completed" }), result({ kind: "busy", holder: "cli@ci" }, "skipped")]),
    ).toBe(0);
  });
});
