import { describe, expect, it } from "vitest";
import { kobik, tempDir } from "./helpers/kobik.js";

describe("kobik demo", () => {
  it("backfills, syncs a day of edits on both sides, and converges", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = await kobik(["--json", "demo", "--deals", "30", "--leads", "15"], { cwd: dir });
      expect(r.stderr).toContain("Backfill");
      const body = JSON.parse(r.stdout) as {
        converged: boolean;
        checks: { name: string; ok: boolean; observed: string }[];
        backfill: { itemId: string; counts: { created: number } }[];
      };
      expect(body.checks.filter((c) => !c.ok)).toEqual([]);
      expect(body.converged).toBe(true);
      expect(body.backfill.map((b) => [b.itemId, b.counts.created])).toEqual([
        ["deals", 30],
        ["leads", 15],
      ]);
      expect(r.code).toBe(0);
    } finally {
      cleanup();
    }
  });

  it("refuses a seed size out of range with exit 2", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const r = await kobik(["demo", "--deals", "five"], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--deals must be a whole number");
    } finally {
      cleanup();
    }
  });
});
