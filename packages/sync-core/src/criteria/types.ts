/** Comparison operators of Zoho CRM search criteria that Kobik evaluates. */
export type CrmCriteriaOperator =
  | "equals"
  | "not_equal"
  | "starts_with"
  | "in"
  | "greater_than"
  | "greater_equal"
  | "less_than"
  | "less_equal"
  | "between";

/** Every supported operator, in documentation order. */
export const CRM_CRITERIA_OPERATORS: readonly CrmCriteriaOperator[] = [
  "equals",
  "not_equal",
  "starts_with",
  "in",
  "greater_than",
  "greater_equal",
  "less_than",
  "less_equal",
  "between",
];

/** Zoho accepts at most this many conditions in one criteria string. */
export const CRM_CRITERIA_MAX_CONDITIONS = 10;

/**
 * A parsed criteria string: a condition `(Field:operator:value)` or a group of two or more operands
 * joined by one connective. `values` are unescaped: one for most operators, one or more for `in`,
 * exactly two (low, high) for `between`.
 */
export type CrmCriteria =
  | {
      readonly kind: "condition";
      readonly field: string;
      readonly operator: CrmCriteriaOperator;
      readonly values: readonly string[];
    }
  | { readonly kind: "and" | "or"; readonly operands: readonly CrmCriteria[] };

/** Why a criteria string was refused. */
export type CrmCriteriaErrorCode =
  | "criteria-syntax"
  | "criteria-unknown-operator"
  | "criteria-bad-field"
  | "criteria-bad-value"
  | "criteria-mixed-connectives"
  | "criteria-too-many-conditions";

/** A refused criteria string: `position` is the 0-based index in the text where the problem is. */
export interface CrmCriteriaError {
  readonly code: CrmCriteriaErrorCode;
  readonly position: number;
  readonly message: string;
}

/** The result of {@link parseCrmCriteria}. */
export type CrmCriteriaResult =
  | { readonly ok: true; readonly value: CrmCriteria }
  | { readonly ok: false; readonly error: CrmCriteriaError };
