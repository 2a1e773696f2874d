import type { SyncRunResult } from "@kobik/sync-engine";
import { syncItems } from "../commands/sync.js";
import type { DemoCheck } from "./check.js";
import { convergenceChecks } from "./checks.js";
import { editAsPeople } from "./scenario.js";
import type { DemoWorld } from "./world.js";

/** Everything one demo run did and found. */
export interface DemoPlay {
  readonly backfill: SyncRunResult[];
  readonly incremental: SyncRunResult[];
  readonly quiet: SyncRunResult[];
  readonly checks: DemoCheck[];
}

/**
 * The demo's story on a started world: backfill, people edit both sides, an incremental sync, then a
 * dry run and the convergence checks.
 */
export async function playDemo(world: DemoWorld, seed: { deals: number; leads: number }): Promise<DemoPlay> {
  const { ctx } = world;
  const say = (text: string) => ctx.out.note(text);
  say("\n1. Backfill: every CRM record becomes a linked Jira issue");
  const totals = new Map([
    ["deals", seed.deals],
    ["leads", seed.leads],
  ]);
  const backfill = await syncItems(ctx, { totals });
  say("\n2. People edit both sides: a same-field conflict, different-field edits, a note, a comment,");
  say("   a small and a 12 MB attachment, a status move and a new lead");
  const edits = await editAsPeople(world);
  say("\n3. Incremental sync: only what changed is read and written");
  const incremental = await syncItems(ctx, {});
  say("\n4. Convergence check: a dry run must find nothing left to do");
  const quiet = await syncItems(ctx, { dryRun: true });
  const checks = await convergenceChecks(world, edits, quiet);
  return { backfill, incremental, quiet, checks };
}
