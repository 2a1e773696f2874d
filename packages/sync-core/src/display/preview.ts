import { crmFieldShape } from "../mapping/metadata.js";
import type { PreparedItem } from "../mapping/prepare.js";
import type { CrmRecord } from "../plan/types.js";
import { canonicalToText, isUnreadable } from "../values/canonical.js";
import { readCanonical } from "../values/read.js";

/** One preview line of the issue panel's linked card. */
export interface PreviewField {
  readonly apiName: string;
  readonly label: string;
  /** Display text; `"—"` when the field is empty or unreadable. */
  readonly text: string;
}

/**
 * The display fields of a record, formatted for the panel: decimals as stored (no float noise),
 * datetimes in UTC ISO, multi-selects joined, users by email, booleans as Yes/No.
 */
export function previewFields(item: PreparedItem, record: CrmRecord): PreviewField[] {
  return item.item.displayFields.map((apiName) => {
    const meta = item.crmFields.get(apiName);
    const kind = (meta === undefined ? undefined : crmFieldShape(meta)?.kind) ?? "text";
    const value = readCanonical(record[apiName], kind);
    let text: string | null = null;
    if (!isUnreadable(value))
      text = value.kind === "boolean" ? (value.value ? "Yes" : "No") : canonicalToText(value);
    return { apiName, label: meta?.field_label ?? apiName, text: text ?? "—" };
  });
}
