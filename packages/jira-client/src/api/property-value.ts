import { JiraInputError } from "../errors.js";

/** Jira's cap on an entity property value: 32768 characters (the spec also says bytes). */
export const PROPERTY_VALUE_MAX = 32_768;
/** Jira's cap on an entity property key. */
export const PROPERTY_KEY_MAX = 255;

/**
 * The value's UTF-8 size when it is over the cap, else `undefined`. A UTF-16 code unit takes 1 to 3
 * bytes (a surrogate pair, two units, takes 4), so a value of at most a third of the cap always
 * fits without counting: a bulk create checks a property per issue, and encoding each one only to
 * count it cost more than the rest of the check.
 */
function bytesOverCap(json: string): number | undefined {
  if (json.length * 3 <= PROPERTY_VALUE_MAX) return undefined;
  const bytes = new TextEncoder().encode(json).length;
  return bytes > PROPERTY_VALUE_MAX ? bytes : undefined;
}

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
  const bytes = bytesOverCap(json);
  if (bytes !== undefined) {
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
