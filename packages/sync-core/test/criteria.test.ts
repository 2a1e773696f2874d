import {
  type CrmCriteria,
  crmCriteriaFields,
  matchesCrmCriteria,
  parseCrmCriteria,
  parseSmartConnectedItem,
  prepareItem,
  printCrmCriteria,
} from "@kobik/sync-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { metadata, twoWayItem } from "./fixtures.js";

function parsed(text: string): CrmCriteria {
  const result = parseCrmCriteria(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function errorOf(text: string) {
  const result = parseCrmCriteria(text);
  if (result.ok) throw new Error(`"${text}" parsed`);
  return result.error;
}

describe("parseCrmCriteria", () => {
  it("parses conditions, connectives, nesting and escapes", () => {
    expect(parsed("(Stage:equals:Closed Won)")).toEqual({
      kind: "condition",
      field: "Stage",
      operator: "equals",
      values: ["Closed Won"],
    });
    expect(
      parsed(
        "((Stage:in:Qualification, Needs Analysis)or(Amount:between:10,20)) AND (Name:starts_with:A\\(B\\)\\,C)",
      ),
    ).toEqual({
      kind: "and",
      operands: [
        {
          kind: "or",
          operands: [
            {
              kind: "condition",
              field: "Stage",
              operator: "in",
              values: ["Qualification", "Needs Analysis"],
            },
            { kind: "condition", field: "Amount", operator: "between", values: ["10", "20"] },
          ],
        },
        { kind: "condition", field: "Name", operator: "starts_with", values: ["A(B),C"] },
      ],
    });
    // Values keep their colons (datetimes), and a group of one condition is that condition.
    expect(parsed("((Modified_Time:greater_than:2026-01-01T10:00:00+05:30))")).toMatchObject({
      field: "Modified_Time",
      values: ["2026-01-01T10:00:00+05:30"],
    });
  });

  it("refuses bad criteria with a code and the position at fault", () => {
    expect(errorOf("(Amount:bigger:5)")).toMatchObject({ code: "criteria-unknown-operator", position: 8 });
    expect(errorOf("(Amount:equals:5")).toMatchObject({ code: "criteria-syntax", position: 16 });
    expect(errorOf("Amount:equals:5")).toMatchObject({ code: "criteria-syntax", position: 0 });
    expect(errorOf("(A:equals:1)and(B:equals:2)or(C:equals:3)")).toMatchObject({
      code: "criteria-mixed-connectives",
      position: 27,
    });
    expect(errorOf("(Name:equals:Smith, Jones)")).toMatchObject({ code: "criteria-bad-value", position: 18 });
    expect(errorOf("(Name:equals:a(b)")).toMatchObject({ code: "criteria-bad-value", position: 14 });
    expect(errorOf("(Name:equals:a\\b)")).toMatchObject({ code: "criteria-bad-value", position: 14 });
    expect(errorOf("(Amount:between:5)")).toMatchObject({ code: "criteria-bad-value" });
    expect(errorOf("(Stage:in:a,,b)")).toMatchObject({ code: "criteria-bad-value", position: 12 });
    expect(errorOf("(1x:equals:5)")).toMatchObject({ code: "criteria-bad-field", position: 1 });
    expect(errorOf("(A:equals:1) (B:equals:2)")).toMatchObject({ code: "criteria-syntax", position: 13 });
    const eleven = Array.from({ length: 11 }, (_, i) => `(F${i}:equals:${i})`).join("and");
    expect(errorOf(eleven)).toMatchObject({ code: "criteria-too-many-conditions" });
    expect(errorOf("(Amount:bigger:5)").message).toContain("position 8");
  });
});

describe("matchesCrmCriteria", () => {
  const deal = {
    id: "1",
    Deal_Name: "Acme Renewal",
    Stage: "Negotiation/Review",
    Amount: 2500,
    Closing_Date: "2026-12-31",
    Modified_Time: "2026-11-22T15:30:00+05:30",
    Account_Name: { id: "900", name: "Acme, Inc." },
    Tags: ["vip", "renewal"],
    Description: null,
    Hot: true,
  };
  const cases: [string, boolean][] = [
    ["(Stage:equals:negotiation/review)", true],
    ["(Stage:not_equal:Closed Won)", true],
    ["(Deal_Name:starts_with:acme)", true],
    ["(Stage:in:Qualification,Negotiation/Review)", true],
    ["(Amount:greater_than:2500)", false],
    ["(Amount:greater_equal:2500)", true],
    ["(Amount:less_than:2500.5)", true],
    ["(Amount:between:1000,2500)", true],
    ["(Amount:equals:2500.00)", true],
    ["(Closing_Date:less_equal:2026-12-31)", true],
    ["(Closing_Date:greater_than:2026-12-31)", false],
    // Same instant in another offset.
    ["(Modified_Time:equals:2026-11-22T10:00:00Z)", true],
    ["(Modified_Time:greater_than:2026-11-22T10:00:00+00:00)", false],
    ["(Account_Name:equals:900)", true],
    ["(Account_Name:equals:Acme\\, Inc.)", true],
    ["(Tags:equals:VIP)", true],
    ["(Tags:not_equal:vip)", false],
    ["(Description:equals:x)", false],
    ["(Description:not_equal:x)", true],
    ["(Missing:greater_than:1)", false],
    ["(Hot:equals:true)", true],
    ["(Deal_Name:greater_than:5)", false],
    ["((Stage:equals:Closed Won)or(Amount:greater_than:1000))and(Tags:equals:vip)", true],
    ["(Stage:equals:Closed Won)and(Amount:greater_than:1000)", false],
  ];
  it.each(cases)("%s -> %s", (text, expected) => {
    expect(matchesCrmCriteria(parsed(text), deal)).toBe(expected);
  });

  it("names the fields criteria read", () => {
    expect(
      crmCriteriaFields(parsed("((Stage:equals:A)or(Amount:less_than:3))and(Stage:not_equal:B)")),
    ).toEqual(["Stage", "Amount"]);
  });
});

const fieldName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/);
// Any text without surrounding whitespace (the parser trims), including every escapable character.
const value = fc
  .string({
    unit: fc.constantFrom("a", "Z", "0", " ", "(", ")", ",", "\\", ":", "/", "é"),
    minLength: 1,
    maxLength: 8,
  })
  .filter((v) => v.trim() === v && v !== "");
const condition: fc.Arbitrary<CrmCriteria> = fc.oneof(
  fc.record({
    kind: fc.constant("condition" as const),
    field: fieldName,
    operator: fc.constantFrom(
      "equals",
      "not_equal",
      "starts_with",
      "greater_than",
      "greater_equal",
      "less_than",
      "less_equal",
    ),
    values: fc.tuple(value),
  }),
  fc.record({
    kind: fc.constant("condition" as const),
    field: fieldName,
    operator: fc.constant("in" as const),
    values: fc.array(value, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant("condition" as const),
    field: fieldName,
    operator: fc.constant("between" as const),
    values: fc.tuple(value, value),
  }),
);
const criteria = fc.letrec<{ node: CrmCriteria }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    condition,
    fc.record({
      kind: fc.constantFrom("and" as const, "or" as const),
      operands: fc.array(tie("node"), { minLength: 2, maxLength: 3 }),
    }),
  ),
})).node;

function conditions(c: CrmCriteria): number {
  return c.kind === "condition" ? 1 : c.operands.reduce((n, o) => n + conditions(o), 0);
}

describe("printCrmCriteria", () => {
  it("round-trips through the parser", () => {
    fc.assert(
      fc.property(
        criteria.filter((c) => conditions(c) <= 10),
        (c) => {
          expect(parseCrmCriteria(printCrmCriteria(c))).toEqual({ ok: true, value: c });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("parseSmartConnectedItem: crm.criteria", () => {
  it("accepts valid criteria and reports bad criteria at crm.criteria", () => {
    const good = twoWayItem();
    expect(
      parseSmartConnectedItem(
        { ...good, crm: { module: "Deals", criteria: "(Stage:equals:Qualification)" } },
        { authMode: "app" },
      ).ok,
    ).toBe(true);
    const bad = parseSmartConnectedItem(
      { ...good, crm: { module: "Deals", criteria: "(Stage:equal:Qualification)" } },
      { authMode: "app" },
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0]).toMatchObject({ pathText: "crm.criteria", code: "criteria-unknown-operator" });
    expect(bad.issues[0]?.message).toContain("position 7");
  });
});

describe("prepareItem: crm.criteria", () => {
  function prepared(criteria: string) {
    const item = parseSmartConnectedItem(
      { ...twoWayItem(), crm: { module: "Deals", criteria } },
      { authMode: "app" },
    );
    if (!item.ok) throw new Error(JSON.stringify(item.issues));
    return prepareItem(item.value, metadata);
  }

  it("compiles the criteria into the prepared item's scope", () => {
    const result = prepared("(Amount:greater_than:100)");
    expect(result.ok && result.value.scope).toEqual({
      kind: "condition",
      field: "Amount",
      operator: "greater_than",
      values: ["100"],
    });
  });

  it("refuses criteria naming a field the module does not have", () => {
    const result = prepared("(Amount:greater_than:100)and(Amuont:less_than:5)");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ pathText: "crm.criteria", code: "criteria-unknown-field" }),
    ]);
    expect(result.issues[0]?.message).toContain('"Amuont"');
  });
});
