import type { SyncRunResult } from "@kobik/sync-engine";
import type { CommandBody, CommandContext } from "../cli/context.js";
import { UsageError } from "../cli/errors.js";
import { renderRuns } from "../cli/run-summary.js";
import type { DemoCheck } from "../demo/check.js";
import { playDemo } from "../demo/play.js";
import { startDemoWorld } from "../demo/world.js";

interface DemoFlags {
  deals: string;
  leads: string;
  keep?: boolean;
}

function count(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 10 || n > 20_000)
    throw new UsageError(`${flag} must be a whole number from 10 to 20000, got "${text}".`);
  return n;
}

function render(
  ctx: CommandContext,
  runs: Record<string, readonly SyncRunResult[]>,
  checks: readonly DemoCheck[],
): void {
  for (const [title, results] of Object.entries(runs)) {
    ctx.out.line(`\n${title}`);
    renderRuns(ctx.out, results);
  }
  ctx.out.line("\nChecks");
  ctx.out.table(
    ["", "check", "expected", "observed"],
    checks.map((c) => [c.ok ? "ok" : "FAIL", c.name, c.expected, c.observed]),
  );
  const failed = checks.filter((c) => !c.ok);
  for (const c of failed) {
    ctx.out.line(`\nFAIL ${c.name}`);
    for (const line of c.details) ctx.out.line(`  ${line}`);
  }
  ctx.out.line(
    failed.length === 0
      ? "\nBoth sides converged."
      : `\n${failed.length} check(s) failed: the sides did not converge.`,
  );
}

/** `kobik demo`: seeds both simulators, syncs, edits as people would, syncs again and checks. */
export const demoCommand: CommandBody<[DemoFlags]> = async (ctx, flags) => {
  const seed = { deals: count(flags.deals, "--deals"), leads: count(flags.leads, "--leads") };
  ctx.out.note(`Starting Zoho CRM and Jira simulators with ${seed.deals} deals and ${seed.leads} leads...`);
  const world = await startDemoWorld(ctx.io, ctx.out, seed);
  ctx.out.note(`Workspace ${world.ctx.paths.dir} (temporary), items: deals (two-way), leads (one-way)`);
  try {
    const { backfill, incremental, quiet, checks } = await playDemo(world, seed);
    const converged = checks.every((c) => c.ok);
    ctx.out.result(
      { workspace: flags.keep ? world.dir : null, converged, backfill, incremental, dryRun: quiet, checks },
      () => render(ctx, { Backfill: backfill, "Incremental sync": incremental }, checks),
    );
    if (flags.keep) ctx.out.note(`Kept the workspace: kobik --workspace ${world.ctx.paths.dir} status`);
    return converged ? 0 : 1;
  } finally {
    await world.close(flags.keep === true);
  }
};
