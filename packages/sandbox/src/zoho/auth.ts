import type { ZohoRequestCtx } from "./context.js";
import { invalidToken, scopeMismatch, zohoError } from "./errors.js";
import { lookupAccess } from "./oauth.js";
import type { AccessToken } from "./oauth-state.js";

/** Scope operations. `WRITE` covers create and update; `ALL` covers everything. */
export type ScopeOp = "READ" | "CREATE" | "UPDATE" | "DELETE";

/** What a call needs: each inner list is alternatives, every outer entry is required. */
export type ScopeNeed = readonly (readonly string[])[];

function opNames(op: ScopeOp): string[] {
  const names = ["all", op.toLowerCase()];
  if (op === "CREATE" || op === "UPDATE") names.push("write");
  return names;
}

/** Scope alternatives for a module operation, e.g. Leads READ. */
export function moduleScope(scope: string, op: ScopeOp): string[] {
  const out: string[] = [];
  for (const name of opNames(op)) out.push(`zohocrm.modules.${name}`, `zohocrm.modules.${scope}.${name}`);
  return out;
}

/** Scope alternatives for a named area, e.g. `settings.fields` READ. */
export function areaScope(path: readonly string[], op: ScopeOp): string[] {
  const out: string[] = [];
  for (let depth = 1; depth <= path.length; depth++) {
    const prefix = `zohocrm.${path.slice(0, depth).join(".")}`;
    if (depth < path.length) out.push(`${prefix}.all`);
    else for (const name of opNames(op)) out.push(`${prefix}.${name}`);
  }
  return out;
}

/** The authenticated caller. */
export interface ZohoAuth {
  token: AccessToken;
  userId: string;
}

/**
 * Authenticates a CRM API call: header `Authorization: Zoho-oauthtoken <t>` only (a `Bearer`
 * header is refused), token live and from this DC, and every scope group satisfied.
 */
export function authenticate(request: Request, ctx: ZohoRequestCtx, need: ScopeNeed): ZohoAuth | Response {
  const header = request.headers.get("authorization");
  if (header === null) return zohoError(401, "AUTHENTICATION_FAILURE", "Authentication failed");
  const match = /^Zoho-oauthtoken (\S+)$/.exec(header);
  if (match === null) return zohoError(401, "AUTHENTICATION_FAILURE", "Authentication failed");
  const token = lookupAccess(ctx.state, match[1]!, ctx.dc);
  if (token === undefined) return invalidToken();
  for (const alternatives of need) {
    if (!alternatives.some((s) => token.scopes.includes(s))) return scopeMismatch();
  }
  return { token, userId: token.userId };
}
