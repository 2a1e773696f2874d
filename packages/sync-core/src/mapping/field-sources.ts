import { type ConfigIssue, configIssue } from "../result.js";
import type { FieldMapping } from "../schema/mapping.js";
import type { CanonicalValue, ValueKind } from "../schema/values.js";
import { isUnreadable } from "../values/canonical.js";
import { readCanonical } from "../values/read.js";
import type { CrmSource } from "./compile.js";
import {
  type CrmFieldMeta,
  type CrmWire,
  crmFieldShape,
  type FieldShape,
  type JiraFieldMeta,
  type JiraWire,
  jiraFieldShape,
} from "./metadata.js";

/** Field metadata of both sides, by CRM API name and Jira field id. */
export interface Lookups {
  readonly crm: ReadonlyMap<string, CrmFieldMeta>;
  readonly jira: ReadonlyMap<string, JiraFieldMeta>;
}

/** Builds the path of an issue inside the current mapping. */
export type At = (...rest: (string | number)[]) => (string | number)[];

/** The shape of a mapped Jira field, or an issue naming why it cannot be mapped. */
export function jiraShape(
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

/** The shape of a mapped CRM field, or an issue naming why it cannot be mapped. */
export function crmShape(
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

/** Where the CRM-side value comes from: a field, a template or a hard-coded value. */
export function crmSource(
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

/** A hard-coded value read as the target kind, or an issue when it does not fit. */
export function constantOf(
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

/** Every value-map entry must be a value of the CRM picklist (when its values are known). */
export function checkValueMap(
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
