import { InvalidInputError } from "./errors.js";
import { MAX_KEY_LENGTH, MAX_PAGE_SIZE } from "./limits.js";

/** Refuses anything but a non-empty string of at most {@link MAX_KEY_LENGTH} characters. */
export function requireKey(value: unknown, field: string): string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  if (value.length === 0) throw new InvalidInputError(field, "must not be empty");
  if (value.length > MAX_KEY_LENGTH) {
    throw new InvalidInputError(field, `must be at most ${MAX_KEY_LENGTH} characters`);
  }
  return value;
}

/** Refuses anything but a string (empty allowed), e.g. a free-text reason. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
  return value;
}

/** Refuses anything but an integer in `[min, max]`. */
export function requireInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new InvalidInputError(field, "must be an integer");
  }
  if (value < min || value > max) throw new InvalidInputError(field, `must be between ${min} and ${max}`);
  return value;
}

/** Refuses anything but a valid `Date`; returns its epoch milliseconds. */
export function requireDate(value: unknown, field: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InvalidInputError(field, "must be a valid Date");
  }
  return value.getTime();
}

/** Refuses a page size outside `1..MAX_PAGE_SIZE`. */
export function requireLimit(value: unknown, field = "limit"): number {
  return requireInteger(value, field, 1, MAX_PAGE_SIZE);
}

/** Refuses a value that is not one of `allowed`. */
export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidInputError(field, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

/** Refuses anything but a positive safe integer, e.g. a lease token. */
export function requireToken(value: unknown, field: string): number {
  return requireInteger(value, field, 1, Number.MAX_SAFE_INTEGER);
}
