import type { CrmCriteria } from "./types.js";

/**
 * Writes criteria back as Zoho's text form, escaping `(`, `)`, `,` and `\` inside values. For any
 * criteria `parseCrmCriteria` returned, `parseCrmCriteria(printCrmCriteria(c))` returns `c` again.
 *
 * @example
 * printCrmCriteria({ kind: "condition", field: "Account_Name", operator: "equals", values: ["Smith, Jones (UK)"] });
 * // -> "(Account_Name:equals:Smith\\, Jones \\(UK\\))"
 */
export function printCrmCriteria(criteria: CrmCriteria): string {
  if (criteria.kind === "condition") {
    return `(${criteria.field}:${criteria.operator}:${criteria.values.map(escapeValue).join(",")})`;
  }
  // A group nested in another is wrapped so its connective stays its own.
  return criteria.operands
    .map((operand) =>
      operand.kind === "condition" ? printCrmCriteria(operand) : `(${printCrmCriteria(operand)})`,
    )
    .join(criteria.kind);
}

function escapeValue(value: string): string {
  return value.replace(/[\\(),]/g, (ch) => `\\${ch}`);
}
