import { type JiraContext, sendJson } from "../context.js";
import { JiraInputError, JiraMalformedResponseError } from "../errors.js";
import type { JqlBuilder } from "../jql.js";
import type { JiraIssue } from "../types.js";

/** Parameters of an enhanced JQL search (`POST /rest/api/3/search/jql`). */
export interface SearchParams {
  /** A bounded query (a bare ORDER BY is rejected by Jira); a string or a {@link JqlBuilder}. */
  jql: string | JqlBuilder;
  /** Fields to return. When omitted Jira returns issue ids only, which fits the most issues per page. */
  fields?: readonly string[];
  /** Expansions, e.g. `["renderedFields", "names"]`. */
  expand?: readonly string[];
  /** Up to 5 entity property keys to return inline. */
  properties?: readonly string[];
  /** Issues per page (Jira default 50); Jira may return fewer when many fields are requested. */
  maxResults?: number;
  /** Up to 50 issue ids just written, so this eventually-consistent search includes them. */
  reconcileIssues?: readonly (number | string)[];
  /** Resume from a checkpointed page token (tokens expire after 7 days). */
  nextPageToken?: string;
}

/** One page of results; `nextPageToken` is undefined on the last page. There is no total. */
export interface SearchPage {
  issues: JiraIssue[];
  nextPageToken: string | undefined;
}

/** Enhanced JQL search; pages can only be read forward, one after the other. */
export interface SearchApi {
  page(params: SearchParams): Promise<SearchPage>;
  /** Streams pages (checkpoint `nextPageToken` per page to resume later). */
  pages(params: SearchParams): AsyncIterable<SearchPage>;
  /** Streams issues across pages; memory stays at one page. */
  issues(params: SearchParams): AsyncIterable<JiraIssue>;
}

function requestBody(params: SearchParams) {
  const jql = String(params.jql);
  if (jql.trim() === "") throw new JiraInputError("jql", "must not be empty");
  if ((params.properties?.length ?? 0) > 5)
    throw new JiraInputError("properties", "Jira accepts at most 5 keys");
  const reconcile = params.reconcileIssues?.map((id, i) => {
    const n = Number(id);
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new JiraInputError(`reconcileIssues[${i}]`, "must be a numeric issue id");
    return n;
  });
  if ((reconcile?.length ?? 0) > 50)
    throw new JiraInputError("reconcileIssues", "Jira accepts at most 50 ids");
  if (params.maxResults !== undefined && (!Number.isInteger(params.maxResults) || params.maxResults < 1)) {
    throw new JiraInputError("maxResults", "must be a positive integer");
  }
  return {
    jql,
    ...(params.fields ? { fields: [...params.fields] } : {}),
    ...(params.expand?.length ? { expand: params.expand.join(",") } : {}),
    ...(params.properties ? { properties: [...params.properties] } : {}),
    ...(params.maxResults !== undefined ? { maxResults: params.maxResults } : {}),
    ...(reconcile?.length ? { reconcileIssues: reconcile } : {}),
    ...(params.nextPageToken ? { nextPageToken: params.nextPageToken } : {}),
  };
}

export function searchApi(ctx: JiraContext): SearchApi {
  const page = async (params: SearchParams): Promise<SearchPage> => {
    const body = requestBody(params);
    const data = await sendJson(ctx, () => ctx.api.POST("/rest/api/3/search/jql", { body }));
    if (!Array.isArray(data.issues)) {
      throw new JiraMalformedResponseError("search page without an issues array", {
        code: "MALFORMED_RESPONSE",
      });
    }
    const token = data.isLast === true ? undefined : (data.nextPageToken ?? undefined);
    return { issues: data.issues, nextPageToken: token || undefined };
  };
  async function* pages(params: SearchParams): AsyncGenerator<SearchPage> {
    let token = params.nextPageToken;
    for (;;) {
      const result = await page({ ...params, nextPageToken: token });
      yield result;
      if (result.nextPageToken === undefined) return;
      // The same token twice in a row would loop forever: treat it as a broken response.
      if (result.nextPageToken === token) {
        throw new JiraMalformedResponseError("search repeated a nextPageToken", {
          code: "MALFORMED_RESPONSE",
        });
      }
      token = result.nextPageToken;
    }
  }
  async function* issues(params: SearchParams): AsyncGenerator<JiraIssue> {
    for await (const p of pages(params)) yield* p.issues;
  }
  return { page, pages, issues };
}
