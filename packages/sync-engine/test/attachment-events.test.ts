import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, dealsItem, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

const verified = { signatureVerified: true };

function crmFiles(w: World, deal: string): string[] {
  return w.zohoSim.inspect
    .attachments("Deals", deal)
    .map((a) => a.fileName)
    .sort();
}

async function linkedDeal(w: World): Promise<{ deal: string; key: string; issueId: string }> {
  const deal = createDeal(w, "Attached");
  await w.engine.runCycle(w.itemId);
  const link = await w.store.links.getByCrmRecord(w.itemId, deal);
  later(w);
  return { deal, key: await issueKeyOf(w, deal), issueId: link!.jira.issueId };
}

describe("Jira attachment_created events", () => {
  it("copies the new file to the CRM record, finding the issue the admin webhook does not name", async () => {
    world = await startWorld();
    const { deal, key } = await linkedDeal(world);
    const attachmentId = world.jiraSim.person.addAttachment(key, "signed.pdf", "%PDF signed");
    // What Jira's admin webhook sends: the attachment alone, no issue.
    const pushed = await world.engine.handleJiraEvent(
      {
        timestamp: world.clock.now(),
        webhookEvent: "attachment_created",
        attachment: {
          id: Number(attachmentId),
          filename: "signed.pdf",
          size: 11,
          mimeType: "application/pdf",
        },
      },
      verified,
    );
    expect(pushed.results).toHaveLength(1);
    expect(pushed.results[0]).toMatchObject({ trigger: "push", outcome: "succeeded" });
    expect(pushed.results[0]?.counts.attachments).toBe(1);
    expect(crmFiles(world, deal)).toEqual(["signed.pdf"]);
  });

  it("uses attachment.issueId when the delivery carries it (Forge's attachment event)", async () => {
    world = await startWorld();
    const { deal, key, issueId } = await linkedDeal(world);
    const attachmentId = world.jiraSim.person.addAttachment(key, "photo.png", "PNG");
    world.jiraSim.inspect.resetCalls();
    const pushed = await world.engine.handleJiraEvent(
      {
        timestamp: world.clock.now(),
        webhookEvent: "attachment_created",
        attachment: { id: attachmentId, issueId, fileName: "photo.png", size: 3 },
      },
      verified,
    );
    expect(pushed.results[0]?.counts.attachments).toBe(1);
    expect(crmFiles(world, deal)).toEqual(["photo.png"]);
    // The issue was named: one search (the per-link read by id), none for the attachment's issue.
    expect(world.jiraSim.inspect.calls()["search.jql"]).toBe(1);
  });

  it("runs nothing for items without attachment sync, or when the issue cannot be found", async () => {
    world = await startWorld({
      item: dealsItem({
        features: {
          autoCreate: true,
          statusSync: true,
          notesSync: true,
          attachmentSync: false,
          noteDeletions: "record",
        },
      }),
    });
    const { deal, key } = await linkedDeal(world);
    const attachmentId = world.jiraSim.person.addAttachment(key, "ignored.txt", "x");
    const ignored = await world.engine.handleJiraEvent(
      { timestamp: world.clock.now(), webhookEvent: "attachment_created", attachment: { id: attachmentId } },
      verified,
    );
    expect(ignored.results).toEqual([]);
    expect(crmFiles(world, deal)).toEqual([]);
    await world.close();

    world = await startWorld();
    const unknown = await world.engine.handleJiraEvent(
      { timestamp: world.clock.now(), webhookEvent: "attachment_created", attachment: { id: "99999" } },
      verified,
    );
    expect(unknown).toEqual({ event: "attachment_created", results: [], unlinked: [] });
  });
});
