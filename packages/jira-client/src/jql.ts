import { JiraInputError } from "./errors.js";

/** Sort direction of an ORDER BY clause. */
export type JqlDirection = "ASC" | "DESC";

/**
 * Quotes a value as a JQL string literal. Always quoting is what makes it safe: inside quotes,
 * reserved words (`AND`, `ORDER`, `empty`...) and reserved characters (`-`, `+`, `,`, `(` ...) lose
 * their meaning; only `"` and `\` need a backslash, and line breaks are written as escapes.
 *
 * @example
 * jqlString('say "hi"'); // "\"say \\\"hi\\\"\""
 */
export function jqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

/**
 * Formats a date for `updated >=` in the site's time zone at minute precision (`yyyy-MM-dd HH:mm`),
 * the finest JQL accepts. Because seconds are dropped, a cursor must re-read an overlap window
 * (e.g. subtract a couple of minutes and de-duplicate by issue id and `updated`).
 */
export function jqlDateTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

const FIELD_NAME = /^(?:[A-Za-z][A-Za-z0-9_]*|cf\[\d+\])$/;

/** A small immutable JQL builder for the clauses the sync uses; every value is quoted. */
export interface JqlBuilder {
  project(keyOrId: string): JqlBuilder;
  issueType(name: string): JqlBuilder;
  /** `updated >= "yyyy-MM-dd HH:mm"`; minute precision, so keep an overlap window on cursors. */
  updatedSince(date: Date, options?: { timeZone?: string }): JqlBuilder;
  keyIn(keys: readonly string[]): JqlBuilder;
  idIn(ids: readonly (string | number)[]): JqlBuilder;
  /** Up to 7 ORDER BY fields; Jira rejects more. */
  orderBy(field: string, direction?: JqlDirection): JqlBuilder;
  toString(): string;
}

interface JqlState {
  clauses: readonly string[];
  order: readonly string[];
}

/**
 * Starts a JQL query. Clauses are joined with AND; Jira's enhanced search needs a bounded query,
 * so `toString()` refuses an ORDER BY without any restriction.
 *
 * @example
 * jql().project("ABC").issueType("Task").updatedSince(new Date()).orderBy("updated", "ASC").toString();
 * // project = "ABC" AND issuetype = "Task" AND updated >= "2026-05-01 09:30" ORDER BY updated ASC
 */
export function jql(): JqlBuilder {
  return build({ clauses: [], order: [] });
}

function build(state: JqlState): JqlBuilder {
  const add = (clause: string) => build({ ...state, clauses: [...state.clauses, clause] });
  const list = (field: string, name: string, values: readonly string[]) => {
    if (values.length === 0) throw new JiraInputError(name, "needs at least one value");
    return add(`${field} in (${values.map(jqlString).join(", ")})`);
  };
  return {
    project: (keyOrId) => add(`project = ${jqlString(keyOrId)}`),
    issueType: (name) => add(`issuetype = ${jqlString(name)}`),
    updatedSince: (date, options) => {
      if (Number.isNaN(date.getTime())) throw new JiraInputError("updatedSince", "is not a valid date");
      return add(`updated >= ${jqlString(jqlDateTime(date, options?.timeZone ?? "UTC"))}`);
    },
    keyIn: (keys) => list("key", "keyIn", keys),
    idIn: (ids) => list("id", "idIn", ids.map(String)),
    orderBy: (field, direction = "ASC") => {
      if (!FIELD_NAME.test(field)) throw new JiraInputError("orderBy", `"${field}" is not a field name`);
      if (state.order.length >= 7) throw new JiraInputError("orderBy", "Jira accepts at most 7 fields");
      return build({ ...state, order: [...state.order, `${field} ${direction}`] });
    },
    toString: () => {
      if (state.clauses.length === 0) {
        throw new JiraInputError(
          "jql",
          "needs at least one restriction: enhanced search rejects unbounded queries",
        );
      }
      const where = state.clauses.join(" AND ");
      return state.order.length === 0 ? where : `${where} ORDER BY ${state.order.join(", ")}`;
    },
  };
}
