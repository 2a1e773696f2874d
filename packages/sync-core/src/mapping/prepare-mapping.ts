import { type ConfigIssue, type ConfigResult, configIssue } from "../result.js";
import type { FieldMapping } from "../schema/mapping.js";
import type { ValueKind } from "../schema/values.js";
import { type CrmSource, compileMapping, type PreparedMapping } from "./compile.js";
import { canConvert } from "./convert.js";
import { type At, checkValueMap, constantOf, crmSource, jiraShape, type Lookups } from "./field-sources.js";
import type { FieldShape, JiraWire } from "./metadata.js";

/** Checks one mapping against the metadata and compiles it. */
export function prepareMapping(
  mapping: FieldMapping,
  index: number,
  lookups: Lookups,
): ConfigResult<PreparedMapping> {
  const at = (...rest: (string | number)[]) => ["fieldMappings", index, ...rest];
  const issues: ConfigIssue[] = [];
  const jira = jiraShape(mapping.jiraField, lookups.jira, at("jiraField"), issues);
  const crm = crmSource(mapping, lookups.crm, jira, at, issues);
  if (jira === undefined || crm === undefined) return { ok: false, issues };
  issues.push(...checkDirections(mapping, crm, jira, at));
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

/** Each direction the mapping writes needs a writable target and a possible conversion. */
function checkDirections(
  mapping: FieldMapping,
  crm: CrmSource,
  jira: FieldShape<JiraWire>,
  at: At,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const crmKind: ValueKind =
    crm.kind === "field" ? crm.shape.kind : crm.kind === "template" ? "text" : crm.value.kind;
  if (mapping.direction !== "jira-to-crm") {
    if (!jira.writable) issues.push(readOnly(at("jiraField"), `Jira field "${mapping.jiraField}"`));
    if (!canConvert(crmKind, jira.kind, mapping.transform)) {
      const source = `${mapping.crmField ?? "the source"} (${crmKind})`;
      issues.push(
        configIssue(
          at("jiraField"),
          "incompatible-types",
          `${source} cannot be written to Jira field "${mapping.jiraField}" (${jira.kind})${hint(crmKind, jira.kind)}.`,
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
  return issues;
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
