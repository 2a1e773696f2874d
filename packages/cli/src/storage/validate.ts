import { InvalidInputError, MAX_KEY_LENGTH, MAX_PAGE_SIZE } from "@kobik/storage";

/** A non-empty string of at most `MAX_KEY_LENGTH` characters, or `InvalidInputError` naming `field`. */
export function requireKey(value: unknown, field: string): string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  if (value.length === 0) throw new InvalidInputError(field, "must not be empty");
  if (value.length > MAX_KEY_LENGTH) {
    throw new InvalidInputError(field, `must be at most ${MAX_KEY_LENGTH} characters`);
  }
  return value;
}

/** Any string, empty allowed (free text such as a reason). */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  return value;
}

/** An integer in `[min, max]`. */
export function requireInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new InvalidInputError(field, "must be an integer");
  }
  if (value < min || value > max) throw new InvalidInputError(field, `must be between ${min} and ${max}`);
  return value;
}

/** A valid `Date`, returned as epoch milliseconds. */
export function requireDate(value: unknown, field: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InvalidInputError(field, "must be a valid Date");
  }
  return value.getTime();
}

/** One of `allowed`. */
export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidInputError(field, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

/** A page size in `1..MAX_PAGE_SIZE`. */
export function requireLimit(value: unknown): number {
  return requireInteger(value, "limit", 1, MAX_PAGE_SIZE);
}

/** A token or version that must be a positive safe integer. */
export function requireToken(value: unknown, field: string): number {
  return requireInteger(value, field, 1, Number.MAX_SAFE_INTEGER);
}
