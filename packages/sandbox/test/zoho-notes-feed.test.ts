import { afterEach, describe, expect, it } from "vitest";
import { body, zohoWithToken } from "./zoho-helpers.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function setup() {
  const ctx = await zohoWithToken({ records: { Deals: 2 } });
  close = () => ctx.zoho.close();
  return ctx;
}

const FIELDS = "fields=Note_Content,Modified_Time,Parent_Id";

describe("Zoho org-wide notes feed (GET /Notes)", () => {
  it("If-Modified-Since returns notes modified strictly after that second, sorted as asked", async () => {
    const { zoho, api } = await setup();
    const [a, b] = zoho.inspect.recordIds("Deals");
    const old = zoho.person.addNote("Deals", a!, "old note");
    zoho.clock.advance(5000);
    const since = new Date(zoho.clock.now()).toISOString();
    zoho.clock.advance(1000);
    const first = zoho.person.addNote("Deals", b!, "first new");
    zoho.clock.advance(1000);
    const second = zoho.person.addNote("Deals", a!, "second new");
    const res = await api(`/Notes?${FIELDS}&sort_by=Modified_Time&sort_order=asc`, {
      headers: { "If-Modified-Since": since },
    });
    expect(res.status).toBe(200);
    const ids = (await body(res)).data.map((n: { id: string }) => n.id);
    expect(ids).toEqual([first, second]);
    expect(ids).not.toContain(old);

    const desc = await api(`/Notes?${FIELDS}&sort_by=Modified_Time&sort_order=desc`, {
      headers: { "If-Modified-Since": since },
    });
    expect((await body(desc)).data.map((n: { id: string }) => n.id)).toEqual([second, first]);
  });

  it("answers 304 when no note changed after If-Modified-Since", async () => {
    const { zoho, api } = await setup();
    const [a] = zoho.inspect.recordIds("Deals");
    zoho.person.addNote("Deals", a!, "before");
    zoho.clock.advance(2000);
    const since = new Date(zoho.clock.now()).toISOString();
    const res = await api(`/Notes?${FIELDS}`, { headers: { "If-Modified-Since": since } });
    expect(res.status).toBe(304);
  });

  it("pages ties on the same second by id without overlap", async () => {
    const { zoho, api } = await setup();
    const [a] = zoho.inspect.recordIds("Deals");
    const made = [0, 1, 2, 3, 4].map((i) => zoho.person.addNote("Deals", a!, `note ${i}`));
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await api(`/Notes?${FIELDS}&sort_by=Modified_Time&sort_order=asc&per_page=2&page=${page}`);
      seen.push(...(await body(res)).data.map((n: { id: string }) => n.id));
    }
    expect(seen).toEqual(made);
  });

  it("refuses an unknown sort_by and a malformed If-Modified-Since", async () => {
    const { api } = await setup();
    const bad = await api(`/Notes?${FIELDS}&sort_by=Note_Title`);
    expect(bad.status).toBe(400);
    expect((await body(bad)).details).toEqual({ param: "sort_by" });
    const header = await api(`/Notes?${FIELDS}`, { headers: { "If-Modified-Since": "yesterday" } });
    expect(header.status).toBe(400);
  });
});
