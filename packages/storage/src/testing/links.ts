import { describe, expect, it } from "vitest";
import { expectStorageError, makeLink, settle, type UseStore } from "./fixtures.js";

/** Link rules: lookups, optimistic versions, uniqueness, paging, copies. */
export function describeLinkRules(use: UseStore): void {
  describe("links", () => {
    it("saves a new link at version 1 and finds it by Jira issue and by CRM record", async () => {
      const { links } = use();
      const saved = await links.save(makeLink("a", "10001", "r1"), { expectedVersion: 0 });
      expect(saved).toEqual({ ...makeLink("a", "10001", "r1"), version: 1 });
      expect(await links.getByJiraIssue("a", "10001")).toEqual(saved);
      expect(await links.getByCrmRecord("a", "r1")).toEqual(saved);
    });

    it("returns null for links that do not exist", async () => {
      const { links } = use();
      expect(await links.getByJiraIssue("a", "404")).toBeNull();
      expect(await links.getByCrmRecord("a", "404")).toBeNull();
    });

    it("bumps the version on each save from the current version", async () => {
      const { links } = use();
      const v1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      const v2 = await links.save({ ...v1, origin: "manual" }, { expectedVersion: v1.version });
      expect(v2).toMatchObject({ version: 2, origin: "manual" });
    });

    it("refuses a save from a stale version and keeps the stored link", async () => {
      const { links } = use();
      const v1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      await links.save(v1, { expectedVersion: 1 });
      const stale = links.save({ ...v1, origin: "manual" }, { expectedVersion: 1 });
      await expectStorageError(stale, "VERSION_CONFLICT", { expectedVersion: 1, actualVersion: 2 });
      // By name, not instanceof: a store may load another copy of this package (ESM and CJS builds).
      await expect(stale).rejects.toMatchObject({ name: "VersionConflictError" });
      expect(await links.getByJiraIssue("a", "1")).toMatchObject({ version: 2, origin: "auto" });
    });

    it("refuses to create a link that already exists", async () => {
      const { links } = use();
      await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      const again = links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      await expectStorageError(again, "VERSION_CONFLICT", { expectedVersion: 0, actualVersion: 1 });
    });

    it("lets exactly one of two writers with the same version win", async () => {
      const { links } = use();
      const v1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      const { won, lost } = settle(
        await Promise.allSettled([
          links.save({ ...v1, updatedAt: "2026-03-01T09:01:00.000Z" }, { expectedVersion: 1 }),
          links.save({ ...v1, updatedAt: "2026-03-01T09:02:00.000Z" }, { expectedVersion: 1 }),
        ]),
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ code: "VERSION_CONFLICT" });
      expect(await links.getByJiraIssue("a", "1")).toEqual(won[0]);
    });

    it("lets exactly one of two concurrent creators of the same link win", async () => {
      const { links } = use();
      const results = await Promise.allSettled([
        links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 }),
        links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 }),
      ]);
      expect(settle(results).won).toHaveLength(1);
    });

    it("refuses a second link for a CRM record already linked in the same item", async () => {
      const { links } = use();
      await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      await expectStorageError(links.save(makeLink("a", "2", "r1"), { expectedVersion: 0 }), "DUPLICATE");
      expect(await links.getByJiraIssue("a", "2")).toBeNull();
      await expect(links.save(makeLink("b", "2", "r1"), { expectedVersion: 0 })).resolves.toMatchObject({
        version: 1,
      });
    });

    it("lets exactly one of two concurrent links for the same CRM record win", async () => {
      const { links } = use();
      const results = await Promise.allSettled([
        links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 }),
        links.save(makeLink("a", "2", "r1"), { expectedVersion: 0 }),
      ]);
      const { won, lost } = settle(results);
      expect(won).toHaveLength(1);
      expect(lost[0]).toMatchObject({ code: "DUPLICATE" });
      expect(await links.getByCrmRecord("a", "r1")).toEqual(won[0]);
    });

    it("re-points the CRM index when a link moves to another record", async () => {
      const { links } = use();
      const v1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      await links.save({ ...v1, crm: { module: "Deals", recordId: "r2" } }, { expectedVersion: 1 });
      expect(await links.getByCrmRecord("a", "r1")).toBeNull();
      expect(await links.getByCrmRecord("a", "r2")).toMatchObject({ jira: { issueId: "1" }, version: 2 });
    });

    it("keeps links of different items apart", async () => {
      const { links } = use();
      await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      expect(await links.getByJiraIssue("b", "1")).toBeNull();
      expect(await links.getByCrmRecord("b", "r1")).toBeNull();
    });

    it("deletes a link and frees its CRM record", async () => {
      const { links } = use();
      await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      expect(await links.delete("a", "1")).toBe(true);
      expect(await links.delete("a", "1")).toBe(false);
      expect(await links.getByJiraIssue("a", "1")).toBeNull();
      expect(await links.getByCrmRecord("a", "r1")).toBeNull();
      await expect(links.save(makeLink("a", "2", "r1"), { expectedVersion: 0 })).resolves.toMatchObject({
        version: 1,
      });
    });

    it("refuses a delete from a stale version", async () => {
      const { links } = use();
      const v1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      await links.save(v1, { expectedVersion: 1 });
      await expectStorageError(links.delete("a", "1", { expectedVersion: 1 }), "VERSION_CONFLICT");
      expect(await links.delete("a", "1", { expectedVersion: 2 })).toBe(true);
    });

    it("returns copies: mutating a returned or saved object leaves the store unchanged", async () => {
      const { links } = use();
      const input = makeLink("a", "1", "r1");
      const saved = await links.save(input, { expectedVersion: 0 });
      input.jira.issueKey = "MUTATED-1";
      saved.crm.recordId = "mutated";
      const read = await links.getByJiraIssue("a", "1");
      if (read) read.base.fields = {};
      expect(await links.getByJiraIssue("a", "1")).toEqual({ ...makeLink("a", "1", "r1"), version: 1 });
    });

    describe("input rules", () => {
      it.each([
        ["link.itemId", { itemId: "" }],
        ["link.jira.issueId", { jira: { issueId: "", issueKey: "SUP-1" } }],
        ["link.crm.recordId", { crm: { module: "Deals", recordId: "" } }],
        ["link.origin", { origin: "magic" }],
      ])("refuses a link with a bad %s", async (field, patch) => {
        const link = { ...makeLink("a", "1", "r1"), ...patch } as ReturnType<typeof makeLink>;
        await expectStorageError(use().links.save(link, { expectedVersion: 0 }), "INVALID_INPUT", { field });
      });

      it("refuses a base that JSON cannot carry, naming the path", async () => {
        const link = makeLink("a", "1", "r1");
        const base = { ...link.base, jiraUpdated: new Date() } as unknown as typeof link.base;
        const save = use().links.save({ ...link, base }, { expectedVersion: 0 });
        await expectStorageError(save, "INVALID_INPUT", { field: "link.base.jiraUpdated" });
      });

      it.each([-1, 1.5])("refuses expectedVersion %d", async (expectedVersion) => {
        const save = use().links.save(makeLink("a", "1", "r1"), { expectedVersion });
        await expectStorageError(save, "INVALID_INPUT", { field: "expectedVersion" });
      });
    });
  });
}
