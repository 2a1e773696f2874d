import { ZohoInputError, ZohoNotFoundError } from "./errors.js";
import type { ZohoHttp } from "./http.js";
import { idParam, pagingParams, toPage } from "./paging.js";
import type { WriteOutcome, ZohoPage, ZohoUser } from "./types.js";
import { singleOutcome } from "./write-results.js";

/** The `type` filter of the users list (Zoho's own names). */
export type ZohoUserType =
  | "AllUsers"
  | "ActiveUsers"
  | "DeactiveUsers"
  | "ConfirmedUsers"
  | "NotConfirmedUsers"
  | "DeletedUsers"
  | "ActiveConfirmedUsers"
  | "AdminUsers"
  | "ActiveConfirmedAdmins"
  | "CurrentUser";

/** A user to invite; role and profile ids come from `/settings/roles` and `/settings/profiles`. */
export interface NewZohoUser {
  email: string;
  lastName: string;
  firstName?: string;
  roleId: string;
  profileId: string;
}

/** @internal */
export function usersApi(http: ZohoHttp) {
  /** One page of users; Zoho lists them under `users`, not `data`. */
  async function list(
    options: { type?: ZohoUserType; page?: number; perPage?: number } = {},
  ): Promise<ZohoPage<ZohoUser>> {
    const query = { type: options.type ?? "AllUsers", ...pagingParams(options.page, options.perPage) };
    const raw = await http.send((init) => http.api.GET("/users", { ...init, params: { query } }));
    const data = http.expect(raw);
    if (data !== undefined && !Array.isArray(data.users)) throw http.malformed('no "users" array', raw);
    return toPage(data?.users, data?.info, raw.response.status);
  }

  /** Every page of users of a type, one page in memory at a time. */
  async function* iterate(
    options: { type?: ZohoUserType; perPage?: number } = {},
  ): AsyncGenerator<ZohoPage<ZohoUser>, void, undefined> {
    for (let page = 1; ; page++) {
      const current = await list({ ...options, page });
      yield current;
      if (!current.info.moreRecords || current.items.length === 0) return;
    }
  }

  async function get(userId: string): Promise<ZohoUser> {
    const path = { user_id: idParam(userId, "userId") };
    const raw = await http.send((init) => http.api.GET("/users/{user_id}", { ...init, params: { path } }));
    const user = http.expect(raw)?.users?.[0];
    if (user === undefined)
      throw new ZohoNotFoundError(`no user ${userId}`, { code: "NOT_FOUND", status: raw.response.status });
    return user;
  }

  /** Invites a user (uses a licence; over the limit Zoho answers `LICENSE_LIMIT_EXCEEDED`). */
  async function add(user: NewZohoUser): Promise<WriteOutcome> {
    for (const key of ["email", "lastName"] as const) {
      if (typeof user?.[key] !== "string" || user[key] === "") throw new ZohoInputError(key, "required");
    }
    const body = {
      users: [
        {
          email: user.email,
          last_name: user.lastName,
          ...(user.firstName === undefined ? {} : { first_name: user.firstName }),
          role: idParam(user.roleId, "roleId"),
          profile: idParam(user.profileId, "profileId"),
        },
      ],
    };
    const raw = await http.send((init) => http.api.POST("/users", { ...init, body }));
    return singleOutcome(http, raw, "users");
  }

  /** Updates a user with Zoho field names (e.g. `{ role: "<id>", first_name: "Ada" }`). */
  async function update(userId: string, changes: Record<string, unknown>): Promise<WriteOutcome> {
    const path = { user_id: idParam(userId, "userId") };
    if (changes === null || typeof changes !== "object" || Object.keys(changes).length === 0) {
      throw new ZohoInputError("changes", "nothing to update");
    }
    const raw = await http.send((init) =>
      http.api.PUT("/users/{user_id}", { ...init, params: { path }, body: { users: [changes] } }),
    );
    return singleOutcome(http, raw, "users");
  }

  /** Deactivates a user (`status: "disabled"`; the exact value is unconfirmed for v8), keeping their records. */
  const deactivate = (userId: string) => update(userId, { status: "disabled" });

  async function remove(userId: string): Promise<WriteOutcome> {
    const path = { user_id: idParam(userId, "userId") };
    const raw = await http.send((init) => http.api.DELETE("/users/{user_id}", { ...init, params: { path } }));
    return singleOutcome(http, raw, "users");
  }

  return { list, iterate, get, add, update, deactivate, delete: remove };
}
