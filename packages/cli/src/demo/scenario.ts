import { setTimeout as sleep } from "node:timers/promises";
import type { Link } from "@kobik/sync-core";
import type { DemoWorld } from "./world.js";

/** The pairs the scenario touched and what a person wrote, so the checks know what to expect. */
export interface ScenarioEdits {
  readonly conflict: { link: Link; crmText: string; jiraText: string };
  readonly differentFields: { link: Link; crmText: string; jiraAmount: number };
  readonly note: { link: Link; text: string };
  readonly comment: { link: Link; text: string };
  readonly attachment: { link: Link; small: string; large: string; largeBytes: number; crmText: string };
  readonly status: { link: Link; jiraStatus: string; crmStage: string } | null;
  readonly newLead: { recordId: string; lastName: string };
}

/** Past the item's 2 s skew window, so the later edit wins the conflict outright. */
const SKEW_WAIT_MS = 2500;

async function links(world: DemoWorld, itemId: string, count: number): Promise<Link[]> {
  const page = await world.ctx.store().links.listByItem(itemId, { limit: count });
  if (page.items.length < count)
    throw new Error(`the backfill linked only ${page.items.length} ${itemId} records`);
  return page.items;
}

function jiraStatusOf(world: DemoWorld, key: string): string | undefined {
  const fields = world.jira.inspect.issue(key)?.fields as { status?: { name?: string } } | undefined;
  return fields?.status?.name;
}

/**
 * Edits both sides the way people would in the two web UIs, between the backfill and the
 * incremental sync: a same-field conflict (Jira edits last, and wins), different-field concurrent
 * edits (both survive), a CRM note, a Jira comment, a small and a 12 MB CRM attachment recorded on
 * the deal, a Jira status move, and a new CRM lead.
 */
export async function editAsPeople(world: DemoWorld): Promise<ScenarioEdits> {
  const [a, b, c, d, e, ...rest] = await links(world, "deals", 8);
  const { zoho, jira } = world;
  const conflict = {
    link: a!,
    crmText: "CRM: customer asked for a 3-year term",
    jiraText: "Jira: legal approved a 2-year term",
  };
  zoho.person.editRecord("Deals", a!.crm.recordId, { Description: conflict.crmText });
  const differentFields = { link: b!, crmText: "CRM: champion changed to the CFO", jiraAmount: 48_250 };
  zoho.person.editRecord("Deals", b!.crm.recordId, { Description: differentFields.crmText });
  jira.person.editIssue(b!.jira.issueKey, { customfield_10052: differentFields.jiraAmount });
  const note = { link: c!, text: "Call notes: budget confirmed for Q1." };
  zoho.person.addNote("Deals", c!.crm.recordId, note.text, { title: "Call" });
  const comment = { link: d!, text: "Engineering: integration spike done, no blockers." };
  jira.person.addComment(d!.jira.issueKey, comment.text);
  const attachment = attachFiles(world, e!);
  const inToDo = rest.find((l) => jiraStatusOf(world, l.jira.issueKey) === "To Do");
  let status: ScenarioEdits["status"] = null;
  if (inToDo) {
    jira.person.moveIssue(inToDo.jira.issueKey, "In Progress");
    status = { link: inToDo, jiraStatus: "In Progress", crmStage: "Needs Analysis" };
  }
  const lastName = "Lovelace (demo lead)";
  const recordId = zoho.person.createRecord("Leads", {
    Last_Name: lastName,
    Company: "Analytical Engines Ltd",
  });
  await sleep(SKEW_WAIT_MS);
  jira.person.editIssue(a!.jira.issueKey, { description: adf(conflict.jiraText) });
  return { conflict, differentFields, note, comment, attachment, status, newLead: { recordId, lastName } };
}

/**
 * A rep uploads a proposal and a 12 MB site survey to a deal and says so in its description.
 * Zoho has no feed of new attachments and an upload leaves the record's Modified_Time alone, so the
 * engine finds them through its attachment sweep (25 links a cycle; all 240 deals take up to 10
 * cycles) or when the link syncs for another reason. The demo runs one incremental sync, so the
 * description edit is that reason. Without it the copy happened only when the incremental sync
 * re-read every deal by chance (a backfill finishing within the second of the seeding), and the
 * demo failed whenever the machine was slower.
 */
function attachFiles(world: DemoWorld, link: Link): ScenarioEdits["attachment"] {
  const attachment = {
    link,
    small: "proposal.txt",
    large: "site-survey.bin",
    largeBytes: 12 * 1024 * 1024,
    crmText: "Proposal v3 sent (attached), site survey attached.",
  };
  const { recordId } = link.crm;
  world.zoho.person.editRecord("Deals", recordId, { Description: attachment.crmText });
  world.zoho.person.addAttachment(
    "Deals",
    recordId,
    attachment.small,
    "Proposal v3: 250 seats, 2-year term.\n",
  );
  world.zoho.person.addAttachment("Deals", recordId, attachment.large, new Uint8Array(attachment.largeBytes));
  return attachment;
}

function adf(text: string) {
  return { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}
