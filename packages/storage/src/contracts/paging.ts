/** One page of a listing. `nextPageToken` is opaque and `null` on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextPageToken: string | null;
}

/** A page request: at most `limit` items (1..1000), after the page that returned `pageToken`. */
export interface PageRequest {
  readonly limit: number;
  readonly pageToken?: string | null;
}

/**
 * Walks every page of a listing as an async iterator, one page in memory at a time, so a caller can
 * checkpoint per page instead of loading a whole table.
 *
 * @example
 * for await (const link of paginate((req) => store.links.listByItem("item-1", req), 100)) {
 *   console.log(link.jira.issueKey);
 * }
 */
export async function* paginate<T>(
  fetchPage: (request: PageRequest) => Promise<Page<T>>,
  pageSize: number,
): AsyncGenerator<T, void, undefined> {
  let pageToken: string | null = null;
  do {
    const page: Page<T> = await fetchPage({ limit: pageSize, pageToken });
    yield* page.items;
    pageToken = page.nextPageToken;
  } while (pageToken !== null);
}
