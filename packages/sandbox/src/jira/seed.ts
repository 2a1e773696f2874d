import { COMPANIES, phrase, prose } from "../core/fake.js";
import type { SeededRandom } from "../core/random.js";
import { createIssue } from "./issue-write.js";
import type { JiraProject, JiraState } from "./state.js";
import { reindex } from "./views.js";

const DAY = 86_400_000;

/** A small, valid ADF document from generated text; paragraphs split on blank lines. */
export function adfDoc(text: string): Record<string, unknown> {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== "");
  return {
    type: "doc",
    version: 1,
    content: paragraphs.map((p) => ({
      type: "paragraph",
      content: p
        .split("\n")
        .flatMap((line, i) => [
          ...(i > 0 ? [{ type: "hardBreak" }] : []),
          ...(line === "" ? [] : [{ type: "text", text: line }]),
        ]),
    })),
  };
}

/** Generates `count` issues in a project: varied summaries, ADF descriptions, statuses and comments. */
export function seedIssues(
  state: JiraState,
  project: JiraProject,
  count: number,
  random: SeededRandom,
): void {
  const end = state.clock.now();
  const writers = state.users.filter((u) => u.access !== "browse");
  for (let i = 0; i < count; i++) {
    const created = end - 90 * DAY + Math.floor((90 * DAY * i) / Math.max(count, 1));
    const actor = random.pick(writers).accountId;
    const summary = `${phrase(random, random.between(2, 6))} — ${random.pick(COMPANIES)}`.slice(0, 255);
    const values: Record<string, unknown> = { summary, priority: random.pick(state.priorities) };
    if (random.chance(0.8)) values.description = adfDoc(prose(random));
    if (random.chance(0.5)) values.labels = [random.pick(["crm", "sync", "urgent", "customer", "renewal"])];
    if (random.chance(0.6)) values.assignee = random.pick(writers).accountId;
    if (random.chance(0.4)) values.customfield_10052 = Math.round(random.next() * 100_000) / 100;
    const issue = createIssue(state, project, random.pick(project.issueTypeIds), values, actor);
    issue.created = created;
    issue.updated = Math.min(end, created + (random.chance(0.5) ? 0 : random.int(20 * DAY)));
    issue.statusId = random.pick(state.statuses).id;
    const comments = random.chance(0.3) ? random.between(1, 3) : 0;
    for (let c = 0; c < comments; c++) {
      const at = Math.min(issue.updated, issue.created + c * 3_600_000);
      issue.comments.push({
        id: state.nextId(),
        author: actor,
        updateAuthor: actor,
        body: adfDoc(prose(random)),
        created: at,
        updated: at,
      });
    }
    // Seeded issues are indexed at once, whatever the search lag.
    reindex({ ...state, searchLagMs: 0 }, issue);
  }
}
