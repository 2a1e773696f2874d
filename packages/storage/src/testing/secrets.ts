import { describe, expect, it } from "vitest";
import { MAX_SECRET_LENGTH } from "../limits.js";
import { expectStorageError, type UseStore } from "./fixtures.js";

const SECRET = "1000.s3cr3t-refresh-token.value";

/** Secret rules: round trip, replace, delete, and values never echoed in errors. */
export function describeSecretRules(use: UseStore): void {
  describe("secrets", () => {
    it("stores, replaces and deletes a secret", async () => {
      const { secrets } = use();
      expect(await secrets.get("zoho:refresh-token")).toBeNull();
      await secrets.set("zoho:refresh-token", SECRET);
      expect(await secrets.get("zoho:refresh-token")).toBe(SECRET);
      await secrets.set("zoho:refresh-token", `${SECRET}-2`);
      expect(await secrets.get("zoho:refresh-token")).toBe(`${SECRET}-2`);
      expect(await secrets.delete("zoho:refresh-token")).toBe(true);
      expect(await secrets.delete("zoho:refresh-token")).toBe(false);
      expect(await secrets.get("zoho:refresh-token")).toBeNull();
    });

    it("refuses an empty key without echoing the value", async () => {
      const error = await use()
        .secrets.set("", SECRET)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "INVALID_INPUT", field: "key" });
      expect(String((error as Error).message)).not.toContain(SECRET);
    });

    it("refuses an empty value (delete instead)", async () => {
      await expectStorageError(use().secrets.set("k", ""), "INVALID_INPUT", { field: "value" });
    });

    it("refuses an oversized value without echoing it, and accepts the largest allowed", async () => {
      const { secrets } = use();
      const big = "x".repeat(MAX_SECRET_LENGTH + 1);
      const error = await secrets.set("k", big).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "INVALID_INPUT", field: "value" });
      expect(JSON.stringify(error) + String((error as Error).message)).not.toContain("xxxxxxxx");
      await secrets.set("k", big.slice(1));
      expect((await secrets.get("k"))?.length).toBe(MAX_SECRET_LENGTH);
    });
  });
}
