import { createJiraSimulator, type JiraSimulator } from "@kobik/sandbox";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The loopback mount writes response bodies straight to the socket; the msw mount hands msw a
// standard Response. Both must answer the same bytes, status and headers for the same request.
const options = { clock: { kind: "manual", start: "2026-11-22T10:00:00Z" }, issuesPerProject: 3 } as const;

interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  length: string | null;
  text: string;
}

const cases: { path: (attachment: string) => string; before?: (sim: JiraSimulator) => void }[] = [
  { path: () => "/rest/api/3/project/OPS" },
  { path: () => "/rest/api/3/issue/KOB-999" },
  { path: () => "/rest/api/3/myself", before: (sim) => sim.faults.queue({ kind: "rateLimited" }) },
  { path: (attachment) => `/rest/api/3/attachment/content/${attachment}` },
];

async function ask(sim: JiraSimulator, base: string): Promise<Answer[]> {
  // Non-ASCII content, so a length counted in characters instead of bytes would show.
  const attachment = sim.person.addAttachment("KOB-1", "ünï.txt", "héllo wörld ✓");
  const out: Answer[] = [];
  for (const { path, before } of cases) {
    before?.(sim);
    const res = await fetch(`${base}${path(attachment)}`, { headers: { authorization: sim.basicAuth() } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    out.push({
      status: res.status,
      type: res.headers.get("content-type"),
      retryAfter: res.headers.get("retry-after"),
      length: res.headers.get("content-length"),
      text: new TextDecoder().decode(bytes).replaceAll(base, "<base>"),
    });
    if (res.headers.has("content-length"))
      expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
  }
  return out;
}

describe("loopback and msw mounts", () => {
  const server = setupServer();
  const sims: JiraSimulator[] = [];
  let loopback: Answer[];
  let inProcess: Answer[];
  beforeAll(async () => {
    const a = await createJiraSimulator(options);
    const b = await createJiraSimulator({ ...options, serve: { kind: "msw-only" } });
    sims.push(a, b);
    // Loopback first: once msw listens it intercepts every fetch, the loopback origin included.
    loopback = await ask(a, a.url!);
    server.use(...b.handlers);
    server.listen({ onUnhandledFrame: "error" });
    inProcess = await ask(b, b.siteUrl);
  });
  afterAll(async () => {
    server.close();
    await Promise.all(sims.map((s) => s.close()));
  });

  it("answers JSON with a byte-exact content-length on loopback", () => {
    const [project] = loopback;
    expect(project).toMatchObject({ status: 200, type: "application/json;charset=UTF-8" });
    expect(project?.text).toContain("Operations Ünïcode");
    expect(Number(project?.length)).toBe(
      Buffer.byteLength(project?.text.replaceAll("<base>", sims[0]!.url!) ?? ""),
    );
  });

  it("answers the same status, headers and body through both mounts", () => {
    expect(loopback.map((a) => a.status)).toEqual([200, 404, 429, 200]);
    expect(loopback[2]?.retryAfter).toBe("2");
    expect(loopback[3]?.text).toBe("héllo wörld ✓");
    const comparable = (answers: Answer[]) => answers.map(({ length: _, ...rest }) => rest);
    expect(comparable(inProcess)).toEqual(comparable(loopback));
  });
});
