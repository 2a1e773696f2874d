import { csv, type JiraContext, sendJson, sendRaw, sendVoid } from "../context.js";
import { createJiraError } from "../error-factory.js";
import { type JiraErrorCollection, JiraInputError, JiraMalformedResponseError } from "../errors.js";
import type { components } from "../generated/jira.js";
import type { JiraCreatedIssue, JiraIssue, JiraIssueInput } from "../types.js";
import { toEntityProperties } from "./property-value.js";

/** Jira's cap on issues per bulk-create call. */
export const BULK_CREATE_MAX = 50;

/** Outcome of one element of a bulk create, in input order. */
export type JiraBulkCreateResult =
  | { ok: true; index: number; issue: JiraCreatedIssue }
  | { ok: false; index: number; status: number | undefined; error: JiraErrorCollection };

/** Which parts of an issue to fetch. */
export interface GetIssueOptions {
  /** Field ids (`summary`, `customfield_10010`), `*all`, `*navigable`, or `-x` to exclude. */
  fields?: readonly string[];
  expand?: readonly string[];
  /** Entity property keys to return inline (`*all` for all). */
  properties?: readonly string[];
}

/** Options of an edit. */
export interface EditIssueOptions {
  /** Default true in Jira; turning it off needs admin rights and is otherwise silently ignored. */
  notifyUsers?: boolean;
}

/** Issue operations. Status cannot be edited: use `transitions.transitionTo`. */
export interface IssuesApi {
  /** Creates an issue, with entity properties in the same call. Not retried after a 5xx. */
  create(input: JiraIssueInput): Promise<JiraCreatedIssue>;
  /** Creates issues in calls of at most 50; every element gets a result, failures included. */
  bulkCreate(inputs: readonly JiraIssueInput[]): Promise<JiraBulkCreateResult[]>;
  get(issueIdOrKey: string, options?: GetIssueOptions): Promise<JiraIssue>;
  /** Edits fields (a `status` field is ignored by Jira). 409 means a conflicting edit. */
  edit(issueIdOrKey: string, input: JiraIssueInput, options?: EditIssueOptions): Promise<void>;
  /** Deletes an issue; `deleteSubtasks` is required when it has subtasks. */
  delete(issueIdOrKey: string, options?: { deleteSubtasks?: boolean }): Promise<void>;
}

type UpdateDetails = components["schemas"]["IssueUpdateDetails"];

function toDetails(input: JiraIssueInput, field: string): UpdateDetails {
  const properties = toEntityProperties(`${field}.properties`, input.properties);
  return {
    ...(input.fields ? { fields: input.fields } : {}),
    ...(input.update ? { update: input.update } : {}),
    ...(properties ? { properties } : {}),
  };
}

function checkKey(issueIdOrKey: string): void {
  if (typeof issueIdOrKey !== "string" || issueIdOrKey.trim() === "") {
    throw new JiraInputError("issueIdOrKey", "must be an issue id or key");
  }
}

/**
 * Pairs Jira's bulk answer with the input order. Jira lists failures by `failedElementNumber` and
 * the created issues, in order, for the remaining elements.
 */
function pairBulk(
  offset: number,
  size: number,
  body: components["schemas"]["CreatedIssues"],
): JiraBulkCreateResult[] {
  const failures = new Map((body.errors ?? []).map((e) => [e.failedElementNumber, e]));
  const created = [...(body.issues ?? [])];
  if (created.length + failures.size !== size) {
    throw new JiraMalformedResponseError(
      `bulk create answered ${created.length} issues and ${failures.size} errors for ${size} elements`,
      { code: "MALFORMED_RESPONSE", details: body },
    );
  }
  const results: JiraBulkCreateResult[] = [];
  for (let i = 0; i < size; i++) {
    const failure = failures.get(i);
    if (failure) {
      const error = failure.elementErrors ?? {};
      results.push({
        ok: false,
        index: offset + i,
        status: failure.status,
        error: { errorMessages: error.errorMessages ?? [], errors: error.errors ?? {} },
      });
    } else results.push({ ok: true, index: offset + i, issue: created.shift()! });
  }
  return results;
}

async function bulkChunk(
  ctx: JiraContext,
  offset: number,
  chunk: UpdateDetails[],
): Promise<JiraBulkCreateResult[]> {
  const { data, error, response } = await sendRaw(() =>
    ctx.api.POST("/rest/api/3/issue/bulk", { body: { issueUpdates: chunk } }),
  );
  // 400 with element errors means "all failed": still per-element results, not an exception.
  const body = (response.ok ? data : error) as components["schemas"]["CreatedIssues"] | undefined;
  if (response.ok || (response.status === 400 && Array.isArray(body?.errors) && body.errors.length > 0)) {
    if (body === undefined) {
      throw new JiraMalformedResponseError("bulk create answered without a body", {
        code: "MALFORMED_RESPONSE",
      });
    }
    return pairBulk(offset, chunk.length, body);
  }
  throw createJiraError({
    status: response.status,
    headers: response.headers,
    body: error,
    secrets: ctx.secrets(),
  });
}

export function issuesApi(ctx: JiraContext): IssuesApi {
  return {
    create: async (input) => {
      const body = toDetails(input, "input");
      return sendJson(ctx, () => ctx.api.POST("/rest/api/3/issue", { body }));
    },
    async bulkCreate(inputs) {
      const details = inputs.map((input, i) => toDetails(input, `inputs[${i}]`));
      const results: JiraBulkCreateResult[] = [];
      for (let offset = 0; offset < details.length; offset += BULK_CREATE_MAX) {
        results.push(...(await bulkChunk(ctx, offset, details.slice(offset, offset + BULK_CREATE_MAX))));
      }
      return results;
    },
    get: async (issueIdOrKey, options = {}) => {
      checkKey(issueIdOrKey);
      const query = {
        fields: csv(options.fields),
        expand: csv(options.expand),
        properties: csv(options.properties),
      };
      return sendJson(ctx, () =>
        ctx.api.GET("/rest/api/3/issue/{issueIdOrKey}", { params: { path: { issueIdOrKey }, query } }),
      );
    },
    edit: async (issueIdOrKey, input, options = {}) => {
      checkKey(issueIdOrKey);
      const body = toDetails(input, "input");
      const query = options.notifyUsers === undefined ? {} : { notifyUsers: options.notifyUsers };
      return sendVoid(ctx, () =>
        ctx.api.PUT("/rest/api/3/issue/{issueIdOrKey}", { params: { path: { issueIdOrKey }, query }, body }),
      );
    },
    delete: async (issueIdOrKey, options = {}) => {
      checkKey(issueIdOrKey);
      const query = options.deleteSubtasks === undefined ? {} : { deleteSubtasks: options.deleteSubtasks };
      return sendVoid(ctx, () =>
        ctx.api.DELETE("/rest/api/3/issue/{issueIdOrKey}", { params: { path: { issueIdOrKey }, query } }),
      );
    },
  };
}
