import { createJiraClient, type JiraClientOptions } from "@kobik/jira-client";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const SITE = "https://example.atlassian.net";
export const API = `${SITE}/rest/api/3`;
export const TOKEN = "ATATT-test-token-0123456789";

/** One msw server per test file, failing on any request no handler expects (msw 3: `onUnhandledFrame`). */
export function useServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A basic-auth client whose waits are recorded instead of slept, so retries run instantly. */
export function testClient(extra: Partial<JiraClientOptions> = {}) {
  const waits: number[] = [];
  const jira = createJiraClient({
    auth: { kind: "basic", email: "bot@example.com", apiToken: TOKEN },
    baseUrl: SITE,
    random: () => 0,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { jira, waits };
}

/** Answers with each response in turn, repeating the last one. */
export function sequence(...responses: Array<() => Response>) {
  let i = 0;
  return () => responses[Math.min(i++, responses.length - 1)]!();
}

/** Collects an async iterable (tests only: production code streams). */
export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
