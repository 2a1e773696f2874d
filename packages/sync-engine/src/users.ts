import type { EngineContext } from "./context.js";

/** Resolves user emails to each side's user id, once per run: Jira needs accountIds, Zoho user ids. */
export interface UserResolver {
  jiraAccountId(email: string): Promise<string | null>;
  crmUserId(email: string): Promise<string | null>;
}

/** A resolver with its own cache (one per run, so a renamed user is seen at the next run). */
export function createUserResolver(ctx: EngineContext): UserResolver {
  const jira = new Map<string, Promise<string | null>>();
  let crm: Promise<Map<string, string>> | undefined;
  return {
    jiraAccountId(email) {
      const key = email.toLowerCase();
      let hit = jira.get(key);
      if (hit === undefined) {
        hit = ctx.jira.metadata.usersByEmail(key).then((users) => {
          const exact = users.find((u) => u.emailAddress?.toLowerCase() === key);
          return exact?.accountId ?? null;
        });
        jira.set(key, hit);
      }
      return hit;
    },
    async crmUserId(email) {
      crm ??= (async () => {
        const byEmail = new Map<string, string>();
        for await (const page of ctx.zoho.users.iterate({ type: "ActiveUsers" })) {
          for (const user of page.items) if (user.email) byEmail.set(user.email.toLowerCase(), user.id);
        }
        return byEmail;
      })();
      return (await crm).get(email.toLowerCase()) ?? null;
    },
  };
}

/** How one side writes a user: where the email sits in a planned value, and the value it needs instead. */
interface UserShape {
  emailKey: string;
  lookup: (email: string) => Promise<string | null>;
  toValue: (id: string) => Record<string, string>;
}

async function resolveUsers(
  fields: Readonly<Record<string, unknown>>,
  userFields: readonly string[],
  shape: UserShape,
): Promise<Record<string, unknown>> {
  const out = { ...fields };
  for (const name of userFields) {
    const email = (out[name] as Record<string, unknown> | null)?.[shape.emailKey];
    if (typeof email !== "string") continue;
    const id = await shape.lookup(email);
    out[name] = id === null ? null : shape.toValue(id);
  }
  return out;
}

/** Replaces `{ emailAddress }` values of the listed fields with `{ accountId }` (or `null` when unknown). */
export function resolveJiraUsers(
  fields: Readonly<Record<string, unknown>>,
  userFields: readonly string[],
  users: UserResolver,
): Promise<Record<string, unknown>> {
  return resolveUsers(fields, userFields, {
    emailKey: "emailAddress",
    lookup: (email) => users.jiraAccountId(email),
    toValue: (accountId) => ({ accountId }),
  });
}

/** Replaces `{ email }` values of the listed fields with `{ id }` (or `null` when unknown). */
export function resolveCrmUsers(
  fields: Readonly<Record<string, unknown>>,
  userFields: readonly string[],
  users: UserResolver,
): Promise<Record<string, unknown>> {
  return resolveUsers(fields, userFields, {
    emailKey: "email",
    lookup: (email) => users.crmUserId(email),
    toValue: (id) => ({ id }),
  });
}
