import type { CanonicalValue } from "../schema/values.js";
import { textToAdf } from "../values/adf.js";
import type { CrmWire, JiraWire } from "./metadata.js";

/**
 * A canonical value in the JSON form Jira's REST v3 accepts for a field. Users go out as
 * `{ emailAddress }`: Jira needs an accountId, which the engine resolves (the operation lists such fields).
 */
export function toJiraWire(value: CanonicalValue, wire: JiraWire): unknown {
  if (value.kind === "null") return wire === "strings" || wire === "options" || wire === "nameds" ? [] : null;
  switch (wire) {
    case "adf":
      return textToAdf(textOf(value));
    case "number":
      return value.kind === "decimal" ? Number(value.value) : null;
    case "datetime":
      // Jira's own form: milliseconds and a +0000 offset.
      return value.kind === "datetime" ? value.value.replace("Z", "+0000") : null;
    case "option":
      return { value: textOf(value) };
    case "named":
      return { name: textOf(value) };
    case "strings":
      return listOf(value);
    case "options":
      return listOf(value).map((v) => ({ value: v }));
    case "nameds":
      return listOf(value).map((v) => ({ name: v }));
    case "user":
      return value.kind === "user" ? { emailAddress: value.email } : null;
    default:
      return textOf(value);
  }
}

/**
 * A canonical value in the JSON form Zoho CRM v8 accepts. Datetimes use an explicit `+00:00` offset
 * (Zoho documents offsets, not `Z`); 64-bit numbers go as strings; users as `{ email }` for the engine to resolve.
 */
export function toCrmWire(value: CanonicalValue, wire: CrmWire): unknown {
  if (value.kind === "null") return wire === "multiselect" ? [] : null;
  switch (wire) {
    case "number":
      return value.kind === "decimal" ? Number(value.value) : null;
    case "bigint":
      return value.kind === "decimal" ? value.value : null;
    case "datetime":
      return value.kind === "datetime" ? `${value.value.slice(0, 19)}+00:00` : null;
    case "multiselect":
      return listOf(value);
    case "user":
      return value.kind === "user" ? { email: value.email } : null;
    case "boolean":
      return value.kind === "boolean" ? value.value : null;
    default:
      return textOf(value);
  }
}

function textOf(value: CanonicalValue): string {
  switch (value.kind) {
    case "multiselect":
      return value.values.join(", ");
    case "user":
      return value.email;
    case "boolean":
      return String(value.value);
    case "null":
      return "";
    default:
      return value.value;
  }
}

function listOf(value: CanonicalValue): string[] {
  if (value.kind === "multiselect") return [...value.values];
  return value.kind === "null" ? [] : [textOf(value)];
}
