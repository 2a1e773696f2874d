import { adfToText, canonicalEquals, normaliseDecimal, readCanonical, textToAdf } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";

describe("normaliseDecimal", () => {
  it.each([
    ["10.50", "10.5"],
    ["-0", "0"],
    ["0.10", "0.1"],
    ["007", "7"],
    ["1e21", "1000000000000000000000"],
    ["1.5e-7", "0.00000015"],
    [".5", "0.5"],
    ["+3", "3"],
  ])("%s -> %s", (raw, expected) => {
    expect(normaliseDecimal(raw)).toBe(expected);
  });

  it("reads numbers without float noise", () => {
    expect(normaliseDecimal(0.1)).toBe("0.1");
    expect(normaliseDecimal(1e21)).toBe("1000000000000000000000");
    expect(normaliseDecimal(-0)).toBe("0");
  });

  it("rejects what is not a number", () => {
    expect(normaliseDecimal("12abc")).toBeUndefined();
    expect(normaliseDecimal(".")).toBeUndefined();
    expect(normaliseDecimal(Number.NaN)).toBeUndefined();
  });
});

describe("readCanonical", () => {
  it("normalises Zoho and Jira datetimes to the same UTC instant", () => {
    const zoho = readCanonical("2019-07-25T15:26:49+05:30", "datetime");
    const jira = readCanonical("2019-07-25T09:56:49.000+0000", "datetime");
    expect(zoho).toEqual({ kind: "datetime", value: "2019-07-25T09:56:49.000Z" });
    expect(jira).toEqual(zoho);
  });

  it("rejects impossible dates and malformed datetimes with a reason", () => {
    expect(readCanonical("2026-02-30", "date")).toEqual({
      kind: "unreadable",
      reason: expect.stringContaining("YYYY-MM-DD"),
    });
    expect(readCanonical("2024-02-29", "date")).toEqual({ kind: "date", value: "2024-02-29" });
    expect(readCanonical("2026-01-01T25:00:00Z", "datetime")).toHaveProperty("kind", "unreadable");
    expect(readCanonical("2026-01-01T10:00:00+0530", "datetime")).toEqual({
      kind: "datetime",
      value: "2026-01-01T04:30:00.000Z",
    });
  });

  it("trims text and treats empty text as null", () => {
    expect(readCanonical("  hi  ", "text")).toEqual({ kind: "text", value: "hi" });
    expect(readCanonical("   ", "text")).toEqual({ kind: "null" });
  });

  it("reads picklists by value from either side, with Zoho's -None- as null", () => {
    expect(readCanonical({ value: "Won", id: "1" }, "picklist")).toEqual({ kind: "picklist", value: "Won" });
    expect(readCanonical({ name: "High" }, "picklist")).toEqual({ kind: "picklist", value: "High" });
    expect(readCanonical("-None-", "picklist")).toEqual({ kind: "null" });
  });

  it("reads multi-selects as sorted sets", () => {
    expect(readCanonical(["b", "a", "b"], "multiselect")).toEqual({
      kind: "multiselect",
      values: ["a", "b"],
    });
    expect(readCanonical([{ value: "z" }, { value: "y" }], "multiselect")).toEqual({
      kind: "multiselect",
      values: ["y", "z"],
    });
    expect(readCanonical([], "multiselect")).toEqual({ kind: "null" });
  });

  it("reads users by lower-case email and refuses a user with a hidden email", () => {
    expect(readCanonical({ id: "1", name: "Ana", email: "Ana@Example.com" }, "user")).toEqual({
      kind: "user",
      email: "ana@example.com",
    });
    expect(readCanonical({ accountId: "x", emailAddress: "bo@example.com" }, "user")).toEqual({
      kind: "user",
      email: "bo@example.com",
    });
    expect(readCanonical({ accountId: "x" }, "user")).toHaveProperty("kind", "unreadable");
  });

  it("reads decimals from numbers and strings alike", () => {
    expect(readCanonical(1250.5, "decimal")).toEqual(readCanonical("1250.50", "decimal"));
  });

  it("reads ADF as plain text where text is expected", () => {
    expect(readCanonical(textToAdf("a\n\nb"), "text")).toEqual({ kind: "text", value: "a\n\nb" });
  });

  it("reuses a previous value that still stands for the raw value", () => {
    const previous = { kind: "datetime", value: "2026-01-01T00:00:00.000Z" } as const;
    expect(readCanonical("2026-01-01T05:30:00+05:30", "datetime", previous)).toBe(previous);
    expect(readCanonical("2026-01-01T05:31:00+05:30", "datetime", previous)).not.toBe(previous);
  });
});

describe("canonicalEquals", () => {
  it("compares by kind and value", () => {
    expect(canonicalEquals({ kind: "text", value: "a" }, { kind: "picklist", value: "a" })).toBe(false);
    expect(
      canonicalEquals(
        { kind: "multiselect", values: ["a", "b"] },
        { kind: "multiselect", values: ["a", "b"] },
      ),
    ).toBe(true);
    expect(canonicalEquals({ kind: "null" }, { kind: "null" })).toBe(true);
  });
});

describe("ADF", () => {
  it("joins blocks with new lines so headings do not run into paragraphs", () => {
    const doc = {
      type: "doc" as const,
      version: 1 as const,
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Title" }] },
        {
          type: "paragraph",
          content: [{ type: "text", text: "one" }, { type: "hardBreak" }, { type: "text", text: "two" }],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "item" }] }] },
          ],
        },
      ],
    };
    expect(adfToText(doc)).toBe("Title\none\ntwo\nitem");
  });

  it("round-trips plain text, blank lines included", () => {
    for (const text of ["a", "a\nb", "a\n\nb", "x\n\n\ny"]) expect(adfToText(textToAdf(text))).toBe(text);
    expect(textToAdf("a\n\nb").content[1]).toEqual({ type: "paragraph", content: [] });
  });
});
