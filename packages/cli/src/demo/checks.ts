import { adfToText } from "@kobik/jira-client";
import type { SyncRunResult } from "@kobik/sync-engine";
import type { ScenarioEdits } from "./scenario.js";
import type { DemoWorld } from "./world.js";

/** One convergence check: what should hold, and whether it does. */
export interface DemoCheck {
  readonly name: string;
  readonly expected: string;
  readonly observed: string;
  readonly ok: boolean;
}

type Fields = Record<string, unknown>;

function issueFields(world: DemoWorld, key: string): Fields {
  return (world.jira.inspect.issue(key)?.fields as Fields | undefined) ?? {};
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : adfToText(value as Parameters<typeof adfToText>[0]);
}

function check(name: string, expected: string, observed: string): DemoCheck {
  return { name, expected, observed, ok: expected === observed };
}

async function linkChecks(world: DemoWorld): Promise<DemoCheck[]> {
  const store = world.ctx.store();
  const out: DemoCheck[] = [];
  for (const [itemId, module, project] of [
    ["deals", "Deals", "KOB"],
    ["leads", "Leads", "OPS"],
  ] as const) {
    const records = world.zoho.inspect.recordIds(module).length;
    const issues = world.jira.inspect.issueKeys().filter((k) => k.startsWith(`${project}-`)).length;
    let links = 0;
    for (let token: string | null = null; ; ) {
      const page = await store.links.listByItem(itemId, { limit: 1000, pageToken: token });
      links += page.items.length;
      token = page.nextPageToken;
      if (token === null) break;
    }
    out.push(
      check(
        `${module}: one issue per record`,
        `${records} records = ${records} links = ${records} ${project} issues`,
        `${records} records = ${links} links = ${issues} ${project} issues`,
      ),
    );
  }
  return out;
}

function conflictCheck(world: DemoWorld, link: ScenarioEdits["conflict"]["link"], winner: string): DemoCheck {
  const crm = text(world.zoho.inspect.record("Deals", link.crm.recordId)?.Description);
  const jira = text(issueFields(world, link.jira.issueKey).description);
  const observed = crm === jira ? `CRM and Jira: "${crm}"` : `CRM: "${crm}", Jira: "${jira}"`;
  return check("same-field conflict: later Jira edit wins", `CRM and Jira: "${winner}"`, observed);
}

/** Checks the scenario's edits converged on both sides, and that a dry run finds nothing left to do. */
export async function convergenceChecks(
  world: DemoWorld,
  edits: ScenarioEdits,
  quiet: readonly SyncRunResult[],
): Promise<DemoCheck[]> {
  const { zoho } = world;
  const deal = (id: string) => zoho.inspect.record("Deals", id) ?? {};
  const c = edits.conflict;
  const d = edits.differentFields;
  const e = edits.attachment;
  const eFiles = (
    (issueFields(world, e.link.jira.issueKey).attachment as { filename: string }[] | undefined) ?? []
  ).map((a) => a.filename);
  const comments =
    (
      issueFields(world, edits.note.link.jira.issueKey).comment as
        | { comments?: { body: unknown }[] }
        | undefined
    )?.comments ?? [];
  const notes = zoho.inspect
    .notes("Deals", edits.comment.link.crm.recordId)
    .map((n) => String(n.Note_Content ?? ""));
  const lead = (await world.ctx.store().links.getByCrmRecord("leads", edits.newLead.recordId))?.jira.issueKey;
  const operations = quiet.reduce(
    (n, r) => n + r.plans.reduce((m, p) => m + p.plan.operations.length, 0) + r.creates.length,
    0,
  );
  const checks = [
    ...(await linkChecks(world)),
    conflictCheck(world, c.link, c.jiraText),
    check(
      "different fields edited at once: both kept",
      `${d.crmText} / ${d.jiraAmount}`,
      `${text(issueFields(world, d.link.jira.issueKey).description)} / ${deal(d.link.crm.recordId).Amount}`,
    ),
    check(
      "CRM note -> Jira comment",
      "1 comment with the note",
      `${comments.filter((x) => text(x.body).includes(edits.note.text)).length} comment with the note`,
    ),
    check(
      "Jira comment -> CRM note",
      "1 note with the comment",
      `${notes.filter((n) => n.includes(edits.comment.text)).length} note with the comment`,
    ),
    check(
      "CRM attachment -> Jira",
      `${e.small} on ${e.link.jira.issueKey}`,
      eFiles.includes(e.small)
        ? `${e.small} on ${e.link.jira.issueKey}`
        : `missing (${eFiles.join(", ") || "none"})`,
    ),
    check(
      "12 MB attachment held back (Jira limit 10 MB)",
      "not copied",
      eFiles.includes(e.large) ? "copied" : "not copied",
    ),
    check(
      "new CRM lead -> OPS issue",
      "linked to an OPS issue",
      lead?.startsWith("OPS-") ? "linked to an OPS issue" : "not linked",
    ),
    check("dry run after the sync", "0 operations left", `${operations} operations left`),
  ];
  if (edits.status) {
    const s = edits.status;
    checks.push(
      check(
        `Jira status "${s.jiraStatus}" -> CRM stage`,
        s.crmStage,
        String(deal(s.link.crm.recordId).Stage),
      ),
    );
  }
  return checks;
}
