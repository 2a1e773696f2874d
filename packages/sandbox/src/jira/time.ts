import { offsetSuffix } from "../zoho/time.js";

/** `2026-11-22T10:15:30.123+0000`, Jira's timestamp form, in the site's offset. */
export function formatJiraTime(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  return `${local}${offsetSuffix(offsetMinutes, false)}`;
}
