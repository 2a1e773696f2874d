import { describe, expect, it } from "vitest";
import { MAX_BATCH_SIZE } from "../limits.js";
import { at, expectStorageError, makeLink, type UseStore } from "./fixtures.js";

/** `intents.getMany` and `links.getManyByCrmRecord`: results aligned with the input, bounds, input. */
export function describeBatchReadRules(use: UseStore): void {
  describe("batched reads", () => {
    it("reads many intents aligned with the keys: null for unknown, repeats repeated", async () => {
      const { intents } = use();
      const [k1] = await intents.recordMany([
        { key: "k1", itemId: "a", target: "jira", sourceId: "r1", now: at(0) },
        { key: "k2", itemId: "b", target: "crm", sourceId: "10002", now: at(1) },
      ]);
      await intents.complete({ key: "k2", createdId: "r2", now: at(2) });
      const read = await intents.getMany(["k2", "nope", "k1", "k2"]);
      expect(read).toEqual([await intents.get("k2"), null, k1?.intent, await intents.get("k2")]);
      expect(read[0]).toMatchObject({ state: { status: "completed", createdId: "r2" } });
      expect(await intents.getMany([])).toEqual([]);
    });

    it("returns copies of intents", async () => {
      const { intents } = use();
      await intents.record({ key: "k1", itemId: "a", target: "jira", sourceId: "r1", now: at(0) });
      const [first] = await intents.getMany(["k1"]);
      if (!first) throw new Error("expected the intent");
      (first as { sourceId: string }).sourceId = "changed";
      expect(await intents.getMany(["k1"])).toEqual([{ ...first, sourceId: "r1" }]);
    });

    it("reads many links of an item by CRM record, aligned with the ids", async () => {
      const { links } = use();
      const l1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      const l2 = await links.save(makeLink("a", "2", "r2"), { expectedVersion: 0 });
      await links.save(makeLink("b", "3", "r3"), { expectedVersion: 0 });
      const read = await links.getManyByCrmRecord("a", ["r2", "r3", "r1", "nope", "r2"]);
      expect(read).toEqual([l2, null, l1, null, l2]);
      expect(await links.getManyByCrmRecord("a", [])).toEqual([]);
    });

    it("follows a link that moved to another CRM record", async () => {
      const { links } = use();
      const v1 = await links.save(makeLink("a", "1", "r1"), { expectedVersion: 0 });
      const moved = await links.save(
        { ...v1, crm: { module: "Deals", recordId: "r9" } },
        { expectedVersion: 1 },
      );
      expect(await links.getManyByCrmRecord("a", ["r1", "r9"])).toEqual([null, moved]);
    });

    it("refuses bad keys naming the entry, and more than MAX_BATCH_SIZE", async () => {
      const { intents, links } = use();
      await expectStorageError(intents.getMany(["k1", ""]), "INVALID_INPUT", { field: "keys[1]" });
      await expectStorageError(intents.getMany("k1" as never), "INVALID_INPUT", { field: "keys" });
      await expectStorageError(links.getManyByCrmRecord("a", ["r1", 7 as never]), "INVALID_INPUT", {
        field: "recordIds[1]",
      });
      await expectStorageError(links.getManyByCrmRecord("", ["r1"]), "INVALID_INPUT", { field: "itemId" });
      const tooMany = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => `r${i}`);
      await expectStorageError(links.getManyByCrmRecord("a", tooMany), "INVALID_INPUT", {
        field: "recordIds",
      });
      await expectStorageError(intents.getMany(tooMany), "INVALID_INPUT", { field: "keys" });
      const most = Array.from({ length: MAX_BATCH_SIZE }, (_, i) => `r${i}`);
      expect(await links.getManyByCrmRecord("a", most)).toHaveLength(MAX_BATCH_SIZE);
    });
  });
}
