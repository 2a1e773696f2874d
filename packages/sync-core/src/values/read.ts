import type { CanonicalValue, ValueKind } from "../schema/values.js";
import { adfToText, isAdfDoc } from "./adf.js";
import { NULL_VALUE, type Unreadable } from "./canonical.js";
import { formatUtc, parseDate, parseDateTimeMs } from "./datetime.js";
import { normaliseDecimal } from "./decimal.js";

/**
 * Reads a raw API value (either vendor's JSON shape) as a canonical value of `kind`. When `previous`
 * (usually the base) already stands for the raw value it is returned as is: most fields of most
 * records are unchanged, and planning then allocates nothing for them.
 */
export function readCanonical(
  raw: unknown,
  kind: ValueKind,
  previous?: CanonicalValue,
): CanonicalValue | Unreadable {
  if (raw === null || raw === undefined) return NULL_VALUE;
  if (previous !== undefined && previous.kind === kind && sameAsPrevious(raw, previous)) return previous;
  switch (kind) {
    case "null":
      return NULL_VALUE;
    case "text":
      return readText(raw);
    case "decimal":
      return readDecimal(raw);
    case "date": {
      const date = typeof raw === "string" ? parseDate(raw) : undefined;
      return date === undefined ? unreadable(raw, "a YYYY-MM-DD date") : { kind, value: date };
    }
    case "datetime": {
      const ms = typeof raw === "string" ? parseDateTimeMs(raw) : undefined;
      return ms === undefined ? unreadable(raw, "an ISO datetime") : { kind, value: formatUtc(ms) };
    }
    case "picklist":
      return readPicklist(raw);
    case "multiselect":
      return readMultiselect(raw);
    case "user":
      return readUser(raw);
    case "boolean":
      return typeof raw === "boolean" ? { kind, value: raw } : unreadable(raw, "true or false");
  }
}

function sameAsPrevious(raw: unknown, previous: CanonicalValue): boolean {
  switch (previous.kind) {
    case "text":
    case "picklist":
    case "date":
      return (
        raw === previous.value ||
        (typeof raw === "object" && (raw as { value?: unknown }).value === previous.value)
      );
    case "decimal":
      // Comparing as doubles avoids a string per field; the stored value came from the same double.
      return typeof raw === "number" ? raw === Number(previous.value) : raw === previous.value;
    case "datetime":
      return typeof raw === "string" && (raw === previous.value || sameInstant(raw, previous.value));
    case "multiselect":
      return (
        Array.isArray(raw) &&
        raw.length === previous.values.length &&
        raw.every(
          (entry, i) => (typeof entry === "string" ? entry : optionLabel(entry)) === previous.values[i],
        )
      );
    case "user":
      return (
        typeof raw === "object" &&
        ((raw as { email?: unknown }).email === previous.email ||
          (raw as { emailAddress?: unknown }).emailAddress === previous.email)
      );
    default:
      return false;
  }
}

/** Jira's `...00.000+0000` form of a canonical `...00.000Z` compares without parsing. */
function sameInstant(raw: string, canonical: string): boolean {
  if (raw.length === 28 && raw.endsWith("+0000")) {
    for (let i = 0; i < 23; i++) if (raw.charCodeAt(i) !== canonical.charCodeAt(i)) return false;
    return true;
  }
  return parseDateTimeMs(raw) === parseDateTimeMs(canonical);
}

function readText(raw: unknown): CanonicalValue | Unreadable {
  let text: string | undefined;
  if (typeof raw === "string") text = raw;
  else if (typeof raw === "number" || typeof raw === "boolean") text = String(raw);
  else if (isAdfDoc(raw)) text = adfToText(raw);
  else text = optionLabel(raw);
  if (text === undefined) return unreadable(raw, "text");
  const trimmed = text.trim();
  return trimmed === "" ? NULL_VALUE : { kind: "text", value: trimmed };
}

function readDecimal(raw: unknown): CanonicalValue | Unreadable {
  const value = typeof raw === "number" || typeof raw === "string" ? normaliseDecimal(raw) : undefined;
  if (value === undefined)
    return typeof raw === "string" && raw.trim() === "" ? NULL_VALUE : unreadable(raw, "a number");
  return { kind: "decimal", value };
}

function readPicklist(raw: unknown): CanonicalValue | Unreadable {
  const label = typeof raw === "string" ? raw : optionLabel(raw);
  if (label === undefined) return unreadable(raw, "a picklist value");
  const trimmed = label.trim();
  // Zoho returns "-None-" for a picklist with nothing chosen.
  return trimmed === "" || trimmed === "-None-" ? NULL_VALUE : { kind: "picklist", value: trimmed };
}

function readMultiselect(raw: unknown): CanonicalValue | Unreadable {
  if (!Array.isArray(raw)) return unreadable(raw, "a list of values");
  const labels: string[] = [];
  for (const entry of raw) {
    const label = typeof entry === "string" ? entry : optionLabel(entry);
    if (label === undefined) return unreadable(raw, "a list of values");
    const trimmed = label.trim();
    if (trimmed !== "") labels.push(trimmed);
  }
  if (labels.length === 0) return NULL_VALUE;
  labels.sort();
  // Sorted, so duplicates are neighbours.
  const values = labels.filter((label, i) => i === 0 || label !== labels[i - 1]);
  return { kind: "multiselect", values };
}

function readUser(raw: unknown): CanonicalValue | Unreadable {
  const record = typeof raw === "object" ? (raw as Record<string, unknown>) : undefined;
  const email = typeof raw === "string" ? raw : (record?.email ?? record?.emailAddress);
  if (typeof email !== "string" || !email.includes("@"))
    return unreadable(raw, "a user with a visible email");
  return { kind: "user", email: email.trim().toLowerCase() };
}

/** The label of a Jira option (`{ value }`), a named object (`{ name }`) or a CRM lookup. */
function optionLabel(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const { value, name } = raw as { value?: unknown; name?: unknown };
  if (typeof value === "string") return value;
  return typeof name === "string" ? name : undefined;
}

function unreadable(raw: unknown, expected: string): Unreadable {
  const shown = typeof raw === "string" ? JSON.stringify(raw.slice(0, 60)) : typeof raw;
  return { kind: "unreadable", reason: `expected ${expected}, got ${shown}` };
}
