import { type ConfigIssue, configIssue, formatPath } from "../result.js";
import type { SmartConnectedItem } from "./item.js";
import type { FieldMapping } from "./mapping.js";

/** A config-only rule of one mapping: when it is broken, where, and what to do. */
interface MappingRule {
  readonly broken: (item: SmartConnectedItem, mapping: FieldMapping) => boolean;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

const isTemplate = (mapping: FieldMapping) => mapping.transform?.kind === "template";

const MAPPING_RULES: readonly MappingRule[] = [
  {
    broken: (_, m) => m.jiraField === "status",
    field: "jiraField",
    code: "status-not-a-field",
    message:
      "Jira status changes through transitions: use statusMapping with features.statusSync instead of a field mapping.",
  },
  {
    broken: (item, m) => item.mode === "one-way" && m.direction !== "crm-to-jira",
    field: "direction",
    code: "one-way-writes-crm",
    message: `A one-way item never writes to CRM: set direction to "crm-to-jira" or the item's mode to two-way.`,
  },
  {
    broken: (_, m) => m.direction === "both" && m.hardCoded !== undefined,
    field: "hardCoded",
    code: "two-way-hard-coded",
    message: `A two-way mapping cannot use a hard-coded value: remove hardCoded or set direction to "crm-to-jira" or "jira-to-crm".`,
  },
  {
    broken: (_, m) => isTemplate(m) && m.direction !== "crm-to-jira",
    field: "transform",
    code: "template-not-reversible",
    message:
      'A template renders CRM fields into Jira and cannot be read back: set direction to "crm-to-jira".',
  },
  {
    broken: (_, m) => m.owner !== undefined && m.direction !== "both",
    field: "owner",
    code: "owner-needs-two-way",
    message: `owner settles conflicts of two-way mappings only: remove owner or set direction to "both".`,
  },
];

/** The config-only rules of one mapping (rules against live field metadata run in `prepareItem`). */
export function checkMapping(item: SmartConnectedItem, mapping: FieldMapping, index: number): ConfigIssue[] {
  const at = (...rest: string[]) => ["fieldMappings", index, ...rest];
  const issues = MAPPING_RULES.filter((rule) => rule.broken(item, mapping)).map((rule) =>
    configIssue(at(rule.field), rule.code, rule.message),
  );
  return [...issues, ...checkSource(mapping, at, isTemplate(mapping), mapping.hardCoded !== undefined)];
}

function checkSource(
  mapping: FieldMapping,
  at: (...rest: string[]) => (string | number)[],
  isTemplate: boolean,
  hasHardCoded: boolean,
): ConfigIssue[] {
  const sources = [
    mapping.crmField !== undefined && mapping.direction === "crm-to-jira",
    isTemplate,
    hasHardCoded,
  ].filter(Boolean).length;
  if (mapping.direction === "crm-to-jira" && sources !== 1) {
    const message =
      sources === 0
        ? "Give the mapping one source: crmField, a template transform, or hardCoded."
        : "Give the mapping one source only: crmField, a template transform, or hardCoded.";
    return [
      configIssue(
        at("crmField"),
        sources === 0 ? "mapping-source-missing" : "mapping-source-ambiguous",
        message,
      ),
    ];
  }
  if (mapping.direction !== "crm-to-jira" && mapping.crmField === undefined) {
    return [
      configIssue(
        at("crmField"),
        "crm-field-required",
        "A mapping that writes to CRM needs crmField, the CRM field it writes.",
      ),
    ];
  }
  return [];
}

/** No Jira field may be the target of two mappings: the base is keyed by Jira field. */
export function checkDuplicateJiraFields(mappings: readonly FieldMapping[]): ConfigIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  mappings.forEach((mapping, index) => {
    const first = firstIndex.get(mapping.jiraField);
    if (first === undefined) {
      firstIndex.set(mapping.jiraField, index);
      return;
    }
    const firstPath = formatPath(["fieldMappings", first]);
    issues.push(
      configIssue(
        ["fieldMappings", index, "jiraField"],
        "duplicate-jira-field",
        `Jira field "${mapping.jiraField}" is already mapped by ${firstPath}: map each Jira field once.`,
      ),
    );
  });
  return issues;
}

/** No CRM field may be written by two mappings: two writers would fight over it every cycle. */
export function checkDuplicateCrmTargets(mappings: readonly FieldMapping[]): ConfigIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  mappings.forEach((mapping, index) => {
    if (mapping.direction === "crm-to-jira" || mapping.crmField === undefined) return;
    const first = firstIndex.get(mapping.crmField);
    if (first === undefined) {
      firstIndex.set(mapping.crmField, index);
      return;
    }
    const firstPath = formatPath(["fieldMappings", first]);
    issues.push(
      configIssue(
        ["fieldMappings", index, "crmField"],
        "duplicate-crm-target",
        `CRM field "${mapping.crmField}" is already written by ${firstPath}: let one mapping write it, or make this one "crm-to-jira".`,
      ),
    );
  });
  return issues;
}
