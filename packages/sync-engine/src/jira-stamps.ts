import type { Link } from "@kobik/sync-core";
import type { EngineContext } from "./context.js";
import { mapLimit } from "./pool.js";

/** When an issue last changed and when it was created, read without its fields. */
export interface IssueStamp {
  readonly updated: string | null;
  readonly created: string | null;
}

// Jira returns at most 100 issues per page once any field is asked for.
const STAMPS_PER_SEARCH = 100;

/**
 * Reads `updated` and `created` of many issues: one `id in (…)` search per 100, several at once (the
 * searches are independent, unlike the pages of one search). Issues Jira no longer returns are absent.
 */
export async function readStamps(
  ctx: EngineContext,
  ids: readonly string[],
  concurrency: number,
): Promise<Map<string, IssueStamp>> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += STAMPS_PER_SEARCH) chunks.push(ids.slice(i, i + STAMPS_PER_SEARCH));
  const stamps = new Map<string, IssueStamp>();
  await mapLimit(chunks, concurrency, async (chunk) => {
    const page = await ctx.jira.search.page({
      jql: `id in (${chunk.join(", ")})`,
      fields: ["updated", "created"],
      maxResults: STAMPS_PER_SEARCH,
    });
    for (const issue of page.issues) {
      const fields = (issue.fields ?? {}) as Record<string, unknown>;
      stamps.set(String(issue.id), {
        updated: typeof fields.updated === "string" ? fields.updated : null,
        created: typeof fields.created === "string" ? fields.created : null,
      });
    }
  });
  return stamps;
}

/**
 * Whether the Jira side of a link is known unchanged since the link was last synced, so a re-read
 * (overlap window) needs no full read and no plan: its `updated` equals what the last handling saw or
 * what the base recorded, or it is an issue this engine auto-created whose `updated` still equals its
 * `created` (nobody touched it since; its base holds the values it was created with).
 */
export function unchangedSinceSync(
  link: Link,
  stamp: IssueStamp,
  seen: Readonly<Record<string, string>>,
): boolean {
  const { updated, created } = stamp;
  if (updated === null) return false;
  if (seen[link.jira.issueId] === updated || link.base.jiraUpdated === updated) return true;
  return (
    link.origin === "auto" &&
    link.base.jiraUpdated === null &&
    Object.keys(link.base.fields).length > 0 &&
    created !== null &&
    Date.parse(created) === Date.parse(updated)
  );
}
