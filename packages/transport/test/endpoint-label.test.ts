import { defaultEndpointLabel } from "@kobik/transport";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

// The label is worked out from `Request.url` without a URL parse; it must match the parsed path.
function reference(request: Request): string {
  const path = new URL(request.url).pathname
    .split("/")
    .map((seg) => (/^\d{3,}$/.test(seg) || /^[A-Z][A-Z0-9_]+-\d+$/.test(seg) ? "{id}" : seg))
    .join("/");
  return `${request.method} ${path}`;
}

describe("defaultEndpointLabel", () => {
  it("folds record ids and issue keys and drops query and fragment", () => {
    const label = (url: string, method = "GET") => defaultEndpointLabel(new Request(url, { method }));
    expect(label("https://www.zohoapis.com/crm/v8/Leads/4876876000000327001?fields=Email")).toBe(
      "GET /crm/v8/Leads/{id}",
    );
    expect(label("https://acme.atlassian.net/rest/api/3/issue/KOB-12#top", "PUT")).toBe(
      "PUT /rest/api/3/issue/{id}",
    );
    expect(label("http://127.0.0.1:8080?x=1")).toBe("GET /");
    expect(label("http://127.0.0.1:8080/a#b?c")).toBe("GET /a");
  });

  it("matches the path a URL parser reads, for any URL", () => {
    const segment = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_.~%-]{0,12}$/),
      fc.stringMatching(/^\d{1,20}$/),
      fc.stringMatching(/^[A-Z][A-Z0-9_]{1,5}-\d{1,4}$/),
      fc.constantFrom("..", ".", "ü ñ", "a b", "%2F"),
    );
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.array(segment, { maxLength: 6 }),
        fc.constantFrom("GET", "POST", "DELETE"),
        (base, segments, method) => {
          const url = new URL(base);
          url.pathname = `/${segments.join("/")}`;
          const request = new Request(url, { method });
          expect(defaultEndpointLabel(request)).toBe(reference(request));
        },
      ),
      { numRuns: 500 },
    );
  });
});
