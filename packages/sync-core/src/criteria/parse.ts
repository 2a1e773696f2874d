import {
  CRM_CRITERIA_MAX_CONDITIONS,
  CRM_CRITERIA_OPERATORS,
  type CrmCriteria,
  type CrmCriteriaError,
  type CrmCriteriaErrorCode,
  type CrmCriteriaOperator,
  type CrmCriteriaResult,
} from "./types.js";

// Internal control flow only: parseCrmCriteria turns it into a Result value.
class Refused {
  constructor(readonly error: CrmCriteriaError) {}
}

const FIELD = /^[A-Za-z$][\w$.]*$/;
const ESCAPABLE = new Set(["(", ")", ",", "\\"]);

/**
 * Parses Zoho CRM search criteria: conditions `(Field_API:operator:value)` joined by `and` / `or`,
 * grouped with parentheses. Inside a value, `(`, `)`, `,` and `\` are escaped with a backslash; `in`
 * takes a comma-separated list and `between` exactly two values. One level may not mix `and` and `or`
 * (group them), and there are at most 10 conditions, as Zoho allows.
 *
 * @example
 * parseCrmCriteria("((Stage:equals:Closed Won)or(Stage:equals:Negotiation\\/Review))and(Amount:greater_than:1000)");
 * // -> { ok: true, value: { kind: "and", operands: [{ kind: "or", ... }, { kind: "condition", field: "Amount", ... }] } }
 * parseCrmCriteria("(Amount:bigger:5)");
 * // -> { ok: false, error: { code: "criteria-unknown-operator", position: 8, message: "..." } }
 */
export function parseCrmCriteria(text: string): CrmCriteriaResult {
  try {
    return { ok: true, value: new CriteriaParser(text).parse() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.error };
    throw error;
  }
}

class CriteriaParser {
  private pos = 0;
  private conditions = 0;

  constructor(private readonly text: string) {}

  parse(): CrmCriteria {
    const tree = this.expression();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail("criteria-syntax", "expected 'and', 'or' or the end");
    return tree;
  }

  private fail(code: CrmCriteriaErrorCode, message: string, at = this.pos): never {
    throw new Refused({ code, position: at, message: `${message} at position ${at}` });
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? "")) this.pos += 1;
  }

  private expression(): CrmCriteria {
    const operands = [this.term()];
    let kind: "and" | "or" | undefined;
    for (;;) {
      this.skipSpace();
      const at = this.pos;
      const connective = this.connective();
      if (connective === undefined) break;
      if (kind !== undefined && kind !== connective)
        this.fail("criteria-mixed-connectives", "group 'and' and 'or' with parentheses", at);
      kind = connective;
      operands.push(this.term());
    }
    const [first] = operands;
    if (kind === undefined && first !== undefined) return first;
    return { kind: kind ?? "and", operands };
  }

  private connective(): "and" | "or" | undefined {
    const match = /^(and|or)(?=[\s(])/i.exec(this.text.slice(this.pos));
    if (match?.[1] === undefined) return undefined;
    this.pos += match[1].length;
    return match[1].toLowerCase() as "and" | "or";
  }

  private term(): CrmCriteria {
    this.skipSpace();
    if (this.text[this.pos] !== "(") this.fail("criteria-syntax", "expected '('");
    const open = this.pos;
    this.pos += 1;
    this.skipSpace();
    const inner = this.text[this.pos] === "(" ? this.expression() : this.condition(open);
    this.skipSpace();
    if (this.text[this.pos] !== ")") this.fail("criteria-syntax", "expected ')'");
    this.pos += 1;
    return inner;
  }

  private condition(open: number): CrmCriteria {
    this.conditions += 1;
    if (this.conditions > CRM_CRITERIA_MAX_CONDITIONS)
      this.fail("criteria-too-many-conditions", `more than ${CRM_CRITERIA_MAX_CONDITIONS} conditions`, open);
    const fieldAt = this.pos;
    const field = this.until(":").trim();
    if (!FIELD.test(field)) this.fail("criteria-bad-field", `"${field}" is not a field API name`, fieldAt);
    this.pos += 1;
    const operatorAt = this.pos;
    const operator = this.until(":").trim();
    if (!(CRM_CRITERIA_OPERATORS as readonly string[]).includes(operator))
      this.fail(
        "criteria-unknown-operator",
        `unknown operator "${operator}" (use ${CRM_CRITERIA_OPERATORS.join(", ")})`,
        operatorAt,
      );
    this.pos += 1;
    const values = this.values(operator as CrmCriteriaOperator);
    return { kind: "condition", field, operator: operator as CrmCriteriaOperator, values };
  }

  /** Reads up to (not past) `stop`; `)` or the end first is a syntax error. */
  private until(stop: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && this.text[this.pos] !== stop) {
      if (this.text[this.pos] === ")" || this.text[this.pos] === "(")
        this.fail("criteria-syntax", "a condition is (Field:operator:value)");
      this.pos += 1;
    }
    if (this.pos >= this.text.length) this.fail("criteria-syntax", `expected '${stop}'`);
    return this.text.slice(start, this.pos);
  }

  private values(operator: CrmCriteriaOperator): string[] {
    const list = operator === "in" || operator === "between";
    const values: { text: string; at: number }[] = [{ text: "", at: this.pos }];
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail("criteria-syntax", "expected ')'");
      if (ch === ")") break;
      if (ch === "(") this.fail("criteria-bad-value", "escape '(' in a value as '\\('");
      const current = values[values.length - 1] as { text: string; at: number };
      if (ch === ",") {
        if (!list)
          this.fail(
            "criteria-bad-value",
            `escape ',' in a value as '\\,' (lists are for "in" and "between")`,
          );
        values.push({ text: "", at: this.pos + 1 });
      } else if (ch === "\\") {
        const next = this.text[this.pos + 1];
        if (next === undefined || !ESCAPABLE.has(next))
          this.fail("criteria-bad-value", "a backslash escapes only '(', ')', ',' or '\\'");
        current.text += next;
        this.pos += 1;
      } else current.text += ch;
      this.pos += 1;
    }
    for (const v of values) if (v.text.trim() === "") this.fail("criteria-bad-value", "empty value", v.at);
    if (operator === "between" && values.length !== 2)
      this.fail("criteria-bad-value", '"between" takes two values: low,high', values[0]?.at);
    return values.map((v) => v.text.trim());
  }
}
