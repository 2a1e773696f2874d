import type { CrmCriteria, CrmCriteriaOperator } from "./types.js";

type Scalar = string | number;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Whether a CRM record (as Zoho returns it) is in the scope `criteria` describe. Text compares
 * case-insensitively; numbers numerically; dates (`YYYY-MM-DD`) by day and datetimes by instant, so
 * offsets may differ. A lookup (`{ id, name }`) matches by id or name, a multi-select list when any of
 * its values matches, `not_equal` when none does. An empty field matches only `not_equal`.
 *
 * @example
 * const parsed = parseCrmCriteria("(Stage:in:Qualification,Needs Analysis)and(Amount:greater_equal:1000)");
 * if (parsed.ok) matchesCrmCriteria(parsed.value, { id: "1", Stage: "Qualification", Amount: 2500 }); // true
 */
export function matchesCrmCriteria(
  criteria: CrmCriteria,
  record: Readonly<Record<string, unknown>>,
): boolean {
  switch (criteria.kind) {
    case "and":
      return criteria.operands.every((operand) => matchesCrmCriteria(operand, record));
    case "or":
      return criteria.operands.some((operand) => matchesCrmCriteria(operand, record));
    case "condition": {
      const candidates = scalars(record[criteria.field]);
      if (criteria.operator === "not_equal")
        return !candidates.some((c) => criteria.values.some((v) => equal(c, v)));
      return candidates.some((c) => test(c, criteria.operator, criteria.values));
    }
  }
}

/** The field names criteria read, so a caller can request them. */
export function crmCriteriaFields(criteria: CrmCriteria): string[] {
  if (criteria.kind === "condition") return [criteria.field];
  return [...new Set(criteria.operands.flatMap(crmCriteriaFields))];
}

function scalars(raw: unknown): Scalar[] {
  if (raw === null || raw === undefined || raw === "") return [];
  if (typeof raw === "number" || typeof raw === "string") return [raw];
  if (typeof raw === "boolean") return [String(raw)];
  if (Array.isArray(raw)) return raw.flatMap(scalars);
  if (typeof raw === "object") {
    const { id, name } = raw as { id?: unknown; name?: unknown };
    return [...scalars(id), ...scalars(name)];
  }
  return [];
}

function test(candidate: Scalar, operator: CrmCriteriaOperator, values: readonly string[]): boolean {
  const [first = "", second = ""] = values;
  switch (operator) {
    case "equals":
    case "in":
      return values.some((v) => equal(candidate, v));
    case "not_equal":
      return !values.some((v) => equal(candidate, v));
    case "starts_with":
      return String(candidate).toLowerCase().startsWith(first.toLowerCase());
    case "greater_than":
      return sign(candidate, first) === 1;
    case "greater_equal":
      return sign(candidate, first) === 1 || sign(candidate, first) === 0;
    case "less_than":
      return sign(candidate, first) === -1;
    case "less_equal":
      return sign(candidate, first) === -1 || sign(candidate, first) === 0;
    case "between": {
      const low = sign(candidate, first);
      const high = sign(candidate, second);
      return (low === 1 || low === 0) && (high === -1 || high === 0);
    }
  }
}

function equal(candidate: Scalar, wanted: string): boolean {
  const order = sign(candidate, wanted);
  if (order !== undefined) return order === 0;
  return String(candidate).toLowerCase() === wanted.toLowerCase();
}

/**
 * Orders a field value against a criteria value when both are numbers, both dates or both datetimes;
 * `undefined` when they are not comparable that way (ordering operators then do not match).
 */
function sign(candidate: Scalar, wanted: string): -1 | 0 | 1 | undefined {
  const text = String(candidate).trim();
  const target = wanted.trim();
  if ((typeof candidate === "number" || NUMBER.test(text)) && NUMBER.test(target))
    return compare(Number(text), Number(target));
  if (DATE.test(text) && DATE.test(target)) return compare(text, target);
  if (DATETIME.test(text) && DATETIME.test(target)) return compare(Date.parse(text), Date.parse(target));
  return undefined;
}

function compare<T extends string | number>(a: T, b: T): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
