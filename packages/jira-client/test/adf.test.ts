import {
  type AdfDocument,
  type AdfNode,
  adfToMarkdown,
  adfToText,
  markdownToAdf,
  textToAdf,
} from "@kobik/jira-client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// Characters that stress the markdown writer: every syntax character, spaces, astral symbols.
const unit = fc.constantFrom(
  "a",
  "b",
  " ",
  "*",
  "**",
  "[",
  "]",
  "(",
  ")",
  "\\",
  "-",
  "- ",
  "_",
  "#",
  "é",
  "😀",
  "\t",
);
const text = fc.string({ unit, minLength: 1, maxLength: 8 });
const href = fc.constantFrom(
  "https://example.com",
  "https://x.test/a_(b)",
  "mailto:a@b.c",
  "https://x.test/\\path",
);

type Segment =
  | { kind: "text"; text: string; strong: boolean; em: boolean; link: string | undefined }
  | { kind: "br" };

const segment: fc.Arbitrary<Segment> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("text" as const),
      text,
      strong: fc.boolean(),
      em: fc.boolean(),
      link: fc.option(href, { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "br" as const }) },
);

/** Canonical ADF for a run of segments: equal-mark neighbours merged, no double or trailing break. */
function inline(segments: Segment[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const s of segments) {
    if (s.kind === "br") {
      // Two breaks in a row are a blank line, which starts a new paragraph in markdown.
      if (out[out.length - 1]?.type !== "hardBreak") out.push({ type: "hardBreak" });
      continue;
    }
    const marks = [
      ...(s.strong ? [{ type: "strong" }] : []),
      ...(s.em ? [{ type: "em" }] : []),
      ...(s.link ? [{ type: "link", attrs: { href: s.link } }] : []),
    ];
    const last = out[out.length - 1];
    if (last?.type === "text" && JSON.stringify(last.marks ?? []) === JSON.stringify(marks))
      last.text += s.text;
    else out.push(marks.length ? { type: "text", text: s.text, marks } : { type: "text", text: s.text });
  }
  while (out[out.length - 1]?.type === "hardBreak") out.pop();
  return out;
}

const paragraph = fc.array(segment, { maxLength: 6 }).map((s) => ({ type: "paragraph", content: inline(s) }));
const list = fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => ({
  type: "bulletList",
  content: items.map((p) => ({ type: "listItem", content: [p] })),
}));
const subsetDoc: fc.Arbitrary<AdfDocument> = fc
  .array(fc.oneof({ weight: 3, arbitrary: paragraph }, { weight: 1, arbitrary: list }), { maxLength: 4 })
  .map((content): AdfDocument => ({ type: "doc", version: 1, content }))
  // "" reads back as an empty document, so a lone empty paragraph is outside the lossless subset.
  .filter((doc) => !(doc.content.length === 1 && doc.content[0]?.content?.length === 0));

describe("ADF markdown subset", () => {
  it("round-trips every document in the subset losslessly (property)", () => {
    fc.assert(
      fc.property(subsetDoc, (doc) => {
        expect(markdownToAdf(adfToMarkdown(doc))).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips any plain text without \\r through textToAdf/adfToText (property)", () => {
    const anyText = fc.string({
      unit: fc.constantFrom("a", " ", "\n", "*", "[", "-", "😀", "\\"),
      maxLength: 30,
    });
    fc.assert(fc.property(anyText, (s) => adfToText(textToAdf(s)) === s));
  });

  it("reads the documented syntax", () => {
    expect(markdownToAdf("Call **today**, *please*\nsee [site](https://x.test)\n\n- one\n- two")).toEqual({
      type: "doc",
      version: 1,
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Call " },
            { type: "text", text: "today", marks: [{ type: "strong" }] },
            { type: "text", text: ", " },
            { type: "text", text: "please", marks: [{ type: "em" }] },
            { type: "hardBreak" },
            { type: "text", text: "see " },
            { type: "text", text: "site", marks: [{ type: "link", attrs: { href: "https://x.test" } }] },
          ],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] },
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "two" }] }] },
          ],
        },
      ],
    });
  });

  it("keeps stray stars and brackets literal instead of inventing marks", () => {
    expect(adfToText(markdownToAdf("2 * 3 = 6 and [not a link] and a ** b"))).toBe(
      "2 * 3 = 6 and [not a link] and a ** b",
    );
    expect(markdownToAdf("")).toEqual({ type: "doc", version: 1, content: [] });
  });

  it("escapes text that would read back as syntax", () => {
    const doc = textToAdf("- not a list\n*not italic* [x](y) back\\slash");
    expect(adfToMarkdown(doc)).toBe("\\- not a list\n\\*not italic\\* \\[x\\](y) back\\\\slash");
    expect(markdownToAdf(adfToMarkdown(doc))).toEqual(doc);
  });
});

describe("ADF to text", () => {
  it("joins blocks with a blank line, breaks with \\n, lists with dashes, links with their URL", () => {
    const doc = markdownToAdf("a **b**\nc\n\n- [x](https://x.test)\n- [https://y.test](https://y.test)");
    expect(adfToText(doc)).toBe("a b\nc\n\n- x (https://x.test)\n- https://y.test");
  });

  it("renders nodes outside the subset as readable text and never throws", () => {
    const doc = {
      type: "doc",
      version: 1,
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Title" }] },
        {
          type: "paragraph",
          content: [
            { type: "mention", attrs: { id: "acc-1", text: "@Ann" } },
            { type: "text", text: " " },
            { type: "emoji", attrs: { shortName: ":smile:", text: "😄" } },
            { type: "text", text: " due " },
            { type: "date", attrs: { timestamp: "1767225600000" } },
            { type: "text", text: " " },
            { type: "inlineCard", attrs: { url: "https://card.test" } },
            { type: "status", attrs: { text: "BLOCKED", color: "red" } },
            {
              type: "text",
              text: "code",
              marks: [{ type: "code" }, { type: "textColor", attrs: { color: "#f00" } }],
            },
          ],
        },
        { type: "codeBlock", content: [{ type: "text", text: "x = 1" }] },
        { type: "panel", content: [{ type: "paragraph", content: [{ type: "text", text: "note" }] }] },
        {
          type: "orderedList",
          content: [
            {
              type: "listItem",
              content: [{ type: "paragraph", content: [{ type: "text", text: "first" }] }],
            },
          ],
        },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                {
                  type: "tableCell",
                  content: [{ type: "paragraph", content: [{ type: "text", text: "A" }] }],
                },
                {
                  type: "tableCell",
                  content: [{ type: "paragraph", content: [{ type: "text", text: "B" }] }],
                },
              ],
            },
          ],
        },
        {
          type: "mediaSingle",
          content: [{ type: "media", attrs: { id: "m", type: "file", alt: "shot.png" } }],
        },
        { type: "rule" },
        { type: "someFutureNode" },
      ],
    };
    expect(adfToText(doc)).toBe(
      "Title\n\n@Ann 😄 due 2026-01-01 https://card.testBLOCKEDcode\n\nx = 1\n\nnote\n\n1. first\n\nA | B\n\n(attachment: shot.png)\n\n---\n\n",
    );
    expect(adfToMarkdown(doc)).toContain("@Ann 😄 due 2026-01-01");
  });

  it("tolerates malformed input", () => {
    for (const bad of [
      null,
      undefined,
      42,
      "text",
      { type: "doc" },
      { type: "doc", content: [null, 3, { type: "paragraph", content: [{}] }] },
    ]) {
      expect(() => adfToText(bad)).not.toThrow();
      expect(() => adfToMarkdown(bad)).not.toThrow();
    }
    expect(adfToText([{ type: "paragraph", content: [{ type: "text", text: "bare" }] }])).toBe("bare");
  });

  it("turns \\r\\n into hard breaks and keeps extra blank lines as breaks", () => {
    expect(adfToText(textToAdf("a\r\nb"))).toBe("a\nb");
    expect(textToAdf("a\n\n\nb").content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "a" }] },
      { type: "paragraph", content: [{ type: "hardBreak" }, { type: "text", text: "b" }] },
    ]);
  });
});
