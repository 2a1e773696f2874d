import { copyJson, InvalidInputError } from "@kobik/storage";
import { describe, expect, it } from "vitest";

describe("copyJson", () => {
  it("deep-copies plain JSON so the copy shares no objects with the input", () => {
    const input = { a: [1, "two", true, null, { b: { c: [] } }] };
    const copy = copyJson(input, "value");
    expect(copy).toEqual(input);
    expect(copy.a).not.toBe(input.a);
    expect(copy.a[4]).not.toBe(input.a[4]);
  });

  it("drops object properties that are undefined, as JSON.stringify does", () => {
    expect(copyJson({ kept: 1, gone: undefined }, "value")).toEqual({ kept: 1 });
    expect(Object.keys(copyJson({ kept: 1, gone: undefined }, "value"))).toEqual(["kept"]);
  });

  it("accepts objects without a prototype", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { x: 1 });
    expect(copyJson(bare, "value")).toEqual({ x: 1 });
  });

  it.each([
    ["value.n", { n: Number.NaN }],
    ["value.n", { n: Number.NEGATIVE_INFINITY }],
    ["value.list[1]", { list: [1, undefined] }],
    ["value.at", { at: new Date(0) }],
    ["value.m", { m: new Map() }],
    ["value.f", { f: () => 1 }],
    ["value.big", { big: 10n }],
    ["value.s", { s: Symbol("x") }],
    ["value", undefined],
  ])("refuses what JSON cannot carry, naming %s", (field, input) => {
    let caught: unknown;
    try {
      copyJson(input, "value");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect(caught).toMatchObject({ code: "INVALID_INPUT", field });
  });
});
