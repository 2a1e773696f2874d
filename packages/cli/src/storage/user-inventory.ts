import { createHash } from "node:crypto";
import { type Db, fromJson } from "./database.js";

/** The parts of a Zoho CRM user the inventory tracks. */
export interface InventoryUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** Zoho's user status, e.g. `active`, `disabled`, `deleted`. */
  readonly status: string;
  readonly role: string | null;
  readonly profile: string | null;
}

/** A user whose tracked attributes differ from the last poll. */
export interface ChangedUser {
  readonly before: InventoryUser;
  readonly after: InventoryUser;
  readonly fields: readonly (keyof InventoryUser)[];
}

/** What changed since the previous poll. On the first poll every user is `added`. */
export interface InventoryDiff {
  readonly firstPoll: boolean;
  readonly added: InventoryUser[];
  readonly changed: ChangedUser[];
  /** Active before, and now inactive or gone from the list. */
  readonly deactivated: InventoryUser[];
  readonly unchanged: number;
}

/** The Zoho CRM user inventory: the last poll's users, diffed against each new poll. */
export interface UserInventoryStore {
  /** Compares `users` (a complete listing) with the last poll, stores them, and returns the diff. */
  reconcile(users: readonly InventoryUser[], now: Date): InventoryDiff;
  /** Users as of the last poll, by name. */
  list(): InventoryUser[];
}

const TRACKED: readonly (keyof InventoryUser)[] = ["name", "email", "status", "role", "profile"];

function fingerprint(user: InventoryUser): string {
  return createHash("sha256")
    .update(JSON.stringify(TRACKED.map((f) => user[f])))
    .digest("hex");
}

interface UserRow {
  id: string;
  fingerprint: string;
  active: number;
  body: string;
}

/** The inventory in the `zoho_users` table; one reconcile is one transaction. */
export function createSqliteUserInventory(db: Db): UserInventoryStore {
  const all = db.sqlite.prepare("SELECT * FROM zoho_users");
  const upsert = db.sqlite.prepare(
    `INSERT INTO zoho_users (id, fingerprint, active, body, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, active = excluded.active,
       body = excluded.body, last_seen = excluded.last_seen`,
  );
  const markGone = db.sqlite.prepare("UPDATE zoho_users SET active = 0 WHERE id = ?");
  const isActive = (u: InventoryUser) => u.status === "active";
  return {
    reconcile(users, now) {
      const at = now.toISOString();
      return db.write(() => {
        const before = new Map((all.all() as unknown as UserRow[]).map((r) => [r.id, r]));
        const result = {
          firstPoll: before.size === 0,
          added: [] as InventoryUser[],
          changed: [] as ChangedUser[],
          deactivated: [] as InventoryUser[],
          unchanged: 0,
        };
        for (const user of users) {
          const row = before.get(user.id);
          before.delete(user.id);
          upsert.run(user.id, fingerprint(user), Number(isActive(user)), JSON.stringify(user), at, at);
          if (!row) result.added.push(user);
          else if (row.fingerprint === fingerprint(user)) result.unchanged += 1;
          else {
            const old = fromJson<InventoryUser>(row.body);
            result.changed.push({
              before: old,
              after: user,
              fields: TRACKED.filter((f) => old[f] !== user[f]),
            });
            if (row.active === 1 && !isActive(user)) result.deactivated.push(user);
          }
        }
        for (const gone of before.values()) {
          if (gone.active === 1) result.deactivated.push(fromJson<InventoryUser>(gone.body));
          markGone.run(gone.id);
        }
        return result satisfies InventoryDiff;
      });
    },
    list() {
      const users = (all.all() as unknown as UserRow[]).map((r) => fromJson<InventoryUser>(r.body));
      return users.sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
