import type { ZohoUser } from "@kobik/zoho-crm-client";
import { zohoClientFor } from "../cli/connections.js";
import type { CommandBody } from "../cli/context.js";
import type { InventoryDiff, InventoryUser } from "../storage/user-inventory.js";

function toInventory(user: ZohoUser): InventoryUser {
  const name = user.full_name ?? [user.first_name, user.last_name].filter(Boolean).join(" ");
  return {
    id: user.id,
    name: name || user.email || user.id,
    email: user.email ?? "",
    status: user.status ?? "unknown",
    role: user.role?.name ?? null,
    profile: user.profile?.name ?? null,
  };
}

function render(line: (text?: string) => void, diff: InventoryDiff, total: number): void {
  line(`${total} Zoho CRM users${diff.firstPoll ? " (first poll: everyone is new)" : ""}`);
  line(
    `  new: ${diff.added.length}  changed: ${diff.changed.length}  deactivated: ${diff.deactivated.length}  unchanged: ${diff.unchanged}`,
  );
  for (const u of diff.added) line(`  + ${u.name} <${u.email}> ${u.status}${u.role ? `, ${u.role}` : ""}`);
  for (const c of diff.changed) {
    const fields = c.fields.map((f) => `${f}: ${c.before[f] ?? "-"} -> ${c.after[f] ?? "-"}`).join("; ");
    line(`  ~ ${c.after.name} <${c.after.email}> ${fields}`);
  }
  for (const u of diff.deactivated) line(`  - ${u.name} <${u.email}> deactivated`);
}

/** `kobik users`: polls the Zoho CRM user list and reports what changed since the last poll. */
export const usersCommand: CommandBody<[]> = async (ctx) => {
  const store = ctx.store();
  const { client } = await zohoClientFor(store);
  const users: InventoryUser[] = [];
  for await (const page of client.users.iterate({ type: "AllUsers" }))
    users.push(...page.items.map(toInventory));
  const diff = store.users.reconcile(users, new Date());
  ctx.out.result({ total: users.length, ...diff }, (r) => render(ctx.out.line, r, r.total));
  return 0;
};
