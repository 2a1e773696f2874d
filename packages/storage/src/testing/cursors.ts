import { describe, expect, it } from "vitest";
import type { JsonValue } from "../json.js";
import { expectStorageError, type UseStore } from "./fixtures.js";

/** Cursor rules: per item and side, opaque JSON, copies. */
export function describeCursorRules(use: UseStore): void {
  describe("cursors", () => {
    it("returns null for a cursor never set", async () => {
      expect(await use().cursors.get("a", "crm")).toBeNull();
    });

    it("stores a string cursor and a JSON cursor, per item and side", async () => {
      const { cursors } = use();
      const jira: JsonValue = { updatedSince: "2026-03-01T09:00:00Z", nextPageToken: "abc", seen: [1, 2] };
      await cursors.set("a", "crm", "2026-03-01T09:00:00+00:00");
      await cursors.set("a", "jira", jira);
      expect(await cursors.get("a", "crm")).toBe("2026-03-01T09:00:00+00:00");
      expect(await cursors.get("a", "jira")).toEqual(jira);
      expect(await cursors.get("b", "crm")).toBeNull();
    });

    it("replaces a cursor and forgets a deleted one", async () => {
      const { cursors } = use();
      await cursors.set("a", "crm", "one");
      await cursors.set("a", "crm", "two");
      expect(await cursors.get("a", "crm")).toBe("two");
      expect(await cursors.delete("a", "crm")).toBe(true);
      expect(await cursors.delete("a", "crm")).toBe(false);
      expect(await cursors.get("a", "crm")).toBeNull();
    });

    it("returns copies: mutating a stored or returned object leaves the store unchanged", async () => {
      const { cursors } = use();
      const value = { page: 1 };
      await cursors.set("a", "jira", value);
      value.page = 2;
      const read = (await cursors.get("a", "jira")) as { page: number };
      read.page = 3;
      expect(await cursors.get("a", "jira")).toEqual({ page: 1 });
    });

    describe("input rules", () => {
      it("refuses a side other than crm or jira", async () => {
        const set = use().cursors.set("a", "zoho" as "crm", "x");
        await expectStorageError(set, "INVALID_INPUT", { field: "side" });
      });

      it("refuses an empty item id", async () => {
        await expectStorageError(use().cursors.get("", "crm"), "INVALID_INPUT", { field: "itemId" });
      });

      it("refuses a null value (delete instead)", async () => {
        await expectStorageError(use().cursors.set("a", "crm", null), "INVALID_INPUT", { field: "value" });
      });

      it("refuses a value JSON cannot carry, naming the path", async () => {
        const set = use().cursors.set("a", "crm", { offset: Number.NaN });
        await expectStorageError(set, "INVALID_INPUT", { field: "value.offset" });
      });
    });
  });
}
