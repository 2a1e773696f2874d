import { JiraInputError, jql, jqlDateTime, jqlString, toJiraSummary } from "@kobik/jira-client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/** Reads one JQL string literal back, as Jira's lexer would, to check the quoting. */
function unquote(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  const map: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
  let out = "";
  for (let i = 1; i < literal.length - 1; i++) {
    const c = literal[i]!;
    if (c === '"') throw new Error(`unescaped quote at ${i}`);
    if (c === "\\") {
      out += map[literal[++i]!] ?? "?";
    } else out += c;
  }
  return out;
}

describe("jql", () => {
  it("builds the clauses the sync uses, always quoting values", () => {
    const query = jql()
      .project("ABC")
      .issueType("Service Request")
      .updatedSince(new Date("2026-05-01T09:30:59Z"))
      .keyIn(["ABC-1", "ABC-2"])
      .idIn([10001, "10002"])
      .orderBy("updated", "ASC")
      .orderBy("key", "DESC")
      .toString();
    expect(query).toBe(
      'project = "ABC" AND issuetype = "Service Request" AND updated >= "2026-05-01 09:30" AND key in ("ABC-1", "ABC-2") AND id in ("10001", "10002") ORDER BY updated ASC, key DESC',
    );
  });

  it("neutralises quotes, backslashes, reserved words and reserved characters", () => {
    expect(jql().project('A" OR project = "B').toString()).toBe('project = "A\\" OR project = \\"B"');
    expect(jql().issueType("back\\slash").toString()).toBe('issuetype = "back\\\\slash"');
    expect(jql().project("ORDER").issueType("a-b+c,(d)").toString()).toBe(
      'project = "ORDER" AND issuetype = "a-b+c,(d)"',
    );
  });

  it("quotes any string so it reads back unchanged (property)", () => {
    fc.assert(fc.property(fc.string(), (s) => unquote(jqlString(s)) === s));
  });

  it("formats dates at minute precision in a given time zone", () => {
    const date = new Date("2026-01-01T23:59:30Z");
    expect(jqlDateTime(date, "UTC")).toBe("2026-01-01 23:59");
    expect(jqlDateTime(date, "Europe/Berlin")).toBe("2026-01-02 00:59");
    expect(jql().updatedSince(date, { timeZone: "America/New_York" }).toString()).toBe(
      'updated >= "2026-01-01 18:59"',
    );
  });

  it("rejects unbounded queries, empty lists, bad fields and too many sort keys", () => {
    expect(() => jql().orderBy("updated").toString()).toThrow(JiraInputError);
    expect(() => jql().keyIn([])).toThrow(/keyIn/);
    expect(() => jql().orderBy("updated; DROP")).toThrow(/orderBy/);
    expect(() => jql().updatedSince(new Date("nope"))).toThrow(/updatedSince/);
    let q = jql().project("A");
    for (const f of ["a", "b", "c", "d", "e", "f", "g"]) q = q.orderBy(f);
    expect(() => q.orderBy("h")).toThrow(/at most 7/);
    expect(jql().project("A").orderBy("cf[10010]").toString()).toBe('project = "A" ORDER BY cf[10010] ASC');
  });
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("toJiraSummary", () => {
  it("strips line breaks and keeps short text", () => {
    expect(toJiraSummary("Renewal\r\n  ACME\n\nCorp")).toBe("Renewal ACME Corp");
    expect(toJiraSummary("  plain  ")).toBe("plain");
  });

  it("cuts at 255 with an ellipsis, never splitting a surrogate pair", () => {
    const emoji = "😀".repeat(200); // 400 UTF-16 units
    const cut = toJiraSummary(emoji);
    expect(cut.length).toBeLessThanOrEqual(255);
    expect(cut.endsWith("…")).toBe(true);
    expect(LONE_SURROGATE.test(cut)).toBe(false);
    expect(toJiraSummary("a".repeat(255))).toBe("a".repeat(255));
    expect(toJiraSummary("a".repeat(256))).toBe(`${"a".repeat(254)}…`);
  });

  it("always yields a valid summary (property)", () => {
    const unit = fc.constantFrom("a", " ", "\n", "\r", "😀", "é", "\u2028", "中");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 400 }), (text) => {
        const out = toJiraSummary(text);
        expect(out.length).toBeLessThanOrEqual(255);
        expect(/[\r\n\u2028\u2029]/.test(out)).toBe(false);
        expect(LONE_SURROGATE.test(out)).toBe(false);
        const flat = text.replace(/[ \t]*(?:\r\n|[\r\n\u2028\u2029])+[ \t]*/g, " ").trim();
        if (flat.length <= 255) expect(out).toBe(flat);
        else expect(flat.startsWith(out.slice(0, -1))).toBe(true);
      }),
    );
  });
});
