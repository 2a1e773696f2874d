/** A JQL token with its 1-based character position (for Jira-style error messages). */
interface Token {
  kind: "word" | "string" | "punct" | "end";
  text: string;
  at: number;
}

/** A JQL value: a literal, a list, a function call or EMPTY. */
export type JqlValue =
  | { kind: "literal"; text: string }
  | { kind: "list"; items: JqlValue[] }
  | { kind: "function"; name: string }
  | { kind: "empty" };

/** A parsed clause tree. */
export type JqlNode =
  | {
      kind: "clause";
      field: string;
      property: { key: string; path: string } | undefined;
      op: string;
      value: JqlValue;
    }
  | { kind: "and" | "or"; left: JqlNode; right: JqlNode }
  | { kind: "not"; inner: JqlNode };

export interface JqlQuery {
  where: JqlNode | undefined;
  orderBy: { field: string; direction: "ASC" | "DESC" }[];
}

/** Raised for malformed JQL; the message is Jira's wording. */
export class JqlError extends Error {
  override readonly name = "JqlError";
}

const OPERATORS = ["!=", ">=", "<=", "!~", "=", ">", "<", "~"];
const PUNCT = "(),[]";

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let text = "";
      let j = i + 1;
      while (j < source.length && source[j] !== c) {
        if (source[j] === "\\" && j + 1 < source.length) j += 1;
        text += source[j];
        j += 1;
      }
      if (j >= source.length)
        throw new JqlError(
          `Error in the JQL Query: The quoted string '${text}' has not been completed. (line 1, character ${i + 1})`,
        );
      tokens.push({ kind: "string", text, at: i + 1 });
      i = j + 1;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op !== undefined || PUNCT.includes(c)) {
      const text = op ?? c;
      tokens.push({ kind: "punct", text, at: i + 1 });
      i += text.length;
      continue;
    }
    let j = i;
    while (j < source.length && !/[\s"'(),[\]=!<>~]/.test(source[j]!)) j += 1;
    if (j === i)
      throw new JqlError(
        `Error in the JQL Query: The character '${c}' is a reserved JQL character. (line 1, character ${i + 1})`,
      );
    tokens.push({ kind: "word", text: source.slice(i, j), at: i + 1 });
    i = j;
  }
  tokens.push({ kind: "end", text: "", at: source.length + 1 });
  return tokens;
}

/** Parses the JQL subset the simulator supports into a tree. Throws `JqlError`. */
export function parseJql(source: string): JqlQuery {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const isWord = (w: string) => peek().kind === "word" && peek().text.toLowerCase() === w;
  const fail = (expected: string): never => {
    const t = peek();
    const got = t.kind === "end" ? "the end of the query" : `'${t.text}'`;
    throw new JqlError(
      `Error in the JQL Query: Expecting ${expected} but got ${got}. (line 1, character ${t.at})`,
    );
  };

  const value = (): JqlValue => {
    const t = peek();
    if (t.kind === "punct" && t.text === "(") {
      pos += 1;
      const items: JqlValue[] = [value()];
      while (peek().text === ",") {
        pos += 1;
        items.push(value());
      }
      if (peek().text !== ")") fail("')'");
      pos += 1;
      return { kind: "list", items };
    }
    if (t.kind === "word" && (t.text.toLowerCase() === "empty" || t.text.toLowerCase() === "null")) {
      pos += 1;
      return { kind: "empty" };
    }
    if (t.kind !== "word" && t.kind !== "string") return fail("either a value, list or function");
    pos += 1;
    if (t.kind === "word" && peek().text === "(") {
      pos += 1;
      if (peek().text !== ")") fail("')'");
      pos += 1;
      return { kind: "function", name: t.text.toLowerCase() };
    }
    return { kind: "literal", text: t.text };
  };

  const operator = (): string => {
    const t = peek();
    if (t.kind === "punct" && OPERATORS.includes(t.text)) {
      pos += 1;
      return t.text;
    }
    if (isWord("in")) {
      pos += 1;
      return "in";
    }
    if (isWord("is")) {
      pos += 1;
      if (isWord("not")) {
        pos += 1;
        return "is not";
      }
      return "is";
    }
    if (isWord("not")) {
      pos += 1;
      if (!isWord("in")) fail("'IN'");
      pos += 1;
      return "not in";
    }
    return fail("operator");
  };

  const clause = (): JqlNode => {
    const t = peek();
    if (t.kind !== "word" && t.kind !== "string") fail("a field name");
    pos += 1;
    let field = t.text;
    let property: { key: string; path: string } | undefined;
    if (peek().text === "[") {
      pos += 1;
      const key = peek();
      if (key.kind !== "word" && key.kind !== "string") fail("a property key");
      pos += 1;
      if (peek().text !== "]") fail("']'");
      pos += 1;
      const path = peek().kind === "word" && peek().text.startsWith(".") ? peek().text.slice(1) : "";
      if (path !== "") pos += 1;
      if (field.toLowerCase() === "cf") field = `customfield_${key.text}`;
      else property = { key: key.text, path };
    }
    const op = operator();
    return { kind: "clause", field, property, op, value: value() };
  };

  const primary = (): JqlNode => {
    if (isWord("not")) {
      pos += 1;
      return { kind: "not", inner: primary() };
    }
    if (peek().text === "(") {
      pos += 1;
      const inner = orExpr();
      if (peek().text !== ")") fail("')'");
      pos += 1;
      return inner;
    }
    return clause();
  };

  const andExpr = (): JqlNode => {
    let left = primary();
    while (isWord("and")) {
      pos += 1;
      left = { kind: "and", left, right: primary() };
    }
    return left;
  };

  function orExpr(): JqlNode {
    let left = andExpr();
    while (isWord("or")) {
      pos += 1;
      left = { kind: "or", left, right: andExpr() };
    }
    return left;
  }

  const where = isWord("order") || peek().kind === "end" ? undefined : orExpr();
  const orderBy: JqlQuery["orderBy"] = [];
  if (isWord("order")) {
    pos += 1;
    if (!isWord("by")) fail("'by'");
    pos += 1;
    do {
      if (orderBy.length > 0) pos += 1;
      const t = peek();
      if (t.kind !== "word" && t.kind !== "string") fail("a field name");
      pos += 1;
      let direction: "ASC" | "DESC" = "ASC";
      if (isWord("asc") || isWord("desc")) {
        direction = peek().text.toUpperCase() as "ASC" | "DESC";
        pos += 1;
      }
      orderBy.push({ field: t.text, direction });
    } while (peek().text === ",");
  }
  if (peek().kind !== "end")
    fail(orderBy.length > 0 ? "',' or the end of the query" : "'AND', 'OR' or 'ORDER BY'");
  return { where, orderBy };
}
