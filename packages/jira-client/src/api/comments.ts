import { markdownToAdf } from "../adf/convert.js";
import { isAdfDocument } from "../adf/types.js";
import { type JiraContext, sendJson, sendVoid } from "../context.js";
import { JiraInputError } from "../errors.js";
import type { JiraComment, JiraCommentBody, JiraVisibility } from "../types.js";

/** Options of a comment write. */
export interface CommentWriteOptions {
  visibility?: JiraVisibility;
  /** For updates: Jira's default is true. */
  notifyUsers?: boolean;
}

/** Comment operations; bodies are ADF, or markdown-subset text converted with `markdownToAdf`. */
export interface CommentsApi {
  /** Streams every comment of an issue, oldest first, one page (up to `pageSize`) in memory at a time. */
  list(issueIdOrKey: string, options?: { pageSize?: number }): AsyncIterable<JiraComment>;
  get(issueIdOrKey: string, commentId: string): Promise<JiraComment>;
  add(issueIdOrKey: string, body: JiraCommentBody, options?: CommentWriteOptions): Promise<JiraComment>;
  update(
    issueIdOrKey: string,
    commentId: string,
    body: JiraCommentBody,
    options?: CommentWriteOptions,
  ): Promise<JiraComment>;
  delete(issueIdOrKey: string, commentId: string): Promise<void>;
}

function toBody(body: JiraCommentBody) {
  if (typeof body === "string") return markdownToAdf(body);
  if (isAdfDocument(body)) return body;
  throw new JiraInputError("body", "must be an ADF document or a string");
}

function checkIds(issueIdOrKey: string, commentId?: string): void {
  if (typeof issueIdOrKey !== "string" || issueIdOrKey.trim() === "") {
    throw new JiraInputError("issueIdOrKey", "must be an issue id or key");
  }
  if (commentId !== undefined && (typeof commentId !== "string" || commentId === "")) {
    throw new JiraInputError("commentId", "must not be empty");
  }
}

export function commentsApi(ctx: JiraContext): CommentsApi {
  async function* list(
    issueIdOrKey: string,
    options: { pageSize?: number } = {},
  ): AsyncGenerator<JiraComment> {
    checkIds(issueIdOrKey);
    let startAt = 0;
    for (;;) {
      const query = { startAt, maxResults: options.pageSize ?? 100, orderBy: "created" as const };
      const page = await sendJson(ctx, () =>
        ctx.api.GET("/rest/api/3/issue/{issueIdOrKey}/comment", {
          params: { path: { issueIdOrKey }, query },
        }),
      );
      const comments = page.comments ?? [];
      yield* comments;
      startAt += comments.length;
      // `total` may be absent; an empty or short page ends the walk either way.
      const more =
        page.total !== undefined ? startAt < page.total : comments.length >= (page.maxResults ?? 1);
      if (comments.length === 0 || !more) return;
    }
  }
  return {
    list,
    get: async (issueIdOrKey, id) => {
      checkIds(issueIdOrKey, id);
      return sendJson(ctx, () =>
        ctx.api.GET("/rest/api/3/issue/{issueIdOrKey}/comment/{id}", {
          params: { path: { issueIdOrKey, id } },
        }),
      );
    },
    add: async (issueIdOrKey, body, options = {}) => {
      checkIds(issueIdOrKey);
      const payload = {
        body: toBody(body),
        ...(options.visibility ? { visibility: options.visibility } : {}),
      };
      return sendJson(ctx, () =>
        ctx.api.POST("/rest/api/3/issue/{issueIdOrKey}/comment", {
          params: { path: { issueIdOrKey } },
          body: payload,
        }),
      );
    },
    update: async (issueIdOrKey, id, body, options = {}) => {
      checkIds(issueIdOrKey, id);
      const payload = {
        body: toBody(body),
        ...(options.visibility ? { visibility: options.visibility } : {}),
      };
      const query = options.notifyUsers === undefined ? {} : { notifyUsers: options.notifyUsers };
      return sendJson(ctx, () =>
        ctx.api.PUT("/rest/api/3/issue/{issueIdOrKey}/comment/{id}", {
          params: { path: { issueIdOrKey, id }, query },
          body: payload,
        }),
      );
    },
    delete: async (issueIdOrKey, id) => {
      checkIds(issueIdOrKey, id);
      return sendVoid(ctx, () =>
        ctx.api.DELETE("/rest/api/3/issue/{issueIdOrKey}/comment/{id}", {
          params: { path: { issueIdOrKey, id } },
        }),
      );
    },
  };
}
