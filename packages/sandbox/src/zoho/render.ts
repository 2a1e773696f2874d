import type { ZohoFieldSpec } from "./schema.js";
import { findUser, fullName, type ZohoState } from "./state.js";
import type { ModuleStore, ZohoRecord } from "./store.js";
import { formatZohoTime } from "./time.js";

/** `{name, id, email}` of a user, or null. */
export function userRef(state: ZohoState, id: string): { name: string; id: string; email: string } | null {
  const user = findUser(state, id);
  return user === undefined ? null : { name: fullName(user), id: user.id, email: user.email };
}

/** The display name of a record (its primary field). */
export function displayName(store: ModuleStore, record: ZohoRecord): string | null {
  const value = record.values[store.spec.primary];
  return typeof value === "string" ? value : null;
}

function renderField(state: ZohoState, record: ZohoRecord, field: ZohoFieldSpec): unknown {
  switch (field.api_name) {
    case "Created_Time":
      return formatZohoTime(record.created, state.offsetMinutes);
    case "Modified_Time":
      return formatZohoTime(record.modified, state.offsetMinutes);
    case "Created_By":
      return userRef(state, record.createdBy);
    case "Modified_By":
      return userRef(state, record.modifiedBy);
  }
  const value = record.values[field.api_name] ?? null;
  if (value === null) return null;
  switch (field.data_type) {
    case "ownerlookup":
      return userRef(state, value as string);
    case "lookup": {
      const target = state.modules.get(field.lookup ?? "");
      const linked = target?.records.get(value as string);
      return {
        name: linked === undefined || target === undefined ? null : displayName(target, linked),
        id: value,
      };
    }
    case "datetime":
      return formatZohoTime(value as number, state.offsetMinutes);
    default:
      return value;
  }
}

/** Renders a record with the requested fields (`id` is always included), or every field. */
export function renderRecord(
  state: ZohoState,
  _store: ModuleStore,
  record: ZohoRecord,
  fields: readonly ZohoFieldSpec[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field.api_name] = renderField(state, record, field);
  out.id = record.id;
  return out;
}
