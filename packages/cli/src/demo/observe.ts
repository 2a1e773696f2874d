import { adfToText } from "@kobik/jira-client";
import { paginate } from "@kobik/storage";
import type { Link } from "@kobik/sync-core";
import type { DemoWorld } from "./world.js";

type Fields = Record<string, unknown>;

/** What the demo's checks read from both simulators and the workspace, as plain text. */
export interface Observer {
  /** A CRM record's field, as text (`""` when missing). */
  crm(module: string, recordId: string, field: string): string;
  /** A Jira issue's field, as text: ADF becomes its plain text. */
  jira(issueKey: string, field: string): string;
  /** File names on the Jira issue. */
  jiraFiles(issueKey: string): string[];
  /** `name (size bytes)` of each attachment of the CRM record. */
  crmFiles(module: string, recordId: string): string[];
  /** The texts of the issue's comments. */
  comments(issueKey: string): string[];
  /** The texts of the record's notes. */
  notes(module: string, recordId: string): string[];
  /** The stored link of a CRM record, re-read now (its base is what the engine last synced). */
  link(itemId: string, recordId: string): Promise<Link | null>;
  /** Every stored link of an item. */
  links(itemId: string): Promise<Link[]>;
}

/** Renders a value read from either side as text. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && (value as { type?: unknown }).type === "doc")
    return adfToText(value as Parameters<typeof adfToText>[0]);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Builds the {@link Observer} of a demo world. */
export function observe(world: DemoWorld): Observer {
  const { zoho, jira } = world;
  const fields = (key: string): Fields => (jira.inspect.issue(key)?.fields as Fields | undefined) ?? {};
  return {
    crm: (module, id, field) => asText(zoho.inspect.record(module, id)?.[field]),
    jira(key, field) {
      const value = fields(key)[field];
      // Statuses, priorities and users render as objects: their name is what a person sees.
      const name = (value as { name?: unknown } | null)?.name;
      return typeof name === "string" ? name : asText(value);
    },
    jiraFiles: (key) =>
      ((fields(key).attachment as { filename: string }[] | undefined) ?? []).map((a) => a.filename),
    crmFiles: (module, id) =>
      zoho.inspect.attachments(module, id).map((a) => `${a.fileName} (${a.size} bytes)`),
    comments: (key) =>
      ((fields(key).comment as { comments?: { body: unknown }[] } | undefined)?.comments ?? []).map((c) =>
        asText(c.body),
      ),
    notes: (module, id) => zoho.inspect.notes(module, id).map((n) => asText(n.Note_Content)),
    link: (itemId, recordId) => world.ctx.store().links.getByCrmRecord(itemId, recordId),
    async links(itemId) {
      const all: Link[] = [];
      const store = world.ctx.store();
      for await (const link of paginate((p) => store.links.listByItem(itemId, p), 1000)) all.push(link);
      return all;
    },
  };
}
