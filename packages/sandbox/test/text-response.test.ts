import { describe, expect, it } from "vitest";
import { json, TextResponse } from "../src/core/http.js";

// TextResponse is internal (handlers build it through `json()`), but anything in-process may read
// it like any Response: it must give the same answers a standard Response with that body gives.
describe("TextResponse", () => {
  const body = { name: "Ünïcode ✓", n: 1 };

  it("reads like a standard Response through every body method", async () => {
    const make = () => json(201, body, { "x-extra": "1" });
    const standard = (make() as TextResponse).toStandard();
    expect(make()).toBeInstanceOf(Response);
    expect(await make().text()).toBe(await standard.clone().text());
    expect(await make().json()).toEqual(body);
    expect(new Uint8Array(await make().arrayBuffer())).toEqual(
      new Uint8Array(await standard.clone().arrayBuffer()),
    );
    expect(await make().bytes()).toEqual(await standard.clone().bytes());
    const [ours, theirs] = [await make().blob(), await standard.clone().blob()];
    expect([ours.type, await ours.text()]).toEqual([theirs.type, await theirs.text()]);
    expect(await new Response(make().body).text()).toBe(JSON.stringify(body));
    expect(make().bodyUsed).toBe(false);
  });

  it("keeps status and headers in clones and standard copies", async () => {
    const original = json(429, { errorMessages: [] }, { "retry-after": "2" }) as TextResponse;
    for (const copy of [original.clone(), original.toStandard()]) {
      expect(copy.status).toBe(429);
      expect(copy.headers.get("retry-after")).toBe("2");
      expect(copy.headers.get("content-type")).toBe("application/json;charset=UTF-8");
      expect(await copy.json()).toEqual({ errorMessages: [] });
    }
    expect(original.clone()).toBeInstanceOf(TextResponse);
  });
});
