import { JqlError, type JqlNode, type JqlQuery, type JqlValue } from "./jql-parse.js";
import type { JiraState, SearchView } from "./state.js";

/** A compiled query: a predicate over search views and a comparator for ORDER BY. */
export interface CompiledJql {
  bounded: boolean;
  test(view: SearchView): boolean;
  compare(a: SearchView, b: SearchView): number;
}

type Getter = (v: SearchView) => string | number | null | readonly string[];
interface FieldDef {
  get: Getter;
  ops: readonly string[];
  kind: "id" | "date" | "text" | "list";
  resolve?: (state: JiraState, text: string, field: string) => string;
}

const EQ = ["=", "!=", "in", "not in", "is", "is not"];
const ORD = [...EQ, ">", ">=", "<", "<="];
const MAX_ORDER_FIELDS = 7;

function lookup(_state: JiraState, text: string, field: string, found: string | undefined): string {
  if (found === undefined) throw new JqlError(`The value '${text}' does not exist for the field '${field}'.`);
  return found;
}

const FIELDS: Record<string, FieldDef> = {
  project: {
    get: (v) => v.projectId,
    ops: EQ,
    kind: "id",
    resolve: (s, t, f) =>
      lookup(
        s,
        t,
        f,
        s.projects.find(
          (p) =>
            p.key.toLowerCase() === t.toLowerCase() || p.id === t || p.name.toLowerCase() === t.toLowerCase(),
        )?.id,
      ),
  },
  issuetype: {
    get: (v) => v.issueTypeId,
    ops: EQ,
    kind: "id",
    resolve: (s, t, f) =>
      lookup(s, t, f, s.issueTypes.find((i) => i.name.toLowerCase() === t.toLowerCase() || i.id === t)?.id),
  },
  status: {
    get: (v) => v.statusId,
    ops: EQ,
    kind: "id",
    resolve: (s, t, f) =>
      lookup(s, t, f, s.statuses.find((x) => x.name.toLowerCase() === t.toLowerCase() || x.id === t)?.id),
  },
  key: {
    get: (v) => v.id,
    ops: ORD,
    kind: "id",
    resolve: (s, t) => {
      const id = s.keys.get(t.toUpperCase());
      if (id === undefined) throw new JqlError(`An issue with key '${t}' does not exist for field 'key'.`);
      return id;
    },
  },
  id: { get: (v) => v.id, ops: ORD, kind: "id", resolve: (_s, t) => t },
  created: { get: (v) => v.created, ops: ORD, kind: "date" },
  updated: { get: (v) => v.updated, ops: ORD, kind: "date" },
  summary: { get: (v) => v.summary, ops: ["~", "!~", "is", "is not"], kind: "text" },
  labels: { get: (v) => v.labels, ops: EQ, kind: "list" },
  assignee: { get: (v) => v.assignee, ops: EQ, kind: "id", resolve: (s, t) => userId(s, t) },
  reporter: { get: (v) => v.reporter, ops: EQ, kind: "id", resolve: (s, t) => userId(s, t) },
};
const ALIASES: Record<string, string> = {
  type: "issuetype",
  issuekey: "key",
  createddate: "created",
  updateddate: "updated",
  text: "summary",
};

function userId(state: JiraState, text: string): string {
  const user = state.users.find((u) => u.accountId === text || u.email === text);
  if (user === undefined) throw new JqlError(`The value '${text}' does not exist for the field 'assignee'.`);
  return user.accountId;
}

function canonical(field: string): string {
  const lower = field.toLowerCase();
  return ALIASES[lower] ?? lower;
}

const DATE_RE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/;
const PERIOD_RE = /^([-+]?)((?:\d+[wdhm]\s*)+)$/;
const UNIT = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** Parses a JQL date: absolute (minute precision, site time zone) or relative (`-5m`, `-1w 2d`). */
function dateValue(state: JiraState, value: JqlValue, field: string): number {
  const now = state.clock.now();
  if (value.kind === "function") {
    const day =
      Math.floor((now + state.offsetMinutes * 60_000) / UNIT.d) * UNIT.d - state.offsetMinutes * 60_000;
    if (value.name === "now") return now;
    if (value.name === "startofday") return day;
    if (value.name === "endofday") return day + UNIT.d - 1;
    throw new JqlError(`Unable to find JQL function '${value.name}()'.`);
  }
  const text = value.kind === "literal" ? value.text.trim() : "";
  const abs = DATE_RE.exec(text);
  if (abs !== null) {
    const [, y, mo, d, h = "00", mi = "00"] = abs;
    return (
      Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)) - state.offsetMinutes * 60_000
    );
  }
  const rel = PERIOD_RE.exec(text);
  if (rel !== null) {
    let ms = 0;
    for (const part of rel[2]!.matchAll(/(\d+)([wdhm])/g))
      ms += Number(part[1]) * UNIT[part[2] as keyof typeof UNIT];
    return now + (rel[1] === "-" ? -ms : ms);
  }
  throw new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

function literals(value: JqlValue): JqlValue[] {
  return value.kind === "list" ? value.items : [value];
}

function compileClause(
  state: JiraState,
  node: Extract<JqlNode, { kind: "clause" }>,
): (v: SearchView) => boolean {
  if (node.property !== undefined) return propertyClause(node);
  const name = canonical(node.field);
  const def = FIELDS[name];
  if (def === undefined)
    throw new JqlError(`Field '${node.field}' does not exist or you do not have permission to view it.`);
  if (!def.ops.includes(node.op))
    throw new JqlError(
      `The operator '${node.op.toUpperCase()}' is not supported by the '${node.field}' field.`,
    );
  const listOp = node.op === "in" || node.op === "not in";
  if (listOp !== (node.value.kind === "list"))
    throw new JqlError(
      `The operator '${node.op.toUpperCase()}' needs ${listOp ? "a list of values" : "a single value"} for field '${node.field}'.`,
    );
  if (node.op === "is" || node.op === "is not") {
    if (node.value.kind !== "empty")
      throw new JqlError(`The operator '${node.op.toUpperCase()}' can only be used with EMPTY or NULL.`);
    const empty = (v: SearchView) => {
      const x = def.get(v);
      return x === null || x === "" || (Array.isArray(x) && x.length === 0);
    };
    return node.op === "is" ? empty : (v) => !empty(v);
  }
  if (def.kind === "date") {
    const at = dateValue(state, node.value, node.field);
    return (v) => ordered(def.get(v) as number, at, node.op);
  }
  if (def.kind === "text") {
    const needle = node.value.kind === "literal" ? node.value.text.toLowerCase().replaceAll("*", "") : "";
    return (v) =>
      String(def.get(v) ?? "")
        .toLowerCase()
        .includes(needle) ===
      (node.op === "~");
  }
  const wanted = literals(node.value).map((item) => {
    if (item.kind === "function" && item.name === "currentuser") return state.users[0]?.accountId ?? "";
    if (item.kind !== "literal")
      throw new JqlError(`Field '${node.field}' does not support ${item.kind} values.`);
    return def.resolve === undefined ? item.text : def.resolve(state, item.text, node.field);
  });
  const hit = (v: SearchView) => {
    const x = def.get(v);
    if (Array.isArray(x)) return wanted.some((w) => x.includes(w));
    if (name === "id" || name === "key")
      return wanted.some((w) =>
        ordered(Number(x), Number(w), node.op === "in" || node.op === "not in" ? "=" : node.op),
      );
    return wanted.includes(String(x));
  };
  return node.op === "!=" || node.op === "not in" ? (v) => !hit(v) : hit;
}

function ordered(a: number, b: number, op: string): boolean {
  switch (op) {
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case "!=":
      return a !== b;
    default:
      return a === b;
  }
}

function propertyClause(node: Extract<JqlNode, { kind: "clause" }>): (v: SearchView) => boolean {
  const prop = node.property!;
  if (node.field.toLowerCase() !== "issue.property")
    throw new JqlError(`Field '${node.field}' does not exist or you do not have permission to view it.`);
  const wanted = literals(node.value).map((l) => (l.kind === "literal" ? l.text : ""));
  const read = (v: SearchView) => {
    let cur: unknown = v.properties.get(prop.key);
    for (const part of prop.path.split(".").filter((p) => p !== ""))
      cur = typeof cur === "object" && cur !== null ? (cur as Record<string, unknown>)[part] : undefined;
    return cur === undefined || cur === null ? undefined : String(cur);
  };
  const hit = (v: SearchView) => {
    const x = read(v);
    return x !== undefined && wanted.includes(x);
  };
  if (node.op === "is") return (v) => read(v) === undefined;
  if (node.op === "is not") return (v) => read(v) !== undefined;
  return node.op === "!=" || node.op === "not in" ? (v) => !hit(v) : hit;
}

function compileNode(state: JiraState, node: JqlNode): (v: SearchView) => boolean {
  switch (node.kind) {
    case "clause":
      return compileClause(state, node);
    case "not": {
      const inner = compileNode(state, node.inner);
      return (v) => !inner(v);
    }
    case "and": {
      const l = compileNode(state, node.left);
      const r = compileNode(state, node.right);
      return (v) => l(v) && r(v);
    }
    case "or": {
      const l = compileNode(state, node.left);
      const r = compileNode(state, node.right);
      return (v) => l(v) || r(v);
    }
  }
}

function sortKey(state: JiraState, field: string): Getter {
  const name = canonical(field);
  if (name === "key" || name === "id") return (v) => Number(v.id);
  if (name === "project") return (v) => state.projects.find((p) => p.id === v.projectId)?.key ?? "";
  if (
    name === "created" ||
    name === "updated" ||
    name === "summary" ||
    name === "issuetype" ||
    name === "status"
  )
    return FIELDS[name]!.get;
  throw new JqlError(`Not able to sort using field '${field}'.`);
}

/** Compiles a parsed query, resolving project/type/status names; throws `JqlError` like Jira. */
export function compileJql(state: JiraState, query: JqlQuery): CompiledJql {
  if (query.orderBy.length > MAX_ORDER_FIELDS)
    throw new JqlError(`The ORDER BY clause may contain at most ${MAX_ORDER_FIELDS} fields.`);
  const test = query.where === undefined ? () => true : compileNode(state, query.where);
  const keys = query.orderBy.map((o) => ({
    get: sortKey(state, o.field),
    sign: o.direction === "DESC" ? -1 : 1,
  }));
  // Without ORDER BY, newest first by creation, then id: stable across pages.
  if (keys.length === 0) keys.push({ get: (v) => v.created, sign: -1 });
  keys.push({ get: (v) => Number(v.id), sign: keys.at(-1)!.sign });
  return {
    bounded: query.where !== undefined,
    test,
    compare: (a, b) => {
      for (const k of keys) {
        const x = k.get(a) ?? "";
        const y = k.get(b) ?? "";
        if (x < y) return -k.sign;
        if (x > y) return k.sign;
      }
      return 0;
    },
  };
}

const WEBHOOK_FIELDS = new Set([
  "issuekey",
  "key",
  "project",
  "issuetype",
  "type",
  "status",
  "assignee",
  "reporter",
  "issue.property",
]);

/** Checks the restricted JQL subset dynamic webhooks accept (fields and `= != IN NOT IN`). */
export function webhookFilterProblem(node: JqlNode | undefined): string | undefined {
  if (node === undefined) return "The JQL filter must not be empty.";
  switch (node.kind) {
    case "and":
    case "or":
      return webhookFilterProblem(node.left) ?? webhookFilterProblem(node.right);
    case "not":
      return webhookFilterProblem(node.inner);
    case "clause": {
      const field = node.field.toLowerCase();
      if (!WEBHOOK_FIELDS.has(field) && !field.startsWith("customfield_"))
        return `Field '${node.field}' is not supported in webhook JQL filters.`;
      if (!["=", "!=", "in", "not in"].includes(node.op))
        return `Operator '${node.op.toUpperCase()}' is not supported in webhook JQL filters.`;
      return undefined;
    }
  }
}
