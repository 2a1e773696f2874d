import { type JiraContext, send, sendJson, sendVoid } from "../context.js";
import { JiraInputError } from "../errors.js";
import { checkProperty } from "./property-value.js";

/** Issue entity properties (up to 32768 characters of JSON each), used for link markers. */
export interface PropertiesApi {
  /** Property keys set on the issue. */
  keys(issueIdOrKey: string): Promise<string[]>;
  /** The property's value; throws `JiraNotFoundError` when it (or the issue) does not exist. */
  get<T = unknown>(issueIdOrKey: string, key: string): Promise<T>;
  /** Sets a value after checking its size; resolves `"created"` or `"updated"`. */
  set(issueIdOrKey: string, key: string, value: unknown): Promise<"created" | "updated">;
  delete(issueIdOrKey: string, key: string): Promise<void>;
}

function checkIssue(issueIdOrKey: string): void {
  if (typeof issueIdOrKey !== "string" || issueIdOrKey.trim() === "") {
    throw new JiraInputError("issueIdOrKey", "must be an issue id or key");
  }
}

function checkKey(key: string): void {
  if (typeof key !== "string" || key === "") throw new JiraInputError("key", "must not be empty");
}

export function propertiesApi(ctx: JiraContext): PropertiesApi {
  const path = (issueIdOrKey: string, propertyKey: string) => ({ path: { issueIdOrKey, propertyKey } });
  return {
    async keys(issueIdOrKey) {
      checkIssue(issueIdOrKey);
      const data = await sendJson(ctx, () =>
        ctx.api.GET("/rest/api/3/issue/{issueIdOrKey}/properties", { params: { path: { issueIdOrKey } } }),
      );
      return (data.keys ?? []).map((k) => k.key);
    },
    async get<T>(issueIdOrKey: string, key: string) {
      checkIssue(issueIdOrKey);
      checkKey(key);
      const data = await sendJson(ctx, () =>
        ctx.api.GET("/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}", {
          params: path(issueIdOrKey, key),
        }),
      );
      return data.value as T;
    },
    async set(issueIdOrKey, key, value) {
      checkIssue(issueIdOrKey);
      checkProperty("property", key, value);
      const { response } = await send(ctx, () =>
        ctx.api.PUT("/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}", {
          params: path(issueIdOrKey, key),
          body: value as never,
        }),
      );
      return response.status === 201 ? "created" : "updated";
    },
    delete: async (issueIdOrKey, key) => {
      checkIssue(issueIdOrKey);
      checkKey(key);
      return sendVoid(ctx, () =>
        ctx.api.DELETE("/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}", {
          params: path(issueIdOrKey, key),
        }),
      );
    },
  };
}
