import { DEFAULT_JIRA_USERS, type JiraUser } from "@kobik/sandbox";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, dealsItem, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

/** Jira accounts for two of the seeded Zoho users (Ana and Jürgen), matched by email only. */
const ANA_JIRA = "712020:0a1b2c3d-0000-4000-8000-00000000b001";
const JUERGEN_JIRA = "712020:0a1b2c3d-0000-4000-8000-00000000b002";
const jiraUser = (accountId: string, email: string, displayName: string): JiraUser => ({
  accountId,
  email,
  displayName,
  apiToken: `ATATT-kobik-sandbox-${accountId.slice(-4)}-token`,
  active: true,
  access: "write",
});
const JIRA_USERS: JiraUser[] = [
  ...DEFAULT_JIRA_USERS,
  jiraUser(ANA_JIRA, "ana@kobik-sandbox.example.com", "Ana L. Ferreira"),
  // Different case than the CRM: emails match case-insensitively.
  jiraUser(JUERGEN_JIRA, "Juergen@Kobik-Sandbox.example.com", "Jürgen W."),
];

/** The deals item with the CRM owner mapped both ways to the Jira assignee. */
const ownerItem = () => {
  const base = dealsItem();
  return dealsItem({
    fieldMappings: [...base.fieldMappings!, { crmField: "Owner", jiraField: "assignee", direction: "both" }],
  });
};

async function crmUserIds(w: World): Promise<Map<string, string>> {
  const byEmail = new Map<string, string>();
  for await (const page of w.zoho.users.iterate({ type: "ActiveUsers" }))
    for (const user of page.items) if (user.email) byEmail.set(user.email, user.id);
  return byEmail;
}

function assignee(w: World, key: string): string | null {
  const fields = (w.jiraSim.inspect.issue(key) as { fields: Record<string, unknown> }).fields;
  return (fields.assignee as { accountId?: string } | null)?.accountId ?? null;
}

function owner(w: World, recordId: string): { id: string; email: string } | null {
  return (w.zohoSim.inspect.record("Deals", recordId)?.Owner as { id: string; email: string } | null) ?? null;
}

const ANA = "ana@kobik-sandbox.example.com";
const JUERGEN = "juergen@kobik-sandbox.example.com";
/** Active in the CRM, no Jira account. */
const PRIYA = "priya@kobik-sandbox.example.com";
/** A Jira account (DEFAULT_JIRA_USERS[1], dev@...) with no CRM user. */
const DEV_JIRA = DEFAULT_JIRA_USERS[1]!.accountId;
const DEV_EMAIL = DEFAULT_JIRA_USERS[1]!.email.toLowerCase();

/** A world with the owner mapping and one deal owned by `ownerEmail`, synced once. */
async function linkedDeal(ownerEmail: string) {
  world = await startWorld({ item: ownerItem(), jira: { users: JIRA_USERS } });
  const crmUsers = await crmUserIds(world);
  const deal = createDeal(world, "Acme renewal", { Owner: crmUsers.get(ownerEmail) });
  const first = await world.engine.runCycle(world.itemId);
  expect(first.outcome).toBe("succeeded");
  return { deal, key: await issueKeyOf(world, deal), crmUsers };
}

/** The `user.unresolved` audit events of a run. */
async function unresolvedEvents(runId: string) {
  const audit = await world.store.audit.list({ by: "run", runId }, { limit: 100 });
  return audit.items.filter((e) => e.action === "user.unresolved");
}

/** Runs a cycle after some time passed and expects it to succeed. */
async function cycle() {
  later(world);
  const result = await world.engine.runCycle(world.itemId);
  expect(result.outcome).toBe("succeeded");
  expect(result.counts.failed).toBe(0);
  return result;
}

describe("user fields by email (CRM Owner <-> Jira assignee)", () => {
  it("assigns the issue to the Jira account with the CRM owner's email, on create and on update", async () => {
    const { deal, key, crmUsers } = await linkedDeal(ANA);
    expect(assignee(world, key)).toBe(ANA_JIRA);

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Owner: crmUsers.get(JUERGEN) });
    const toJira = await cycle();
    expect(toJira.counts.updated).toBe(1);
    // The Jira account's email differs in case only.
    expect(assignee(world, key)).toBe(JUERGEN_JIRA);
    expect(owner(world, deal)?.email).toBe(JUERGEN);

    const quiet = await cycle();
    expect(quiet.counts.updated).toBe(0);
    expect(assignee(world, key)).toBe(JUERGEN_JIRA);
  });

  it("sets the CRM owner to the CRM user with the new Jira assignee's email", async () => {
    const { deal, key, crmUsers } = await linkedDeal(ANA);

    later(world);
    world.jiraSim.person.editIssue(key, { assignee: { accountId: JUERGEN_JIRA } });
    const toCrm = await cycle();
    expect(toCrm.counts.updated).toBe(1);
    expect(owner(world, deal)?.id).toBe(crmUsers.get(JUERGEN));
    expect(owner(world, deal)?.email).toBe(JUERGEN);

    const quiet = await cycle();
    expect(quiet.counts.updated).toBe(0);
    expect(assignee(world, key)).toBe(JUERGEN_JIRA);
    expect(owner(world, deal)?.id).toBe(crmUsers.get(JUERGEN));
  });

  it("leaves the Jira assignee as it was for a CRM owner with no Jira account, and says so", async () => {
    const { deal, key, crmUsers } = await linkedDeal(ANA);

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Owner: crmUsers.get(PRIYA) });
    const result = await cycle();
    // Not written at all: null would clear the assignee (and then bounce back to the CRM owner).
    expect(assignee(world, key)).toBe(ANA_JIRA);
    expect(result.counts.updated).toBe(0);
    expect(result.counts.skipped.reasons["user-unresolved"]).toBe(1);
    const issueId = (world.jiraSim.inspect.issue(key) as { id: string }).id;
    expect(await unresolvedEvents(result.runId!)).toEqual([
      expect.objectContaining({
        link: { jiraIssueId: issueId, crmRecordId: deal },
        reason: expect.stringContaining(`no Jira user has the email ${PRIYA}`),
        changes: [
          { field: "assignee", from: { kind: "user", email: ANA }, to: { kind: "user", email: PRIYA } },
        ],
      }),
    ]);
  });

  it("keeps the CRM owner when that owner has no Jira account, warning every cycle it is planned", async () => {
    const { deal, key, crmUsers } = await linkedDeal(ANA);

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Owner: crmUsers.get(PRIYA) });
    await cycle();
    await cycle();
    expect(owner(world, deal)?.email).toBe(PRIYA);
    expect(assignee(world, key)).toBe(ANA_JIRA);

    // The base kept the old owner: the change is still pending and planned again when the pair is synced.
    const again = await world.engine.syncLink(world.itemId, key);
    expect(again.outcome).toBe("succeeded");
    expect(again.counts.skipped.reasons["user-unresolved"]).toBe(1);
    expect(owner(world, deal)?.email).toBe(PRIYA);
    expect(assignee(world, key)).toBe(ANA_JIRA);
  });

  it("keeps a Jira assignee who has no CRM user", async () => {
    const { deal, key } = await linkedDeal(ANA);

    later(world);
    world.jiraSim.person.editIssue(key, { assignee: { accountId: DEV_JIRA } });
    const result = await cycle();
    expect(result.counts.skipped.reasons["user-unresolved"]).toBe(1);
    const [event] = await unresolvedEvents(result.runId!);
    expect(event?.reason).toContain(`no CRM user has the email ${DEV_EMAIL}`);
    expect(event?.changes).toEqual([
      { field: "Owner", from: { kind: "user", email: ANA }, to: { kind: "user", email: DEV_EMAIL } },
    ]);
    await cycle();
    expect(assignee(world, key)).toBe(DEV_JIRA);
    expect(owner(world, deal)?.email).toBe(ANA);
  });

  it("auto-creates the issue without the assignee when the CRM owner has no Jira account", async () => {
    world = await startWorld({ item: ownerItem(), jira: { users: JIRA_USERS } });
    const crmUsers = await crmUserIds(world);
    const deal = createDeal(world, "Priya's deal", { Owner: crmUsers.get(PRIYA) });
    const first = await world.engine.runCycle(world.itemId);
    expect(first.outcome).toBe("succeeded");
    expect(first.counts.created).toBe(1);
    expect(first.counts.skipped.reasons["user-unresolved"]).toBeGreaterThanOrEqual(1);
    const key = await issueKeyOf(world, deal);
    expect(assignee(world, key)).toBeNull();
    expect((await unresolvedEvents(first.runId!))[0]?.reason).toContain(
      `no Jira user has the email ${PRIYA}`,
    );

    await cycle();
    await cycle();
    expect(owner(world, deal)?.email).toBe(PRIYA);
    expect(assignee(world, key)).toBeNull();
  });
});
