import { describe, expect, it } from "vitest";
import { paginate } from "../contracts/paging.js";
import { expectStorageError, makeLink, type UseStore } from "./fixtures.js";

/** Listing rules (shown on links, shared by every paged list): order, exactly-once paging, page bounds. */
export function describeLinkListingRules(use: UseStore): void {
  describe("link listing", () => {
    it("lists an item's links in pages, each exactly once, ordered by issue id", async () => {
      const { links } = use();
      const ids = Array.from({ length: 25 }, (_, i) => String(10_000 + i));
      for (const id of ids) await links.save(makeLink("a", id, `r${id}`), { expectedVersion: 0 });
      await links.save(makeLink("b", "1", "r1"), { expectedVersion: 0 });
      const first = await links.listByItem("a", { limit: 10 });
      expect(first.items.map((l) => l.jira.issueId)).toEqual(ids.slice(0, 10));
      expect(first.nextPageToken).not.toBeNull();
      const seen: string[] = [];
      for await (const link of paginate((page) => links.listByItem("a", page), 10))
        seen.push(link.jira.issueId);
      expect(seen).toEqual(ids);
    });

    it("ends the listing with a null page token, and lists an empty item as one empty page", async () => {
      const { links } = use();
      expect(await links.listByItem("none", { limit: 10 })).toEqual({ items: [], nextPageToken: null });
      await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      expect((await links.listByItem("a", { limit: 1 })).nextPageToken).toBeNull();
    });

    it("neither repeats nor skips a link that stays while others are deleted between pages", async () => {
      const { links } = use();
      for (const id of ["1", "2", "3", "4"])
        await links.save(makeLink("a", id, `r${id}`), { expectedVersion: 0 });
      const first = await links.listByItem("a", { limit: 2 });
      await links.delete("a", "2");
      const second = await links.listByItem("a", { limit: 2, pageToken: first.nextPageToken });
      expect(second.items.map((l) => l.jira.issueId)).toEqual(["3", "4"]);
    });

    it.each([0, 1001])("refuses a page limit of %i", async (limit) => {
      await expectStorageError(use().links.listByItem("a", { limit }), "INVALID_INPUT", { field: "limit" });
    });

    it("accepts page limits 1 and 1000", async () => {
      await expect(use().links.listByItem("a", { limit: 1 })).resolves.toMatchObject({ items: [] });
      await expect(use().links.listByItem("a", { limit: 1000 })).resolves.toMatchObject({ items: [] });
    });

    it("refuses a page token it did not issue", async () => {
      const list = use().links.listByItem("a", { limit: 5, pageToken: "not a token" });
      await expectStorageError(list, "INVALID_INPUT", { field: "pageToken" });
    });
  });
}
