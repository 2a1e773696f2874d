import type { SmartConnectedItem } from "@kobik/sync-core";

/** The options an item has switched on, for listings (`items list`, `status`). */
export function enabledOptions(item: SmartConnectedItem): string[] {
  const f = item.features;
  const on = [
    f.autoCreate && "auto-create",
    f.statusSync && "status",
    f.notesSync && "notes",
    f.attachmentSync && "attachments",
  ];
  return on.filter((x): x is string => typeof x === "string");
}
