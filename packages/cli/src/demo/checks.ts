import type { SyncRunResult } from "@kobik/sync-engine";
import { check, type DemoCheck } from "./check.js";
import { linkCountCheck, operationsLeft, pairState } from "./check-details.js";
import { type Observer, observe } from "./observe.js";
import type { ScenarioEdits } from "./scenario.js";
import type { DemoWorld } from "./world.js";

function eachMatching(texts: readonly string[], wanted: string, what: string): string {
  return `${texts.filter((t) => t.includes(wanted)).length} ${what}`;
}

async function fieldChecks(o: Observer, edits: ScenarioEdits): Promise<DemoCheck[]> {
  const c = edits.conflict;
  const cCrm = o.crm("Deals", c.link.crm.recordId, "Description");
  const cJira = o.jira(c.link.jira.issueKey, "description");
  const d = edits.differentFields;
  return [
    await check(
      "same-field conflict: later Jira edit wins",
      `CRM and Jira: "${c.jiraText}"`,
      cCrm === cJira ? `CRM and Jira: "${cCrm}"` : `CRM: "${cCrm}", Jira: "${cJira}"`,
      () => pairState(o, c.link, [["Description", "description"]]),
    ),
    await check(
      "different fields edited at once: both kept",
      `${d.crmText} / ${d.jiraAmount}`,
      `${o.jira(d.link.jira.issueKey, "description")} / ${o.crm("Deals", d.link.crm.recordId, "Amount")}`,
      () =>
        pairState(o, d.link, [
          ["Description", "description"],
          ["Amount", "customfield_10052"],
        ]),
    ),
  ];
}

async function relatedChecks(o: Observer, edits: ScenarioEdits): Promise<DemoCheck[]> {
  const { note, comment } = edits;
  const comments = o.comments(note.link.jira.issueKey);
  const notes = o.notes("Deals", comment.link.crm.recordId);
  return [
    await check(
      "CRM note -> Jira comment",
      "1 comment with the note",
      eachMatching(comments, note.text, "comment with the note"),
      () => [`comments on ${note.link.jira.issueKey}: ${JSON.stringify(comments)}`],
    ),
    await check(
      "Jira comment -> CRM note",
      "1 note with the comment",
      eachMatching(notes, comment.text, "note with the comment"),
      () => [`notes on ${comment.link.crm.recordId}: ${JSON.stringify(notes)}`],
    ),
  ];
}

async function attachmentChecks(o: Observer, edits: ScenarioEdits): Promise<DemoCheck[]> {
  const e = edits.attachment;
  const key = e.link.jira.issueKey;
  const files = o.jiraFiles(key);
  const base = (await o.link("deals", e.link.crm.recordId))?.base.attachments ?? [];
  const heldBack = base.some((a) => a.state === "skipped" && a.name === e.large && a.reason === "too-large");
  const details = async () => [
    `CRM record ${e.link.crm.recordId} files: ${o.crmFiles("Deals", e.link.crm.recordId).join(", ") || "none"}`,
    `Jira ${key} files: ${files.join(", ") || "none"}`,
    `link base attachments: ${JSON.stringify(base)}`,
    ...(await pairState(o, e.link, [["Description", "description"]])),
  ];
  return [
    await check(
      "CRM attachment -> Jira",
      `${e.small} on ${key}`,
      files.includes(e.small) ? `${e.small} on ${key}` : `missing (${files.join(", ") || "none"})`,
      details,
    ),
    await check(
      "12 MB attachment held back (Jira limit 10 MB)",
      "skipped as too large, not copied",
      `${heldBack ? "skipped as too large" : "not considered"}, ${files.includes(e.large) ? "copied" : "not copied"}`,
      details,
    ),
  ];
}

async function leadAndStatusChecks(o: Observer, edits: ScenarioEdits): Promise<DemoCheck[]> {
  const leadLink = await o.link("leads", edits.newLead.recordId);
  const out = [
    await check(
      "new CRM lead -> OPS issue",
      "linked to an OPS issue",
      leadLink?.jira.issueKey.startsWith("OPS-") ? "linked to an OPS issue" : "not linked",
      () => [`lead ${edits.newLead.recordId} link: ${JSON.stringify(leadLink?.jira ?? null)}`],
    ),
  ];
  const s = edits.status;
  if (s)
    out.push(
      await check(
        `Jira status "${s.jiraStatus}" -> CRM stage`,
        s.crmStage,
        o.crm("Deals", s.link.crm.recordId, "Stage"),
        () => pairState(o, s.link, [["Stage", "status"]]),
      ),
    );
  return out;
}

/** Checks the scenario's edits converged on both sides, and that a dry run finds nothing left to do. */
export async function convergenceChecks(
  world: DemoWorld,
  edits: ScenarioEdits,
  quiet: readonly SyncRunResult[],
): Promise<DemoCheck[]> {
  const o = observe(world);
  const left = operationsLeft(quiet);
  return [
    await linkCountCheck(world, o, "deals", "Deals", "KOB"),
    await linkCountCheck(world, o, "leads", "Leads", "OPS"),
    ...(await fieldChecks(o, edits)),
    ...(await relatedChecks(o, edits)),
    ...(await attachmentChecks(o, edits)),
    ...(await leadAndStatusChecks(o, edits)),
    await check("dry run after the sync", "0 operations left", `${left.length} operations left`, () => left),
  ];
}
