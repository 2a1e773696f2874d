import type { Transform } from "../schema/mapping.js";
import type { CanonicalValue, ValueKind } from "../schema/values.js";
import { canonicalToText, NULL_VALUE } from "../values/canonical.js";
import { dateAtOffset, formatUtc, midnightAtOffset, parseDateTimeMs } from "../values/datetime.js";
import { normaliseDecimal, roundDecimal } from "../values/decimal.js";

/** The result of converting a value for the other side: a value, or the reason it cannot be converted. */
export type Converted =
  | { readonly ok: true; readonly value: CanonicalValue }
  | {
      readonly ok: false;
      readonly code: "unmapped-value" | "conversion-failed";
      readonly reason: string;
      /** The offending value, when there is one to show. */
      readonly value?: string;
    };

/** True when a value of kind `from` can become kind `to`, given the mapping's transform. */
export function canConvert(from: ValueKind, to: ValueKind, transform: Transform | undefined): boolean {
  if (from === to || to === "text") return true;
  switch (transform?.kind) {
    case "number":
      return to === "decimal" && from === "text";
    case "date":
      return (from === "datetime" && to === "date") || (from === "date" && to === "datetime");
    case "user-by-email":
      return from === "text" && to === "user";
    default:
      return (from === "text" && to === "picklist") || (from === "picklist" && to === "multiselect");
  }
}

/** Converts a canonical value to another kind. Pure and total: failures are values. */
export function convertKind(
  value: CanonicalValue,
  to: ValueKind,
  transform: Transform | undefined,
): Converted {
  if (value.kind === "null") return { ok: true, value: NULL_VALUE };
  if (value.kind === to) return withScale(value, transform);
  if (to === "text") return ok({ kind: "text", value: canonicalToText(value) ?? "" });
  switch (value.kind) {
    case "text":
      return fromText(value.value, to, transform);
    case "picklist":
      return to === "multiselect" ? ok({ kind: "multiselect", values: [value.value] }) : cannot(value, to);
    case "datetime": {
      const offset = transform?.kind === "date" ? transform.utcOffset : "+00:00";
      const ms = parseDateTimeMs(value.value) ?? 0;
      return to === "date" ? ok({ kind: "date", value: dateAtOffset(ms, offset) }) : cannot(value, to);
    }
    case "date": {
      const offset = transform?.kind === "date" ? transform.utcOffset : "+00:00";
      return to === "datetime"
        ? ok({ kind: "datetime", value: formatUtc(midnightAtOffset(value.value, offset)) })
        : cannot(value, to);
    }
    default:
      return cannot(value, to);
  }
}

function fromText(text: string, to: ValueKind, transform: Transform | undefined): Converted {
  switch (to) {
    case "decimal": {
      const value = normaliseDecimal(text.replace(/[\s,]/g, ""));
      if (value === undefined)
        return { ok: false, code: "conversion-failed", reason: `"${text.slice(0, 40)}" is not a number` };
      return withScale({ kind: "decimal", value }, transform);
    }
    case "picklist":
      return ok({ kind: "picklist", value: text });
    case "user":
      return text.includes("@")
        ? ok({ kind: "user", email: text.toLowerCase() })
        : { ok: false, code: "conversion-failed", reason: `"${text.slice(0, 40)}" is not an email` };
    default:
      return { ok: false, code: "conversion-failed", reason: `text cannot become ${to}` };
  }
}

function withScale(value: CanonicalValue, transform: Transform | undefined): Converted {
  if (value.kind === "decimal" && transform?.kind === "number" && transform.scale !== undefined) {
    return ok({ kind: "decimal", value: roundDecimal(value.value, transform.scale) });
  }
  return ok(value);
}

/** Cuts text to `maxLength` code points, marking the cut with an ellipsis. */
export function truncateText(value: CanonicalValue, maxLength: number): CanonicalValue {
  if (value.kind !== "text" || value.value.length <= maxLength) return value;
  const points = Array.from(value.value);
  if (points.length <= maxLength) return value;
  return {
    kind: "text",
    value: `${points
      .slice(0, maxLength - 1)
      .join("")
      .trimEnd()}…`,
  };
}

/** Seconds precision: Zoho CRM stores datetimes without milliseconds. */
export function toSecondPrecision(value: CanonicalValue): CanonicalValue {
  if (value.kind !== "datetime" || value.value.endsWith(".000Z")) return value;
  return { kind: "datetime", value: `${value.value.slice(0, 19)}.000Z` };
}

/** Jira numbers and Zoho currency/double fields are IEEE doubles: keep only the digits they can store. */
export function toDoublePrecision(value: CanonicalValue): CanonicalValue {
  if (value.kind !== "decimal") return value;
  const stored = normaliseDecimal(Number(value.value));
  return stored === undefined || stored === value.value ? value : { kind: "decimal", value: stored };
}

function ok(value: CanonicalValue): Converted {
  return { ok: true, value };
}

function cannot(value: CanonicalValue, to: ValueKind): Converted {
  return { ok: false, code: "conversion-failed", reason: `${value.kind} cannot become ${to}` };
}
