import { z } from "zod";
import { type ConfigIssue, type ConfigResult, configIssue } from "../result.js";
import { type SmartConnectedItem, smartConnectedItemSchema } from "./item.js";
import { checkItemRules, type ItemRuleContext } from "./rules.js";

/**
 * Parses and checks a Smart Connected Item: shape first, then the cross-field rules (auto-create,
 * auth-mode features, display mode, mapping sources and directions, duplicate Jira fields).
 *
 * @example
 * const parsed = parseSmartConnectedItem(yaml.parse(text), { authMode: "app" });
 * if (!parsed.ok) for (const issue of parsed.issues) console.error(`${issue.pathText}: ${issue.message}`);
 */
export function parseSmartConnectedItem(
  input: unknown,
  context: ItemRuleContext,
): ConfigResult<SmartConnectedItem> {
  const shape = smartConnectedItemSchema.safeParse(input);
  if (!shape.success) return { ok: false, issues: shape.error.issues.map(fromZodIssue) };
  const issues = checkItemRules(shape.data, context);
  return issues.length === 0 ? { ok: true, value: shape.data } : { ok: false, issues };
}

function fromZodIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const path = issue.path.map((part) => (typeof part === "number" ? part : String(part)));
  return configIssue(path, issue.code, issue.message);
}

/**
 * JSON Schema (draft 2020-12) of the item config as written in a file (defaults optional), so YAML and
 * JSON editors offer completion. Cross-field rules are not expressible there; `parseSmartConnectedItem` runs them.
 */
export function toJSONSchema(): Record<string, unknown> {
  return z.toJSONSchema(smartConnectedItemSchema, { io: "input", target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
}
