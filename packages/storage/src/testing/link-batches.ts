import { describe, expect, it } from "vitest";
import { MAX_BATCH_SIZE } from "../limits.js";
import { at, expectStorageError, makeLink, type UseStore } from "./fixtures.js";

const MINUTE = 60_000;

/** `links.saveMany` rules: per-entry results, order within a batch, concurrency, fencing, input. */
export function describeLinkBatchRules(use: UseStore): void {
  describe("link batches", () => {
    it("saves every entry at expectedVersion + 1 and returns the results in entry order", async () => {
      const { links } = use();
      const v1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      const results = await links.saveMany([
        { link: makeLink("a", "2", "r2"), expectedVersion: 0 },
        { link: { ...v1, origin: "manual" }, expectedVersion: 1 },
      ]);
      expect(results).toEqual([
        { ok: true, value: { ...makeLink("a", "2", "r2"), version: 1 } },
        { ok: true, value: { ...v1, origin: "manual", version: 2 } },
      ]);
      expect(await links.getByCrmRecord("a", "r2")).toMatchObject({ version: 1 });
      expect(await links.getByJiraIssue("a", "1")).toMatchObject({ version: 2, origin: "manual" });
    });

    it("refuses a conflicting or duplicate entry alone and still writes the others", async () => {
      const { links } = use();
      await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      const results = await links.saveMany([
        { link: makeLink("a", "2", "r2"), expectedVersion: 0 },
        { link: makeLink("a", "1", "r1"), expectedVersion: 0 },
        { link: makeLink("a", "3", "r1"), expectedVersion: 0 },
        { link: makeLink("a", "4", "r4"), expectedVersion: 0 },
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, false, false, true]);
      expect(results[1]).toMatchObject({
        ok: false,
        error: { code: "VERSION_CONFLICT", expectedVersion: 0, actualVersion: 1 },
      });
      expect(results[2]).toMatchObject({ ok: false, error: { code: "DUPLICATE" } });
      expect(await links.getByJiraIssue("a", "3")).toBeNull();
      expect(await links.getByJiraIssue("a", "2")).toMatchObject({ version: 1 });
      expect(await links.getByJiraIssue("a", "4")).toMatchObject({ version: 1 });
    });

    it("applies entries in order, each seeing the ones before it", async () => {
      const { links } = use();
      const results = await links.saveMany([
        { link: makeLink("a", "1", "r1"), expectedVersion: 0 },
        { link: { ...makeLink("a", "1", "r1"), origin: "manual" }, expectedVersion: 1 },
        { link: makeLink("a", "1", "r1"), expectedVersion: 0 },
        { link: makeLink("a", "2", "r1"), expectedVersion: 0 },
      ]);
      expect(results.map((r) => (r.ok ? r.value.version : r.error.code))).toEqual([
        1,
        2,
        "VERSION_CONFLICT",
        "DUPLICATE",
      ]);
      expect(await links.getByJiraIssue("a", "1")).toMatchObject({ version: 2, origin: "manual" });
    });

    it("lets exactly one of two batch writers with the same version win each link", async () => {
      const { links } = use();
      const v1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      const w1 = await links.save(makeLink("a", "2", "r2"), { expectedVersion: 0 });
      const edit = (updatedAt: string) => [
        { link: { ...v1, updatedAt }, expectedVersion: 1 },
        { link: { ...w1, updatedAt }, expectedVersion: 1 },
        { link: makeLink("a", "3", "r3"), expectedVersion: 0 },
      ];
      const [a, b] = await Promise.all([
        links.saveMany(edit("2026-03-01T09:01:00.000Z")),
        links.saveMany(edit("2026-03-01T09:02:00.000Z").reverse()),
      ]);
      const wins = (issueId: string) =>
        [...(a ?? []), ...(b ?? [])].filter((r) => r.ok && r.value.jira.issueId === issueId);
      for (const issueId of ["1", "2", "3"]) expect(wins(issueId)).toHaveLength(1);
      const losers = [...(a ?? []), ...(b ?? [])].filter((r) => !r.ok);
      expect(losers).toHaveLength(3);
      for (const r of losers) expect(r).toMatchObject({ ok: false, error: { code: "VERSION_CONFLICT" } });
      const stored = await links.getByJiraIssue("a", "1");
      expect(wins("1")[0]).toEqual({ ok: true, value: stored });
    });

    it("refuses the whole batch for a stale fence and writes nothing", async () => {
      const { leases, links } = use();
      const old = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      await leases.acquire({ name: "item:a", holder: "w2", ttlMs: MINUTE, now: at(MINUTE) });
      const fence = { lease: "item:a", token: old?.token ?? 0, now: at(MINUTE + 1) };
      const batch = links.saveMany(
        [
          { link: makeLink("a", "1", "r1"), expectedVersion: 0 },
          { link: makeLink("a", "2", "r2"), expectedVersion: 0 },
        ],
        { fence },
      );
      await expectStorageError(batch, "LEASE_LOST", { reason: "superseded" });
      expect(await links.listByItem("a", { limit: 10 })).toEqual({ items: [], nextPageToken: null });
    });

    it("accepts a live fence", async () => {
      const { leases, links } = use();
      const lease = await leases.acquire({ name: "item:a", holder: "w1", ttlMs: MINUTE, now: at(0) });
      const fence = { lease: "item:a", token: lease?.token ?? 0, now: at(1) };
      const results = await links.saveMany([{ link: makeLink("a", "1", "r1"), expectedVersion: 0 }], {
        fence,
      });
      expect(results).toMatchObject([{ ok: true, value: { version: 1 } }]);
    });

    it("refuses invalid input for the whole batch, naming the entry", async () => {
      const { links } = use();
      const bad = { ...makeLink("a", "2", "r2"), jira: { issueId: "", issueKey: "SUP-2" } };
      await expectStorageError(
        links.saveMany([
          { link: makeLink("a", "1", "r1"), expectedVersion: 0 },
          { link: bad, expectedVersion: 0 },
        ]),
        "INVALID_INPUT",
        { field: "entries[1].link.jira.issueId" },
      );
      await expectStorageError(
        links.saveMany([{ link: makeLink("a", "1", "r1"), expectedVersion: -1 }]),
        "INVALID_INPUT",
        { field: "entries[0].expectedVersion" },
      );
      const tooMany = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => ({
        link: makeLink("a", `${i}`, `r${i}`),
        expectedVersion: 0,
      }));
      await expectStorageError(links.saveMany(tooMany), "INVALID_INPUT", { field: "entries" });
      expect(await links.getByJiraIssue("a", "1")).toBeNull();
      expect(await links.saveMany([])).toEqual([]);
    });

    it("returns copies: changing a result does not change the store", async () => {
      const { links } = use();
      const input = makeLink("a", "1", "r1");
      const [result] = await links.saveMany([{ link: input, expectedVersion: 0 }]);
      if (!result?.ok) throw new Error("expected the save to succeed");
      input.jira.issueKey = "MUTATED-1";
      result.value.base.fields = {};
      expect(await links.getByJiraIssue("a", "1")).toEqual({ ...makeLink("a", "1", "r1"), version: 1 });
    });
  });
}
