import { crmCriteriaFields } from "../criteria/match.js";
import { parseCrmCriteria } from "../criteria/parse.js";
import type { CrmCriteria } from "../criteria/types.js";
import { type ConfigIssue, type ConfigResult, configIssue } from "../result.js";
import type { SmartConnectedItem } from "../schema/item.js";
import type { PreparedMapping } from "./compile.js";
import type { Lookups } from "./field-sources.js";
import type { CrmFieldMeta, FieldMetadata } from "./metadata.js";
import { prepareMapping } from "./prepare-mapping.js";
import {
  checkDisplayFields,
  checkStatusMapping,
  type PreparedStatus,
  prepareStatus,
} from "./prepare-status.js";

/**
 * An item checked against live field metadata and compiled for planning. Build it once per item and
 * metadata refresh, then plan any number of links with it. Holds functions: not for storage.
 */
export interface PreparedItem {
  readonly item: SmartConnectedItem;
  readonly mappings: readonly PreparedMapping[];
  readonly status: PreparedStatus | undefined;
  readonly crmFields: ReadonlyMap<string, CrmFieldMeta>;
  /** The parsed `crm.criteria` (see `matchesCrmCriteria`), or `null`: every record of the module is in scope. */
  readonly scope: CrmCriteria | null;
  /** Every mapping key set to `null`, built so V8 keeps it in fast mode; the planner clones it. Internal. */
  readonly fieldsTemplate: Readonly<Record<string, null>>;
}

/**
 * Checks an item's mappings against live field metadata (unknown field, unsupported or incompatible
 * types, read-only target, unknown picklist value) and compiles them for {@link planLinkSync}.
 *
 * @example
 * const prepared = prepareItem(item, { crm: crmFields, jira: jiraFields });
 * if (!prepared.ok) throw new Error(prepared.issues.map((i) => `${i.pathText}: ${i.message}`).join("\n"));
 */
export function prepareItem(item: SmartConnectedItem, metadata: FieldMetadata): ConfigResult<PreparedItem> {
  const lookups: Lookups = {
    crm: new Map(metadata.crm.map((f) => [f.api_name, f])),
    jira: new Map(metadata.jira.map((f) => [f.id, f])),
  };
  const issues: ConfigIssue[] = [...checkDisplayFields(item, lookups.crm)];
  const mappings: PreparedMapping[] = [];
  item.fieldMappings.forEach((mapping, index) => {
    const prepared = prepareMapping(mapping, index, lookups);
    if (prepared.ok) mappings.push(prepared.value);
    else issues.push(...prepared.issues);
  });
  issues.push(...checkStatusMapping(item, lookups.crm));
  const scope = prepareScope(item, lookups.crm, issues);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      item,
      mappings,
      status: prepareStatus(item),
      crmFields: lookups.crm,
      scope,
      fieldsTemplate: fieldsTemplate(mappings),
    },
  };
}

// Items stored before criteria were validated at parse time are checked again here, with the fields
// the criteria name: a misspelt field would otherwise put every record out of scope, silently.
function prepareScope(
  item: SmartConnectedItem,
  crm: ReadonlyMap<string, CrmFieldMeta>,
  issues: ConfigIssue[],
): CrmCriteria | null {
  if (item.crm.criteria === undefined) return null;
  const parsed = parseCrmCriteria(item.crm.criteria);
  if (!parsed.ok) {
    issues.push(configIssue(["crm", "criteria"], parsed.error.code, parsed.error.message));
    return null;
  }
  for (const field of crmCriteriaFields(parsed.value)) {
    if (!crm.has(field))
      issues.push(
        configIssue(
          ["crm", "criteria"],
          "criteria-unknown-field",
          `The criteria name "${field}", which is not a field of ${item.crm.module}: use its API name.`,
        ),
      );
  }
  return parsed.value;
}

function fieldsTemplate(mappings: readonly PreparedMapping[]): Readonly<Record<string, null>> {
  // JSON.parse builds objects with fast properties, whatever the number of keys.
  const keys = mappings.map((m) => `${JSON.stringify(m.key)}:null`).join(",");
  return JSON.parse(`{${keys}}`) as Record<string, null>;
}
