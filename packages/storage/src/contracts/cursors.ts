import type { JsonValue } from "../json.js";
import type { FencedWrite } from "./fence.js";

/** The two systems a cursor tracks changes in. */
export type CursorSide = "crm" | "jira";

/** The sides as a list, for validation and iteration. */
export const CURSOR_SIDES: readonly CursorSide[] = ["crm", "jira"];

/**
 * Where an item's change feed resumes on one side. The value is opaque to storage: a timestamp
 * string, a page token, or a JSON object combining both.
 */
export interface CursorStore {
  /** The stored cursor, or `null` when the item never advanced on that side. */
  get(itemId: string, side: CursorSide): Promise<JsonValue | null>;
  /** Replaces the cursor. With a `fence`, refused (`LeaseLostError`) unless the lease is still live. */
  set(itemId: string, side: CursorSide, value: JsonValue, options?: FencedWrite): Promise<void>;
  /** Forgets the cursor, so the next cycle starts from scratch. Returns whether one existed. */
  delete(itemId: string, side: CursorSide): Promise<boolean>;
}
