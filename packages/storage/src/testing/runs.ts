import { describe, expect, it } from "vitest";
import type { FinishRunInput, RunCounts, StartRunInput } from "../contracts/runs.js";
import { MAX_RUN_ERRORS } from "../limits.js";
import { at, expectStorageError, type UseStore } from "./fixtures.js";

const COUNTS: RunCounts = {
  examined: 12,
  created: 1,
  updated: 3,
  unchanged: 7,
  conflicts: 1,
  skipped: 0,
  failed: 1,
};

function start(id: string, itemId = "a", ms = 0): StartRunInput {
  return { id, itemId, trigger: "schedule", mode: "apply", now: at(ms) };
}

function finish(id: string, ms: number): FinishRunInput {
  return {
    id,
    outcome: "partial",
    counts: COUNTS,
    apiCalls: { crm: 4, jira: 9 },
    errors: [{ code: "VALIDATION", message: "Amount must be a number", ref: "5725767000000412001" }],
    now: at(ms),
  };
}

/** Sync run rules: start, finish once with figures, newest-first history. */
export function describeRunRules(use: UseStore): void {
  describe("sync runs", () => {
    it("starts a running run and finishes it with counts, API calls, errors and duration", async () => {
      const { runs } = use();
      const running = await runs.start(start("run-1"));
      const startedAt = at(0).toISOString();
      expect(running).toEqual({
        id: "run-1",
        itemId: "a",
        trigger: "schedule",
        mode: "apply",
        startedAt,
        status: "running",
      });
      const done = await runs.finish(finish("run-1", 1500));
      expect(done).toMatchObject({
        id: "run-1",
        status: "partial",
        finishedAt: at(1500).toISOString(),
        durationMs: 1500,
        counts: COUNTS,
        apiCalls: { crm: 4, jira: 9 },
        errors: [{ code: "VALIDATION", ref: "5725767000000412001" }],
      });
      expect(await runs.get("run-1")).toEqual(done);
    });

    it("refuses a duplicate run id", async () => {
      const { runs } = use();
      await runs.start(start("run-1"));
      await expectStorageError(runs.start(start("run-1")), "DUPLICATE");
    });

    it("finishes a run only once, and only a known one", async () => {
      const { runs } = use();
      await runs.start(start("run-1"));
      await runs.finish(finish("run-1", 10));
      await expectStorageError(runs.finish(finish("run-1", 20)), "INVALID_STATE", { state: "partial" });
      await expectStorageError(runs.finish(finish("nope", 20)), "NOT_FOUND");
      expect(await runs.get("nope")).toBeNull();
    });

    it("lets exactly one of two concurrent finishers finish a run", async () => {
      const { runs } = use();
      await runs.start(start("run-1"));
      const results = await Promise.allSettled([
        runs.finish(finish("run-1", 10)),
        runs.finish(finish("run-1", 20)),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    });

    it("lists an item's runs newest first, in pages", async () => {
      const { runs } = use();
      await runs.start(start("r1", "a", 1));
      await runs.start(start("r3", "a", 3));
      await runs.start(start("r2", "a", 2));
      await runs.start(start("x", "b", 4));
      const first = await runs.listRecent("a", { limit: 2 });
      expect(first.items.map((r) => r.id)).toEqual(["r3", "r2"]);
      const second = await runs.listRecent("a", { limit: 2, pageToken: first.nextPageToken });
      expect(second).toMatchObject({ items: [{ id: "r1" }], nextPageToken: null });
    });

    describe("input rules", () => {
      it.each([
        ["trigger", { trigger: "cron" }],
        ["mode", { mode: "preview" }],
        ["id", { id: "" }],
      ])("refuses a bad %s on start", async (field, patch) => {
        const input = { ...start("run-1"), ...patch } as StartRunInput;
        await expectStorageError(use().runs.start(input), "INVALID_INPUT", { field });
      });

      it.each([
        ["counts.created", { counts: { ...COUNTS, created: -1 } }],
        ["apiCalls.jira", { apiCalls: { crm: 1, jira: 0.5 } }],
        ["outcome", { outcome: "ok" }],
        ["errors[0].code", { errors: [{ code: "", message: "m", ref: null }] }],
        [
          "errors",
          {
            errors: Array.from({ length: MAX_RUN_ERRORS + 1 }, () => ({
              code: "E",
              message: "m",
              ref: null,
            })),
          },
        ],
        ["now", { now: at(-1) }],
      ])("refuses a bad %s on finish and leaves the run running", async (field, patch) => {
        const { runs } = use();
        await runs.start(start("run-1"));
        const input = { ...finish("run-1", 10), ...patch } as FinishRunInput;
        await expectStorageError(runs.finish(input), "INVALID_INPUT", { field });
        expect(await runs.get("run-1")).toMatchObject({ status: "running" });
      });

      it("accepts zero counts, no errors and a zero duration", async () => {
        const { runs } = use();
        await runs.start(start("run-1"));
        const zero = {
          examined: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          conflicts: 0,
          skipped: 0,
          failed: 0,
        };
        const input: FinishRunInput = {
          ...finish("run-1", 0),
          outcome: "succeeded",
          counts: zero,
          errors: [],
        };
        await expect(runs.finish(input)).resolves.toMatchObject({ durationMs: 0, status: "succeeded" });
      });
    });
  });
}
