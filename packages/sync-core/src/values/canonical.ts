import type { CanonicalValue } from "../schema/values.js";

/** The canonical `null`, shared: values are never mutated. */
export const NULL_VALUE: CanonicalValue = Object.freeze({ kind: "null" });

/** A raw value that cannot be read as the field's kind; planning skips the field and records a warning. */
export interface Unreadable {
  readonly kind: "unreadable";
  /** What was expected and what came, e.g. `expected a number, got "a lot"`. */
  readonly reason: string;
}

/** True when a read failed. */
export function isUnreadable(value: CanonicalValue | Unreadable): value is Unreadable {
  return value.kind === "unreadable";
}

/** Structural equality of two canonical values. */
export function canonicalEquals(a: CanonicalValue, b: CanonicalValue): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "null":
      return true;
    case "multiselect": {
      const other = (b as typeof a).values;
      return a.values.length === other.length && a.values.every((v, i) => v === other[i]);
    }
    case "user":
      return a.email === (b as typeof a).email;
    default:
      return a.value === (b as typeof a).value;
  }
}

/** A canonical value as display text: the panel preview and text targets use it. */
export function canonicalToText(value: CanonicalValue): string | null {
  switch (value.kind) {
    case "null":
      return null;
    case "multiselect":
      return value.values.join(", ");
    case "user":
      return value.email;
    case "boolean":
      return value.value ? "true" : "false";
    default:
      return value.value;
  }
}

/** A short stable hash (two FNV-1a 32-bit lanes) of a text, for change detection of notes. */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
