import { isObject } from "../core/http.js";
import { itemError, type ZohoItemError } from "./errors.js";
import { lengthOf, type ZohoFieldSpec } from "./schema.js";
import type { ZohoState } from "./state.js";
import type { ModuleStore } from "./store.js";
import { parseIsoWithOffset } from "./time.js";

/** Validated values in stored form, or the first per-record error. */
export type Validated = { ok: true; values: Record<string, unknown> } | { ok: false; error: ZohoItemError };

type Check = { ok: true; value: unknown } | { ok: false; error: ZohoItemError };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ok = (value: unknown): Check => ({ ok: true, value });

function invalid(field: ZohoFieldSpec, path: string, extra: Record<string, unknown> = {}): Check {
  return {
    ok: false,
    error: itemError("INVALID_DATA", "invalid data", {
      expected_data_type: field.data_type,
      api_name: field.api_name,
      json_path: path,
      ...extra,
    }),
  };
}

function refId(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value.id === "string") return value.id;
  return undefined;
}

function checkText(field: ZohoFieldSpec, value: unknown, path: string): Check {
  if (typeof value !== "string") return invalid(field, path);
  const max = lengthOf(field);
  if (value.length > max) return invalid(field, path, { maximum_length: max });
  if (field.data_type === "email" && value !== "" && !EMAIL.test(value)) return invalid(field, path);
  return ok(value);
}

function checkNumber(field: ZohoFieldSpec, value: unknown, path: string): Check {
  if (field.data_type === "bigint") {
    if (typeof value === "string" && /^-?\d{1,19}$/.test(value)) return ok(value);
    return Number.isSafeInteger(value) ? ok(String(value)) : invalid(field, path);
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return invalid(field, path);
  if (field.data_type === "integer" && (!Number.isInteger(value) || Math.abs(value) > 2_147_483_647)) {
    return invalid(field, path);
  }
  return ok(value);
}

function checkPicklist(field: ZohoFieldSpec, value: unknown, path: string): Check {
  const allowed = field.pick_list_values ?? [];
  if (field.data_type === "picklist") {
    return typeof value === "string" && allowed.includes(value) ? ok(value) : invalid(field, path);
  }
  if (!Array.isArray(value)) return invalid(field, path);
  const bad = value.find((v) => typeof v !== "string" || !allowed.includes(v));
  return bad === undefined ? ok([...(value as string[])]) : invalid(field, path);
}

function checkRef(state: ZohoState, field: ZohoFieldSpec, value: unknown, path: string): Check {
  const id = refId(value);
  if (id === undefined) return invalid(field, path);
  if (field.data_type === "ownerlookup") {
    const user = state.users.find((u) => u.id === id && u.status === "active");
    return user === undefined ? invalid(field, path, { id }) : ok(id);
  }
  const target = state.modules.get(field.lookup ?? "");
  return target?.records.has(id) === true ? ok(id) : invalid(field, path, { id });
}

function checkValue(state: ZohoState, field: ZohoFieldSpec, value: unknown, path: string): Check {
  switch (field.data_type) {
    case "text":
    case "textarea":
    case "email":
    case "phone":
    case "website":
      return checkText(field, value, path);
    case "integer":
    case "bigint":
    case "double":
    case "currency":
    case "percent":
      return checkNumber(field, value, path);
    case "boolean":
      return typeof value === "boolean" ? ok(value) : invalid(field, path);
    case "date":
      return typeof value === "string" && DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? ok(value)
        : invalid(field, path);
    case "datetime": {
      // Zoho documents date-times with an explicit offset; a bare "Z" is refused here (strict).
      const ms = typeof value === "string" && !value.endsWith("Z") ? parseIsoWithOffset(value) : undefined;
      return ms === undefined ? invalid(field, path) : ok(Math.floor(ms / 1000) * 1000);
    }
    case "picklist":
    case "multiselectpicklist":
      return checkPicklist(field, value, path);
    case "lookup":
    case "ownerlookup":
      return checkRef(state, field, value, path);
    case "formula":
      return invalid(field, path);
  }
}

function isBlank(value: unknown): boolean {
  return value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/**
 * Validates one record of a write. `mode` decides whether mandatory fields must be present
 * (insert) or only may not be cleared (update).
 */
export function validateRecord(
  state: ZohoState,
  store: ModuleStore,
  data: Record<string, unknown>,
  index: number,
  mode: "insert" | "update",
): Validated {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "id" || key.startsWith("$")) continue;
    const path = `$.data[${index}].${key}`;
    const field = store.fields.get(key);
    if (field === undefined) {
      return {
        ok: false,
        error: itemError("INVALID_DATA", "invalid field", { api_name: key, json_path: path }),
      };
    }
    if (field.read_only === true) {
      return {
        ok: false,
        error: itemError("INVALID_DATA", "read only field", { api_name: key, json_path: path }),
      };
    }
    if (isBlank(value)) {
      if (field.mandatory === true) return { ok: false, error: mandatory(field, index) };
      values[key] = null;
      continue;
    }
    const checked = checkValue(state, field, value, path);
    if (!checked.ok) return checked;
    values[key] = checked.value;
  }
  if (mode === "insert") {
    const missing = store.spec.fields.find(
      (f) => f.mandatory === true && isBlank(values[f.api_name] ?? null),
    );
    if (missing !== undefined) return { ok: false, error: mandatory(missing, index) };
  }
  return { ok: true, values };
}

function mandatory(field: ZohoFieldSpec, index: number): ZohoItemError {
  return itemError("MANDATORY_NOT_FOUND", "required field not found", {
    api_name: field.api_name,
    json_path: `$.data[${index}].${field.api_name}`,
  });
}
