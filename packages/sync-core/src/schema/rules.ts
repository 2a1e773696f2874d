import { isPollingReadyModule } from "../constants.js";
import { parseCrmCriteria } from "../criteria/parse.js";
import { type ConfigIssue, configIssue } from "../result.js";
import type { SmartConnectedItem } from "./item.js";
import { checkDuplicateCrmTargets, checkDuplicateJiraFields, checkMapping } from "./mapping-rules.js";

/** How the CRM connection is authenticated; some features need the shared app token. */
export type AuthMode = "providers" | "app";

/** What the cross-field rules need to know beyond the item itself. */
export interface ItemRuleContext {
  readonly authMode: AuthMode;
}

/** The cross-field rules of a Smart Connected Item, in a stable order. */
export function checkItemRules(item: SmartConnectedItem, context: ItemRuleContext): ConfigIssue[] {
  return [
    ...checkModeRules(item),
    ...checkFeatureRules(item, context),
    ...checkCriteria(item),
    ...item.fieldMappings.flatMap((mapping, index) => checkMapping(item, mapping, index)),
    ...checkDuplicateJiraFields(item.fieldMappings),
    ...checkDuplicateCrmTargets(item.fieldMappings),
  ];
}

function checkModeRules(item: SmartConnectedItem): ConfigIssue[] {
  if (item.mode !== "display") return [];
  const issues: ConfigIssue[] = [];
  if (item.displayFields.length === 0) {
    issues.push(
      configIssue(
        ["displayFields"],
        "display-fields-required",
        "A display item needs at least one CRM field in displayFields to preview.",
      ),
    );
  }
  if (item.fieldMappings.length > 0) {
    issues.push(
      configIssue(
        ["fieldMappings"],
        "display-has-mappings",
        "A display item writes nothing: remove fieldMappings or set mode to one-way or two-way.",
      ),
    );
  }
  for (const feature of ["statusSync", "notesSync", "attachmentSync"] as const) {
    if (item.features[feature]) {
      issues.push(
        configIssue(
          ["features", feature],
          "display-has-sync-feature",
          `A display item writes nothing: turn ${feature} off or set mode to one-way or two-way.`,
        ),
      );
    }
  }
  return issues;
}

// The criteria string is validated here so a typo stops the item at save time, not in every cycle.
function checkCriteria(item: SmartConnectedItem): ConfigIssue[] {
  if (item.crm.criteria === undefined) return [];
  const parsed = parseCrmCriteria(item.crm.criteria);
  if (parsed.ok) return [];
  return [
    configIssue(
      ["crm", "criteria"],
      parsed.error.code,
      `${parsed.error.message}: write conditions as (Field_API:operator:value) joined by and / or.`,
    ),
  ];
}

function checkFeatureRules(item: SmartConnectedItem, context: ItemRuleContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { features } = item;
  if (features.autoCreate) issues.push(...checkAutoCreate(item, context));
  if (context.authMode !== "app") {
    for (const feature of ["statusSync", "notesSync", "attachmentSync"] as const) {
      if (features[feature]) {
        issues.push(
          configIssue(
            ["features", feature],
            "feature-needs-app-auth",
            `${feature} runs in the background and needs app OAuth: switch the connection to app auth or turn ${feature} off.`,
          ),
        );
      }
    }
    if (item.mode !== "display" && item.schedule.kind === "interval") {
      issues.push(
        configIssue(
          ["schedule"],
          "schedule-needs-app-auth",
          'The scheduler needs app OAuth: set schedule to { kind: "manual" } or switch the connection to app auth.',
        ),
      );
    }
  }
  if (features.statusSync && item.statusMapping === undefined) {
    issues.push(
      configIssue(
        ["statusMapping"],
        "status-mapping-required",
        "statusSync is on: add a statusMapping with the CRM status field and its value pairs.",
      ),
    );
  }
  return issues;
}

function checkAutoCreate(item: SmartConnectedItem, context: ItemRuleContext): ConfigIssue[] {
  const path = ["features", "autoCreate"];
  const issues: ConfigIssue[] = [];
  if (item.mode === "display") {
    issues.push(
      configIssue(
        path,
        "auto-create-needs-sync-mode",
        "Auto-create needs a synced item: set mode to one-way or two-way, or turn autoCreate off.",
      ),
    );
  }
  if (context.authMode !== "app") {
    issues.push(
      configIssue(
        path,
        "auto-create-needs-app-auth",
        "Auto-create runs in the background and needs app OAuth: switch the connection to app auth or turn autoCreate off.",
      ),
    );
  }
  if (!isPollingReadyModule(item.crm.module)) {
    issues.push(
      configIssue(
        path,
        "auto-create-needs-polling-module",
        `Auto-create needs a polling-ready CRM module and "${item.crm.module}" is not one: pick one of the 19 polling-ready modules or turn autoCreate off.`,
      ),
    );
  }
  const mapsSummary = item.fieldMappings.some(
    (m) => m.jiraField === "summary" && m.direction !== "jira-to-crm",
  );
  if (item.mode !== "display" && !mapsSummary) {
    issues.push(
      configIssue(
        path,
        "auto-create-needs-summary",
        "Auto-create needs a CRM -> Jira mapping to the Jira field summary, so new issues get a title.",
      ),
    );
  }
  return issues;
}
