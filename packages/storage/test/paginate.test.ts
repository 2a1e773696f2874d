import { type Page, type PageRequest, paginate } from "@kobik/storage";
import { describe, expect, it } from "vitest";

function pagesOf(all: number[]): {
  fetch: (req: PageRequest) => Promise<Page<number>>;
  requests: PageRequest[];
} {
  const requests: PageRequest[] = [];
  const fetch = async (req: PageRequest): Promise<Page<number>> => {
    requests.push(req);
    const start = req.pageToken ? Number(req.pageToken) : 0;
    const end = start + req.limit;
    return { items: all.slice(start, end), nextPageToken: end < all.length ? String(end) : null };
  };
  return { fetch, requests };
}

describe("paginate", () => {
  it("yields every item of every page in order, passing each page token on", async () => {
    const { fetch, requests } = pagesOf([1, 2, 3, 4, 5]);
    const seen: number[] = [];
    for await (const n of paginate(fetch, 2)) seen.push(n);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(requests).toEqual([
      { limit: 2, pageToken: null },
      { limit: 2, pageToken: "2" },
      { limit: 2, pageToken: "4" },
    ]);
  });

  it("fetches lazily: stopping early fetches no further page", async () => {
    const { fetch, requests } = pagesOf([1, 2, 3, 4, 5]);
    for await (const n of paginate(fetch, 2)) if (n === 2) break;
    expect(requests).toHaveLength(1);
  });

  it("yields nothing for an empty listing after one request", async () => {
    const { fetch, requests } = pagesOf([]);
    const seen: number[] = [];
    for await (const n of paginate(fetch, 10)) seen.push(n);
    expect(seen).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});
