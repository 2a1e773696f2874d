import type { AppendAuditInput } from "@kobik/storage";
import type {
  CanonicalValue,
  Link,
  LinkBase,
  PreparedItem,
  Side,
  SyncOperation,
  SyncPlan,
} from "@kobik/sync-core";
import type { EngineContext } from "./context.js";
import { type RunState, skip } from "./run.js";

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

/** User values resolved to ids; fields whose email has no user on that side are left out, never nulled. */
interface ResolvedUsers {
  readonly fields: Record<string, unknown>;
  /** The fields left out, with the email that has no user. */
  readonly unknown: { readonly name: string; readonly email: string }[];
}

async function resolveUsers(
  fields: Readonly<Record<string, unknown>>,
  userFields: readonly string[],
  shape: UserShape,
): Promise<ResolvedUsers> {
  const out = { ...fields };
  const unknown: { name: string; email: string }[] = [];
  for (const name of userFields) {
    const email = (out[name] as Record<string, unknown> | null)?.[shape.emailKey];
    if (typeof email !== "string") continue;
    const id = await shape.lookup(email);
    if (id === null) {
      // Writing null would clear the field, and the next cycle would copy that emptiness back.
      delete out[name];
      unknown.push({ name, email });
    } else out[name] = shape.toValue(id);
  }
  return { fields: out, unknown };
}

const jiraShape = (users: UserResolver): UserShape => ({
  emailKey: "emailAddress",
  lookup: (email) => users.jiraAccountId(email),
  toValue: (accountId) => ({ accountId }),
});

const crmShape = (users: UserResolver): UserShape => ({
  emailKey: "email",
  lookup: (email) => users.crmUserId(email),
  toValue: (id) => ({ id }),
});

/** Replaces `{ emailAddress }` values of the listed fields with `{ accountId }`; unknown emails are left out. */
export async function resolveJiraUsers(
  fields: Readonly<Record<string, unknown>>,
  userFields: readonly string[],
  users: UserResolver,
): Promise<Record<string, unknown>> {
  return (await resolveUsers(fields, userFields, jiraShape(users))).fields;
}

/** Replaces `{ email }` values of the listed fields with `{ id }`; unknown emails are left out. */
export async function resolveCrmUsers(
  fields: Readonly<Record<string, unknown>>,
  userFields: readonly string[],
  users: UserResolver,
): Promise<Record<string, unknown>> {
  return (await resolveUsers(fields, userFields, crmShape(users))).fields;
}

/** A user value that was not written because its email has no user on the target side. */
export interface UnknownUser {
  /** The mapping's key (the Jira field id), as in the link base. */
  readonly field: string;
  /** The field as the target side names it (Jira field id or CRM API name). */
  readonly target: string;
  readonly email: string;
  /** The side that has no user with that email (the side that was to be written). */
  readonly missingOn: Side;
  readonly from: CanonicalValue | null;
  readonly to: CanonicalValue | null;
}

/**
 * Takes the user values whose email has no user on the target side out of a link's plan: out of its
 * operations (an operation left with no field is dropped) and out of its `nextBase`, where the field
 * keeps the link's previous base. So the change stays "made on one side, not yet copied" and is planned
 * (and reported) again every cycle until the user exists, as sync-core does with a value the config
 * cannot carry; writing `null` instead would be read back as a change and clear the source side.
 */
export async function withoutUnknownUsers(
  prepared: PreparedItem,
  link: Link,
  plan: SyncPlan,
  users: UserResolver,
): Promise<{ plan: SyncPlan; unknown: UnknownUser[] }> {
  const unknown: UnknownUser[] = [];
  const operations: SyncOperation[] = [];
  for (const op of plan.operations) {
    if ((op.kind !== "jira.updateFields" && op.kind !== "crm.updateRecord") || op.userFields.length === 0) {
      operations.push(op);
      continue;
    }
    const side: Side = op.kind === "jira.updateFields" ? "jira" : "crm";
    const resolved = await resolveUsers(
      op.fields,
      op.userFields,
      side === "jira" ? jiraShape(users) : crmShape(users),
    );
    if (resolved.unknown.length === 0) {
      operations.push(op);
      continue;
    }
    const dropped = new Set(resolved.unknown.map((u) => u.name));
    for (const { name, email } of resolved.unknown) {
      const change = op.changes.find((c) => c.field === name);
      const field =
        side === "jira"
          ? name
          : (prepared.mappings.find((m) => m.crmField === name && m.direction !== "crm-to-jira")?.key ??
            name);
      unknown.push({
        field,
        target: name,
        email,
        missingOn: side,
        from: change?.from ?? null,
        to: change?.to ?? null,
      });
    }
    const fields = Object.fromEntries(Object.entries(op.fields).filter(([name]) => !dropped.has(name)));
    if (Object.keys(fields).length === 0) continue;
    operations.push({
      ...op,
      fields,
      userFields: op.userFields.filter((name) => !dropped.has(name)),
      changes: op.changes.filter((c) => !dropped.has(c.field)),
    });
  }
  if (unknown.length === 0) return { plan, unknown };
  const fields = { ...plan.nextBase.fields };
  for (const { field } of unknown) {
    const previous = link.base.fields[field];
    if (previous === undefined) delete fields[field];
    else fields[field] = previous;
  }
  return { plan: { ...plan, operations, nextBase: { ...plan.nextBase, fields } }, unknown };
}

/**
 * The Jira fields of an auto-create with the users resolved, and the base to save: a field whose email
 * has no Jira user is left out of the create and out of the base (as sync-core does with a value it
 * cannot convert), so the next sync of the link plans it again instead of reading the gap as a change.
 */
export async function resolveCreateUsers(
  op: Extract<SyncOperation, { kind: "jira.createIssue" }>,
  nextBase: LinkBase,
  users: UserResolver,
): Promise<{ fields: Record<string, unknown>; base: LinkBase; unknown: UnknownUser[] }> {
  const resolved = await resolveUsers(op.fields, op.userFields, jiraShape(users));
  if (resolved.unknown.length === 0) return { fields: resolved.fields, base: nextBase, unknown: [] };
  const fields = { ...nextBase.fields };
  const unknown = resolved.unknown.map(({ name, email }): UnknownUser => {
    const entry = fields[name];
    delete fields[name];
    return { field: name, target: name, email, missingOn: "jira", from: null, to: entry?.jira ?? null };
  });
  return { fields: resolved.fields, base: { ...nextBase, fields }, unknown };
}

/**
 * Reports user values left unwritten: a `user-unresolved` skip and a warning log per value, and the
 * `user.unresolved` audit events for the caller to append (with its other events or on their own).
 */
export function reportUnknownUsers(
  run: RunState,
  ref: { readonly jiraIssueId: string; readonly jiraIssueKey: string; readonly crmRecordId: string },
  unknown: readonly UnknownUser[],
): AppendAuditInput[] {
  return unknown.map((u) => {
    const [lacking, other] = u.missingOn === "jira" ? ["Jira", "CRM"] : ["CRM", "Jira"];
    const where = u.missingOn === "jira" ? ref.jiraIssueKey : `record ${ref.crmRecordId}`;
    skip(run, "user-unresolved");
    run.ctx.log.warn("sync.user-unresolved", {
      runId: run.id,
      itemId: run.itemId,
      field: u.field,
      missingOn: u.missingOn,
      issue: ref.jiraIssueKey,
      record: ref.crmRecordId,
    });
    return {
      itemId: run.itemId,
      runId: run.id,
      action: "user.unresolved",
      link: { jiraIssueId: ref.jiraIssueId, crmRecordId: ref.crmRecordId },
      reason: `${u.field}: no ${lacking} user has the email ${u.email}, so ${lacking} ${u.target} on ${where} was not written (never cleared); the ${other} value stays unsynced and is retried every cycle until that user exists`,
      changes: [{ field: u.target, from: u.from, to: u.to }],
      now: run.ctx.clock.now(),
    };
  });
}
