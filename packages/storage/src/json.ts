import { InvalidInputError } from "./errors.js";

/** A value that survives `JSON.stringify`/`JSON.parse` unchanged: what every backend can store. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep-copies a JSON-shaped value, so a store never shares objects with its callers. Object
 * properties that are `undefined` are dropped (as `JSON.stringify` would, so every backend agrees);
 * anything JSON cannot round-trip (non-finite numbers, `undefined` in arrays, functions, bigint,
 * symbols, `Date`, `Map` and other class instances) is refused with the path of the bad value.
 *
 * @example
 * copyJson({ a: [1, "x"] }, "cursor"); // { a: [1, "x"] }, a fresh object
 * copyJson({ at: new Date() }, "cursor"); // throws InvalidInputError, field "cursor.at"
 */
export function copyJson<T>(value: T, field: string): T {
  try {
    return copyFast(value) as T;
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
  }
  // Only a refused value pays for paths: the walk again, naming where it went wrong.
  return copyAt(value, field) as T;
}

/** Thrown by {@link copyFast}, which builds no paths; `copyAt` then finds and names the bad value. */
class NotJsonError extends Error {}

// The hot path (every link, cursor and audit event written): no path strings, no entry arrays.
function copyFast(value: unknown): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new NotJsonError();
      return value;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(copyFast);
      if (!isPlainObject(value)) throw new NotJsonError();
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const entry = (value as Record<string, unknown>)[key];
        if (entry !== undefined) copy[key] = copyFast(entry);
      }
      return copy;
    }
    default:
      throw new NotJsonError();
  }
}

function copyAt(value: unknown, path: string): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new InvalidInputError(path, "must be a finite number");
      return value;
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((entry, i) => copyAt(entry, `${path}[${i}]`));
      if (!isPlainObject(value)) throw new InvalidInputError(path, "must be a plain JSON object");
      return copyObject(value as Record<string, unknown>, path);
    default:
      throw new InvalidInputError(path, `a ${typeof value} cannot be stored as JSON`);
  }
}

function copyObject(value: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined) continue;
    copy[key] = copyAt(entry, `${path}.${key}`);
  }
  return copy;
}
