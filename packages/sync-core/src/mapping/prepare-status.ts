import { type ConfigIssue, configIssue } from "../result.js";
import type { SmartConnectedItem } from "../schema/item.js";
import type { CrmFieldMeta } from "./metadata.js";

/** Status sync made ready: the CRM field and both lookups (first pair wins when a value repeats). */
export interface PreparedStatus {
  readonly crmField: string;
  readonly crmToJira: ReadonlyMap<string, string>;
  readonly jiraToCrm: ReadonlyMap<string, string>;
}

/** Compiles the item's status mapping when status sync is on. */
export function prepareStatus(item: SmartConnectedItem): PreparedStatus | undefined {
  const mapping = item.statusMapping;
  if (!item.features.statusSync || mapping === undefined) return undefined;
  const crmToJira = new Map<string, string>();
  const jiraToCrm = new Map<string, string>();
  for (const pair of mapping.pairs) {
    if (!crmToJira.has(pair.crm)) crmToJira.set(pair.crm, pair.jira);
    if (!jiraToCrm.has(pair.jira)) jiraToCrm.set(pair.jira, pair.crm);
  }
  return { crmField: mapping.crmField, crmToJira, jiraToCrm };
}

/** The status field must be a CRM picklist that no field mapping also writes. */
export function checkStatusMapping(
  item: SmartConnectedItem,
  fields: ReadonlyMap<string, CrmFieldMeta>,
): ConfigIssue[] {
  const mapping = item.statusMapping;
  if (!item.features.statusSync || mapping === undefined) return [];
  const path = ["statusMapping", "crmField"];
  const meta = fields.get(mapping.crmField);
  if (meta === undefined) {
    return [
      configIssue(
        path,
        "unknown-crm-field",
        `The CRM module has no field "${mapping.crmField}": use the API name of its status picklist.`,
      ),
    ];
  }
  if (meta.data_type !== "picklist") {
    return [
      configIssue(
        path,
        "status-field-not-picklist",
        `CRM field "${mapping.crmField}" is ${meta.data_type}: status sync needs a picklist field.`,
      ),
    ];
  }
  const clash = item.fieldMappings.findIndex(
    (m) => m.crmField === mapping.crmField && m.direction !== "crm-to-jira",
  );
  if (clash >= 0) {
    return [
      configIssue(
        path,
        "status-field-mapped",
        `CRM field "${mapping.crmField}" is also written by fieldMappings[${clash}]: let status sync own it or remove that mapping.`,
      ),
    ];
  }
  return [];
}

/** Every display field must exist in the CRM module. */
export function checkDisplayFields(
  item: SmartConnectedItem,
  fields: ReadonlyMap<string, CrmFieldMeta>,
): ConfigIssue[] {
  return item.displayFields.flatMap((name, index) =>
    fields.has(name)
      ? []
      : [
          configIssue(
            ["displayFields", index],
            "unknown-crm-field",
            `The CRM module has no field "${name}": use the field's API name.`,
          ),
        ],
  );
}
