import { type JiraContext, sendJson } from "../context.js";
import { JiraInputError } from "../errors.js";
import type {
  JiraCreateFieldMeta,
  JiraField,
  JiraIssueType,
  JiraProject,
  JiraStatus,
  JiraUser,
} from "../types.js";

/** Statuses valid for one issue type of a project. */
export interface JiraIssueTypeStatuses {
  id: string;
  name: string;
  statuses: JiraStatus[];
}

/** Site metadata: fields, create metadata, projects, issue types, statuses, users. */
export interface MetadataApi {
  /** Every system and custom field the caller can see (custom ids look like `customfield_10010`). */
  fields(): Promise<JiraField[]>;
  /** Issue types the caller may create in a project. */
  createIssueTypes(projectIdOrKey: string): Promise<JiraIssueType[]>;
  /** Field metadata (required, allowed values, schema) for creating one issue type in a project. */
  createFields(projectIdOrKey: string, issueTypeId: string): Promise<JiraCreateFieldMeta[]>;
  /** Streams projects, 100 per page. */
  projects(options?: { query?: string; keys?: readonly string[] }): AsyncIterable<JiraProject>;
  issueTypes(): Promise<JiraIssueType[]>;
  statuses(projectIdOrKey: string): Promise<JiraIssueTypeStatuses[]>;
  /** Users whose display name or email starts with `email`; exact email matches first. */
  usersByEmail(email: string): Promise<JiraUser[]>;
}

function required(name: string, value: string): void {
  if (typeof value !== "string" || value.trim() === "") throw new JiraInputError(name, "must not be empty");
}

/** Walks a startAt/maxResults listing until a short page, `isLast`, or `total` says it is done. */
async function* offsetPages<T>(
  fetchPage: (startAt: number) => Promise<{ items: T[]; total?: number; isLast?: boolean }>,
): AsyncGenerator<T> {
  let startAt = 0;
  for (;;) {
    const page = await fetchPage(startAt);
    yield* page.items;
    startAt += page.items.length;
    if (page.items.length === 0 || page.isLast === true) return;
    if (page.total !== undefined && startAt >= page.total) return;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function metadataApi(ctx: JiraContext): MetadataApi {
  return {
    fields: async () => sendJson(ctx, () => ctx.api.GET("/rest/api/3/field")),
    async createIssueTypes(projectIdOrKey) {
      required("projectIdOrKey", projectIdOrKey);
      return collect(
        offsetPages(async (startAt) => {
          const query = { startAt, maxResults: 200 };
          const data = await sendJson(ctx, () =>
            ctx.api.GET("/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes", {
              params: { path: { projectIdOrKey }, query },
            }),
          );
          return { items: data.issueTypes ?? [], total: data.total };
        }),
      );
    },
    async createFields(projectIdOrKey, issueTypeId) {
      required("projectIdOrKey", projectIdOrKey);
      required("issueTypeId", issueTypeId);
      return collect(
        offsetPages(async (startAt) => {
          const query = { startAt, maxResults: 200 };
          const data = await sendJson(ctx, () =>
            ctx.api.GET("/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}", {
              params: { path: { projectIdOrKey, issueTypeId }, query },
            }),
          );
          return { items: data.fields ?? [], total: data.total };
        }),
      );
    },
    projects(options = {}) {
      return offsetPages(async (startAt) => {
        const query = {
          startAt,
          maxResults: 100,
          ...(options.query ? { query: options.query } : {}),
          ...(options.keys?.length ? { keys: options.keys.join(",") } : {}),
        };
        const data = await sendJson(ctx, () =>
          ctx.api.GET("/rest/api/3/project/search", { params: { query } }),
        );
        return { items: data.values ?? [], total: data.total, isLast: data.isLast };
      });
    },
    issueTypes: async () => sendJson(ctx, () => ctx.api.GET("/rest/api/3/issuetype")),
    async statuses(projectIdOrKey) {
      required("projectIdOrKey", projectIdOrKey);
      return sendJson(ctx, () =>
        ctx.api.GET("/rest/api/3/project/{projectIdOrKey}/statuses", {
          params: { path: { projectIdOrKey } },
        }),
      );
    },
    async usersByEmail(email) {
      if (typeof email !== "string" || !email.includes("@"))
        throw new JiraInputError("email", "must be an email address");
      const users = await sendJson(ctx, () =>
        ctx.api.GET("/rest/api/3/user/search", { params: { query: { query: email } } }),
      );
      const wanted = email.toLowerCase();
      const exact = (u: JiraUser) => (u.emailAddress?.toLowerCase() === wanted ? 0 : 1);
      return [...users].sort((a, b) => exact(a) - exact(b));
    },
  };
}
