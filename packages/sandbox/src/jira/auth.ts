import { json } from "../core/http.js";
import type { JiraRequestCtx } from "./context.js";
import { jiraError } from "./errors.js";
import type { JiraUser } from "./state.js";

/** The authenticated caller: a user, via basic auth (all scopes) or a bearer token (its scopes). */
export interface JiraCaller {
  user: JiraUser;
  via: "basic" | "bearer";
}

const unauthenticated = () => jiraError(401, ["Client must be authenticated to access this resource."]);

function decodeBasic(value: string): [string, string] | undefined {
  const text = Buffer.from(value, "base64").toString("utf8");
  const at = text.indexOf(":");
  return at < 0 ? undefined : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Authenticates a call. Basic auth (email + API token) carries the user's full rights; a bearer
 * token must also hold one of `scopes` (classic scopes such as `read:jira-work`), otherwise 401
 * `{"code":401,"message":"Unauthorized; scope does not match"}` as Atlassian's gateway answers.
 */
export function authenticate(
  request: Request,
  ctx: JiraRequestCtx,
  scopes: readonly string[],
): JiraCaller | Response {
  const header = request.headers.get("authorization") ?? "";
  const space = header.indexOf(" ");
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1);
  const { state } = ctx;
  if (scheme === "basic") {
    const pair = decodeBasic(value);
    const user =
      pair === undefined ? undefined : state.users.find((u) => u.email === pair[0] && u.apiToken === pair[1]);
    return user === undefined || !user.active ? unauthenticated() : { user, via: "basic" };
  }
  if (scheme === "bearer") {
    const bearer = state.bearers.get(value);
    const user = bearer === undefined ? undefined : state.users.find((u) => u.accountId === bearer.accountId);
    if (bearer === undefined || user === undefined || !user.active || bearer.expiresAt <= state.clock.now())
      return unauthenticated();
    if (scopes.length > 0 && !scopes.some((s) => bearer.scopes.includes(s))) {
      return json(401, { code: 401, message: "Unauthorized; scope does not match" });
    }
    return { user, via: "bearer" };
  }
  return unauthenticated();
}

/** Read scope alternatives. */
export const READ = ["read:jira-work"] as const;
/** Write scope alternatives. */
export const WRITE = ["write:jira-work"] as const;

/** Authenticates and requires write access (browse-only users get 403). */
export function writer(request: Request, ctx: JiraRequestCtx, what: string): JiraCaller | Response {
  const caller = authenticate(request, ctx, WRITE);
  if (caller instanceof Response) return caller;
  return caller.user.access === "browse"
    ? jiraError(403, [`You do not have permission to ${what}.`])
    : caller;
}
