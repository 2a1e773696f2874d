import type { SmartConnectedItem } from "@kobik/sync-core";
import { CURSOR_SIDES, type CursorSide } from "../contracts/cursors.js";
import { InvalidInputError } from "../errors.js";
import { copyJson, type JsonValue } from "../json.js";
import { MAX_SECRET_LENGTH } from "../limits.js";
import { requireKey, requireOneOf } from "../validate.js";

/** Validates `ItemStore.save` input: a JSON copy of the item, with its id and enabled flag. */
export function validateItemSave(item: SmartConnectedItem): {
  id: string;
  enabled: boolean;
  item: SmartConnectedItem;
} {
  if (typeof item !== "object" || item === null) throw new InvalidInputError("item", "must be an object");
  const id = requireKey(item.id, "item.id");
  if (typeof item.enabled !== "boolean") throw new InvalidInputError("item.enabled", "must be a boolean");
  return { id, enabled: item.enabled, item: copyJson(item, "item") };
}

/** The `enabled` filter of `ItemStore.list`: `undefined` lists every item. */
export function readEnabledFilter(enabled: unknown): boolean | undefined {
  if (enabled !== undefined && typeof enabled !== "boolean") {
    throw new InvalidInputError("enabled", "must be a boolean when given");
  }
  return enabled;
}

/** Validates the item id and side of a cursor. */
export function readCursorSlot(itemId: unknown, side: unknown): readonly [string, CursorSide] {
  return [requireKey(itemId, "itemId"), requireOneOf<CursorSide>(side, "side", CURSOR_SIDES)];
}

/** Validates a cursor value for `CursorStore.set` and returns a JSON copy (`null` means "use delete"). */
export function validateCursorValue(value: JsonValue): JsonValue {
  if (value === null || value === undefined) {
    throw new InvalidInputError("value", "must not be null: use delete");
  }
  return copyJson(value, "value");
}

/** Validates a secret value for `SecretStore.set`; errors name the field `value`, never the secret. */
export function validateSecretValue(value: unknown): string {
  if (typeof value !== "string") throw new InvalidInputError("value", "must be a string");
  if (value.length === 0) throw new InvalidInputError("value", "must not be empty: use delete");
  if (value.length > MAX_SECRET_LENGTH) {
    throw new InvalidInputError("value", `must be at most ${MAX_SECRET_LENGTH} characters`);
  }
  return value;
}
