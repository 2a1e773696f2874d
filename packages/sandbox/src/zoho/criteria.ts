import type { ZohoFieldSpec } from "./schema.js";
import type { ModuleStore, ZohoRecord } from "./store.js";

/** Comparison operators of search criteria. */
export type CriteriaOp =
  | "equals"
  | "not_equal"
  | "starts_with"
  | "in"
  | "greater_than"
  | "greater_equal"
  | "less_than"
  | "less_equal";

/** A parsed criteria tree. */
export type Criteria =
  | { kind: "cmp"; field: ZohoFieldSpec; op: CriteriaOp; values: string[] }
  | { kind: "and" | "or"; left: Criteria; right: Criteria };

const OPS = new Set<string>([
  "equals",
  "not_equal",
  "starts_with",
  "in",
  "greater_than",
  "greater_equal",
  "less_than",
  "less_equal",
]);
const MAX_CRITERIA = 10;

/** Parses `(Field:op:value)and((A:op:v)or(B:op:v))`; returns an error message on failure. */
export function parseCriteria(source: string, store: ModuleStore): Criteria | string {
  let pos = 0;
  let count = 0;
  const peek = (text: string) => source.startsWith(text, pos);

  const readUntil = (stops: string): string => {
    let out = "";
    while (pos < source.length && !stops.includes(source[pos]!)) {
      if (source[pos] === "\\" && pos + 1 < source.length) pos += 1;
      out += source[pos];
      pos += 1;
    }
    return out;
  };

  const comparison = (): Criteria | string => {
    const name = readUntil(":)");
    if (!peek(":")) return `invalid criteria near position ${pos}`;
    pos += 1;
    const op = readUntil(":)");
    if (!peek(":") || !OPS.has(op)) return `invalid operator '${op}'`;
    pos += 1;
    const value = readUntil(")");
    const field = store.fields.get(name.trim());
    if (field === undefined) return `invalid field '${name}'`;
    count += 1;
    const values = op === "in" ? value.split(",").map((v) => v.trim()) : [value];
    return { kind: "cmp", field, op: op as CriteriaOp, values };
  };

  const term = (): Criteria | string => {
    if (!peek("(")) return `expected '(' at position ${pos}`;
    pos += 1;
    const inner = peek("(") ? expr() : comparison();
    if (typeof inner === "string") return inner;
    if (!peek(")")) return `expected ')' at position ${pos}`;
    pos += 1;
    return inner;
  };

  const expr = (): Criteria | string => {
    let left = term();
    while (typeof left !== "string") {
      const joiner = peek("and") ? "and" : peek("or") ? "or" : undefined;
      if (joiner === undefined) break;
      pos += joiner.length;
      const right = term();
      if (typeof right === "string") return right;
      left = { kind: joiner, left, right };
    }
    return left;
  };

  const tree = expr();
  if (typeof tree === "string") return tree;
  if (pos !== source.length) return `unexpected text at position ${pos}`;
  return count > MAX_CRITERIA ? `more than ${MAX_CRITERIA} criteria` : tree;
}

function comparable(field: ZohoFieldSpec, raw: unknown): string | number | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === "number") return raw;
  if (Array.isArray(raw)) return raw.join(";").toLowerCase();
  return field.data_type === "date" || field.data_type === "datetime"
    ? String(raw)
    : String(raw).toLowerCase();
}

function compare(field: ZohoFieldSpec, stored: unknown, op: CriteriaOp, wanted: string): boolean {
  const value = comparable(field, stored);
  if (field.data_type === "datetime" && typeof stored === "number") {
    const ms = Date.parse(wanted);
    return order(stored, ms, op);
  }
  if (typeof value === "number") return order(value, Number(wanted), op);
  const text = value ?? "";
  const target = wanted.toLowerCase();
  switch (op) {
    case "equals":
    case "in":
      return text === target;
    case "not_equal":
      return text !== target;
    case "starts_with":
      return text.startsWith(target);
    default:
      return order(text, target, op);
  }
}

function order<T extends string | number>(a: T, b: T, op: CriteriaOp): boolean {
  switch (op) {
    case "equals":
    case "in":
      return a === b;
    case "not_equal":
      return a !== b;
    case "greater_than":
      return a > b;
    case "greater_equal":
      return a >= b;
    case "less_than":
      return a < b;
    case "less_equal":
      return a <= b;
    case "starts_with":
      return String(a).startsWith(String(b));
  }
}

/** Evaluates a criteria tree against a record. */
export function matches(criteria: Criteria, record: ZohoRecord): boolean {
  switch (criteria.kind) {
    case "and":
      return matches(criteria.left, record) && matches(criteria.right, record);
    case "or":
      return matches(criteria.left, record) || matches(criteria.right, record);
    case "cmp": {
      const stored = record.values[criteria.field.api_name];
      return criteria.values.some((v) => compare(criteria.field, stored, criteria.op, v));
    }
  }
}
