import { describe, expect, it } from "vitest";
import { expectStorageError, makeItem, type UseStore } from "./fixtures.js";

/** Item rules: upsert by id, ordered listing with an enabled filter, copies. */
export function describeItemRules(use: UseStore): void {
  describe("items", () => {
    it("saves, replaces, reads and deletes an item", async () => {
      const { items } = use();
      expect(await items.get("deals")).toBeNull();
      await items.save(makeItem("deals"));
      expect(await items.get("deals")).toEqual(makeItem("deals"));
      await items.save({ ...makeItem("deals"), name: "Renamed" });
      expect(await items.get("deals")).toMatchObject({ name: "Renamed" });
      expect(await items.delete("deals")).toBe(true);
      expect(await items.delete("deals")).toBe(false);
      expect(await items.get("deals")).toBeNull();
    });

    it("lists items by id in pages, optionally only enabled or disabled ones", async () => {
      const { items } = use();
      for (const id of ["c", "a", "d", "b"]) await items.save(makeItem(id, id !== "b"));
      const first = await items.list({ limit: 3 });
      expect(first.items.map((i) => i.id)).toEqual(["a", "b", "c"]);
      const rest = await items.list({ limit: 3, pageToken: first.nextPageToken });
      expect(rest).toMatchObject({ items: [{ id: "d" }], nextPageToken: null });
      const enabled = await items.list({ limit: 10, enabled: true });
      expect(enabled.items.map((i) => i.id)).toEqual(["a", "c", "d"]);
      const disabled = await items.list({ limit: 10, enabled: false });
      expect(disabled.items.map((i) => i.id)).toEqual(["b"]);
    });

    it("returns copies: mutating a saved or returned item leaves the store unchanged", async () => {
      const { items } = use();
      const item = makeItem("deals");
      await items.save(item);
      item.jira.projectKey = "MUT";
      const read = await items.get("deals");
      if (read) read.fieldMappings.length = 0;
      expect(await items.get("deals")).toEqual(makeItem("deals"));
    });

    describe("input rules", () => {
      it("refuses an item without an id", async () => {
        await expectStorageError(use().items.save({ ...makeItem("x"), id: "" }), "INVALID_INPUT", {
          field: "item.id",
        });
      });

      it("refuses an item whose enabled flag is not a boolean", async () => {
        const item = { ...makeItem("x"), enabled: "yes" } as unknown as ReturnType<typeof makeItem>;
        await expectStorageError(use().items.save(item), "INVALID_INPUT", { field: "item.enabled" });
      });
    });
  });
}
