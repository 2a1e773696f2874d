import { JiraInputError } from "../errors.js";

/** Jira's cap on an entity property value: 32768 characters (the spec also says bytes). */
export const PROPERTY_VALUE_MAX = 32_768;
/** Jira's cap on an entity property key. */
export const PROPERTY_KEY_MAX = 255;

/**
 * Checks a property key and value before sending. The value must be JSON, and its serialisation
 * must fit 32768 UTF-8 bytes, the stricter of the two readings of the documented limit.
 */
export function checkProperty(field: string, key: string, value: unknown): void {
  if (typeof key !== "string" || key.length === 0)
    throw new JiraInputError(`${field}.key`, "must not be empty");
  if (key.length > PROPERTY_KEY_MAX) {
    throw new JiraInputError(
      `${field}.key`,
      `is ${key.length} characters; Jira accepts at most ${PROPERTY_KEY_MAX}`,
    );
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new JiraInputError(`${field}.value`, "must be a JSON value");
  const bytes = new TextEncoder().encode(json).length;
  if (bytes > PROPERTY_VALUE_MAX) {
    throw new JiraInputError(
      `${field}.value`,
      `serialises to ${bytes} bytes; Jira accepts at most ${PROPERTY_VALUE_MAX}`,
    );
  }
}

/** Turns a property map into Jira's `EntityProperty[]`, checking each entry. */
export function toEntityProperties(field: string, map: Readonly<Record<string, unknown>> | undefined) {
  if (map === undefined) return undefined;
  return Object.entries(map).map(([key, value]) => {
    checkProperty(`${field}.${key}`, key, value);
    return { key, value };
  });
}
