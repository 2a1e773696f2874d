import type { JiraSettings } from "../cli/connections.js";
import { SECRET_NAMES } from "../cli/connections.js";
import type { EngineHost } from "../cli/engine-host.js";
import { RunFailedError } from "../cli/errors.js";

/** Settings key of the URL the registered admin webhook posts to (matched on the next start). */
const WEBHOOK_URL_SETTING = "jira:webhook-url";
const ADMIN_WEBHOOKS = "/rest/webhooks/1.0/webhook";
const EVENTS = [
  "jira:issue_created",
  "jira:issue_updated",
  "jira:issue_deleted",
  "comment_created",
  "comment_updated",
];

/** The admin webhook `watch` uses: its `self` link, and how to call the admin webhook API. */
export interface JiraWebhookRef {
  readonly self: string;
  /** The numeric id at the end of `self`, or null when Jira answered without one. */
  readonly id: string | null;
}

async function adminApi(host: EngineHost) {
  const settings = host.store.settings.get<JiraSettings>("jira")!;
  const apiToken = (await host.store.secrets.get(SECRET_NAMES.jiraApiToken)) ?? "";
  const base = settings.baseUrl ?? settings.siteUrl;
  const headers = {
    authorization: `Basic ${Buffer.from(`${settings.email}:${apiToken}`).toString("base64")}`,
    "content-type": "application/json",
  };
  return { endpoint: `${base}${ADMIN_WEBHOOKS}`, headers };
}

function refOf(self: string | undefined, url: string): JiraWebhookRef {
  const id = self ? (/\/(\d+)\/?$/.exec(self)?.[1] ?? null) : null;
  return { self: self ?? url, id };
}

/**
 * Registers (or reuses, after a crash left it behind) a Jira admin webhook signed with `secret`.
 * The Jira client covers OAuth dynamic webhooks only; with an email and API token, the admin
 * webhook API is the one that accepts a secret, so the CLI calls it directly.
 */
export async function registerJiraWebhook(
  host: EngineHost,
  url: string,
  projects: readonly string[],
  secret: string,
): Promise<JiraWebhookRef> {
  const { endpoint, headers } = await adminApi(host);
  const listed = await fetch(endpoint, { headers });
  if (listed.ok) {
    const hooks = (await listed.json()) as { url?: string; self?: string }[];
    const mine = hooks.find((h) => h.url === url);
    if (mine && host.store.settings.get<string>(WEBHOOK_URL_SETTING) === url) return refOf(mine.self, url);
  }
  const body = {
    name: "Kobik Sync (kobik watch)",
    url,
    events: EVENTS,
    filters: { "issue-related-events-section": `project in (${projects.join(", ")})` },
    secret,
  };
  const created = await fetch(endpoint, { method: "POST", headers, body: JSON.stringify(body) });
  if (!created.ok) {
    throw new RunFailedError(
      `Jira refused the webhook registration (HTTP ${created.status}).`,
      "Registering webhooks needs a Jira administrator's API token; run without --listen to poll instead.",
    );
  }
  host.store.settings.set(WEBHOOK_URL_SETTING, url);
  return refOf(((await created.json()) as { self?: string }).self, url);
}

/**
 * Deletes the admin webhook (`DELETE /rest/webhooks/1.0/webhook/{id}`). A 404 means it is already
 * gone, which is what was wanted. Throws with the manual way out when Jira refuses.
 */
export async function deleteJiraWebhook(host: EngineHost, ref: JiraWebhookRef): Promise<void> {
  if (ref.id === null) throw new Error("Jira gave no webhook id to delete.");
  const { endpoint, headers } = await adminApi(host);
  const response = await fetch(`${endpoint}/${ref.id}`, { method: "DELETE", headers });
  await response.body?.cancel();
  if (!response.ok && response.status !== 404) throw new Error(`Jira answered HTTP ${response.status}.`);
  host.store.settings.delete(WEBHOOK_URL_SETTING);
}
