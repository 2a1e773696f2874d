import { type ConfigIssue, type ConfigResult, configIssue } from "../result.js";
import type { SmartConnectedItem } from "../schema/item.js";
import type { FieldMapping } from "../schema/mapping.js";
import type { CanonicalValue, ValueKind } from "../schema/values.js";
import { isUnreadable, readCanonical } from "../values/canonical.js";
import { type CrmSource, compileMapping, type PreparedMapping } from "./compile.js";
import { canConvert } from "./convert.js";
import {
  type CrmFieldMeta,
  type CrmWire,
  crmFieldShape,
  type FieldMetadata,
  type FieldShape,
  type JiraFieldMeta,
  type JiraWire,
  jiraFieldShape,
} from "./metadata.js";
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
  /** Every mapping key set to `null`, built so V8 keeps it in fast mode; the planner clones it. Internal. */
  readonly fieldsTemplate: Readonly<Record<string, null>>;
}

interface Lookups {
  readonly crm: ReadonlyMap<string, CrmFieldMeta>;
  readonly jira: ReadonlyMap<string, JiraFieldMeta>;
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
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      item,
      mappings,
      status: prepareStatus(item),
      crmFields: lookups.crm,
      fieldsTemplate: fieldsTemplate(mappings),
    },
  };
}

function fieldsTemplate(mappings: readonly PreparedMapping[]): Readonly<Record<string, null>> {
  // JSON.parse builds objects with fast properties, whatever the number of keys.
  const keys = mappings.map((m) => `${JSON.stringify(m.key)}:null`).join(",");
  return JSON.parse(`{${keys}}`) as Record<string, null>;
}

function prepareMapping(
  mapping: FieldMapping,
  index: number,
  lookups: Lookups,
): ConfigResult<PreparedMapping> {
  const at = (...rest: (string | number)[]) => ["fieldMappings", index, ...rest];
  const issues: ConfigIssue[] = [];
  const jira = jiraShape(mapping.jiraField, lookups.jira, at("jiraField"), issues);
  const crm = crmSource(mapping, lookups.crm, jira, at, issues);
  if (jira === undefined || crm === undefined) return { ok: false, issues };
  const crmKind: ValueKind =
    crm.kind === "field" ? crm.shape.kind : crm.kind === "template" ? "text" : crm.value.kind;
  const label = (field: string | undefined, kind: ValueKind) => `${field ?? "the source"} (${kind})`;
  if (mapping.direction !== "jira-to-crm") {
    if (!jira.writable) issues.push(readOnly(at("jiraField"), `Jira field "${mapping.jiraField}"`));
    if (!canConvert(crmKind, jira.kind, mapping.transform)) {
      issues.push(
        configIssue(
          at("jiraField"),
          "incompatible-types",
          `${label(mapping.crmField, crmKind)} cannot be written to Jira field "${mapping.jiraField}" (${jira.kind})${hint(crmKind, jira.kind)}.`,
        ),
      );
    }
  }
  if (mapping.direction !== "crm-to-jira" && crm.kind === "field") {
    if (!crm.shape.writable) issues.push(readOnly(at("crmField"), `CRM field "${mapping.crmField}"`));
    if (!canConvert(jira.kind, crm.shape.kind, mapping.transform)) {
      issues.push(
        configIssue(
          at("crmField"),
          "incompatible-types",
          `Jira field "${mapping.jiraField}" (${jira.kind}) cannot be written to CRM field "${mapping.crmField}" (${crm.shape.kind})${hint(jira.kind, crm.shape.kind)}.`,
        ),
      );
    }
  }
  if (mapping.transform?.kind === "truncate" && jira.kind !== "text") {
    issues.push(
      configIssue(
        at("transform"),
        "incompatible-transform",
        `truncate applies to text and Jira field "${mapping.jiraField}" holds ${jira.kind}: remove the transform.`,
      ),
    );
  }
  issues.push(...checkValueMap(mapping, lookups.crm, at));
  const jiraConstant =
    mapping.direction === "jira-to-crm" && mapping.hardCoded !== undefined && crm.kind === "field"
      ? constantOf(mapping.hardCoded, crm.shape.kind, at("hardCoded"), issues)
      : undefined;
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: compileMapping(mapping, index, crm, jira, jiraConstant) };
}

function jiraShape(
  id: string,
  fields: Lookups["jira"],
  path: (string | number)[],
  issues: ConfigIssue[],
): FieldShape<JiraWire> | undefined {
  const meta = fields.get(id);
  if (meta === undefined) {
    issues.push(
      configIssue(
        path,
        "unknown-jira-field",
        `Jira has no field "${id}": use a field id such as summary or customfield_10042.`,
      ),
    );
    return undefined;
  }
  const shape = jiraFieldShape(meta);
  if (shape === undefined) {
    issues.push(
      configIssue(
        path,
        "unsupported-field-type",
        `Jira field "${id}" has type ${meta.schema?.type ?? "unknown"}${meta.schema?.items ? ` of ${meta.schema.items}` : ""}, which Kobik Sync cannot map.`,
      ),
    );
  }
  return shape;
}

function crmShape(
  name: string,
  fields: Lookups["crm"],
  path: (string | number)[],
  issues: ConfigIssue[],
): FieldShape<CrmWire> | undefined {
  const meta = fields.get(name);
  if (meta === undefined) {
    issues.push(
      configIssue(
        path,
        "unknown-crm-field",
        `The CRM module has no field "${name}": use the field's API name, e.g. Deal_Name.`,
      ),
    );
    return undefined;
  }
  const shape = crmFieldShape(meta);
  if (shape === undefined) {
    issues.push(
      configIssue(
        path,
        "unsupported-field-type",
        `CRM field "${name}" has data type ${meta.data_type}, which Kobik Sync cannot map.`,
      ),
    );
  }
  return shape;
}

function crmSource(
  mapping: FieldMapping,
  fields: Lookups["crm"],
  jira: FieldShape<JiraWire> | undefined,
  at: (...rest: (string | number)[]) => (string | number)[],
  issues: ConfigIssue[],
): CrmSource | undefined {
  const transform = mapping.transform;
  if (transform?.kind === "template") {
    const fieldKinds = new Map<string, ValueKind>();
    for (const [, name] of transform.template.matchAll(/\{\{\s*([A-Za-z0-9_$]+)\s*\}\}/g)) {
      const shape = crmShape(name ?? "", fields, at("transform", "template"), issues);
      if (shape !== undefined) fieldKinds.set(name ?? "", shape.kind);
    }
    return { kind: "template", template: transform.template, fieldKinds };
  }
  if (mapping.crmField !== undefined) {
    const shape = crmShape(mapping.crmField, fields, at("crmField"), issues);
    return shape === undefined ? undefined : { kind: "field", shape };
  }
  if (mapping.hardCoded === undefined || jira === undefined) return undefined;
  const value = constantOf(mapping.hardCoded, jira.kind, at("hardCoded"), issues);
  return value === undefined ? undefined : { kind: "constant", value };
}

function constantOf(
  raw: unknown,
  kind: ValueKind,
  path: (string | number)[],
  issues: ConfigIssue[],
): CanonicalValue | undefined {
  const value = readCanonical(raw, kind);
  if (!isUnreadable(value)) return value;
  issues.push(
    configIssue(
      path,
      "invalid-hard-coded",
      `The hard-coded value does not fit the target field (${kind}): ${value.reason}.`,
    ),
  );
  return undefined;
}

function checkValueMap(
  mapping: FieldMapping,
  fields: Lookups["crm"],
  at: (...rest: (string | number)[]) => (string | number)[],
): ConfigIssue[] {
  const meta = mapping.crmField === undefined ? undefined : fields.get(mapping.crmField);
  const known = meta?.pick_list_values?.map((v) => v.actual_value ?? v.display_value);
  if (mapping.valueMap === undefined || known === undefined || known.length === 0) return [];
  return mapping.valueMap.flatMap((entry, k) =>
    known.includes(entry.crm)
      ? []
      : [
          configIssue(
            at("valueMap", k, "crm"),
            "unknown-picklist-value",
            `"${entry.crm}" is not a value of CRM field "${mapping.crmField}": use one of ${known
              .slice(0, 10)
              .map((v) => JSON.stringify(v))
              .join(", ")}.`,
          ),
        ],
  );
}

function readOnly(path: (string | number)[], what: string): ConfigIssue {
  return configIssue(
    path,
    "read-only-target",
    `${what} is read-only, so this mapping cannot write it: change the direction or map another field.`,
  );
}

function hint(from: ValueKind, to: ValueKind): string {
  if (from === "text" && to === "decimal") return ': add transform { kind: "number" }';
  if ((from === "datetime" && to === "date") || (from === "date" && to === "datetime"))
    return ': add transform { kind: "date" }';
  if (from === "text" && to === "user") return ': add transform { kind: "user-by-email" }';
  return "";
}
