import { createJiraSimulator, createZohoCrmSimulator } from "@kobik/sandbox";
import { afterEach, describe, expect, it } from "vitest";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe("seed data", () => {
  it("is deterministic from the seed and varied (unicode, long texts, empty fields)", async () => {
    const opts = {
      serve: { kind: "msw-only" } as const,
      clock: { kind: "manual", start: "2026-11-22T10:00:00Z" } as const,
      records: { Leads: 200 },
      seed: 7,
    };
    const a = await createZohoCrmSimulator(opts);
    const b = await createZohoCrmSimulator(opts);
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const records = (sim: typeof a) =>
      sim.inspect.recordIds("Leads").map((id) => sim.inspect.record("Leads", id));
    expect(records(a)).toEqual(records(b));
    const leads = records(a);
    expect(leads.some((r) => [...String(r?.Last_Name)].some((c) => c.charCodeAt(0) > 127))).toBe(true);
    expect(leads.some((r) => String(r?.Description ?? "").length > 1000)).toBe(true);
    expect(leads.some((r) => r?.Email === null)).toBe(true);
  });

  it("fills every polling-ready module, lookups pointing at real records", async () => {
    const zoho = await createZohoCrmSimulator({ serve: { kind: "msw-only" }, records: 5 });
    cleanups.push(() => zoho.close());
    for (const m of ["Leads", "Contacts", "Accounts", "Deals", "Quotes", "Appointments__s", "Services__s"])
      expect(zoho.inspect.recordIds(m)).toHaveLength(5);
    const quote = zoho.inspect.record("Quotes", zoho.inspect.recordIds("Quotes")[0]!);
    expect(zoho.inspect.recordIds("Accounts")).toContain((quote!.Account_Name as { id: string }).id);
  });

  it("generates Jira issues per project with valid ADF", async () => {
    const jira = await createJiraSimulator({ serve: { kind: "msw-only" }, issuesPerProject: 10 });
    cleanups.push(() => jira.close());
    expect(jira.inspect.issueKeys()).toHaveLength(20);
    expect(jira.inspect.issue("OPS-10")).toMatchObject({ key: "OPS-10" });
  });
});
