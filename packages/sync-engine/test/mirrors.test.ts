import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDeal, issueKeyOf, later, startWorld, type World } from "./harness.js";
import { expectNoSecretsInLogs } from "./secrets.js";

let world: World;
afterEach(async () => world?.close());
afterAll(() => expectNoSecretsInLogs());

interface IssueView {
  fields: {
    comment?: { comments: { id: string; body: unknown }[] };
    attachment?: { filename: string; size: number }[];
  };
}

function issueOf(w: World, key: string): IssueView {
  return w.jiraSim.inspect.issue(key) as unknown as IssueView;
}

function commentTexts(w: World, key: string): string[] {
  return (issueOf(w, key).fields.comment?.comments ?? []).map((c) => JSON.stringify(c.body));
}

describe("notes and comments", () => {
  it("mirrors notes to comments and comments to notes, once each, without echo", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Soylent");
    world.zohoSim.person.addNote("Deals", deal, "Budget approved", { title: "Budget" });
    await world.engine.runCycle(world.itemId);
    const key = await issueKeyOf(world, deal);
    expect(commentTexts(world, key)).toHaveLength(1);
    expect(commentTexts(world, key)[0]).toContain("Budget approved");

    later(world);
    world.jiraSim.person.addComment(key, "Legal review booked");
    const back = await world.engine.runCycle(world.itemId);
    expect(back.counts.notes).toBe(1);
    const notes = world.zohoSim.inspect.notes("Deals", deal).map((n) => String(n.Note_Content));
    expect(notes.filter((n) => n.includes("Legal review booked"))).toHaveLength(1);

    later(world);
    world.zohoSim.person.addNote("Deals", deal, "Second call done");
    const again = await world.engine.runCycle(world.itemId);
    expect(again.counts.comments).toBe(1);
    later(world);
    const quiet = await world.engine.runCycle(world.itemId);
    expect(quiet.counts.notes + quiet.counts.comments).toBe(0);
    expect(commentTexts(world, key)).toHaveLength(3);
    expect(world.zohoSim.inspect.notes("Deals", deal)).toHaveLength(3);
  });
});

describe("attachments", () => {
  it("copies attachments both ways and skips files over 10 MB with a recorded reason", async () => {
    world = await startWorld({
      zoho: { attachmentLimitBytes: 30 * 1024 * 1024 },
      jira: { uploadLimit: 30 * 1024 * 1024 },
    });
    const deal = createDeal(world, "Tyrell");
    world.zohoSim.person.addAttachment("Deals", deal, "proposal.pdf", "%PDF-1.7 proposal");
    world.zohoSim.person.addAttachment("Deals", deal, "huge-crm.bin", new Uint8Array(10 * 1024 * 1024 + 1));
    const first = await world.engine.runCycle(world.itemId);
    const key = await issueKeyOf(world, deal);
    expect(issueOf(world, key).fields.attachment?.map((a) => a.filename)).toEqual(["proposal.pdf"]);
    expect(first.counts.skipped.reasons["attachment-too-large"]).toBe(1);

    later(world);
    world.jiraSim.person.addAttachment(key, "screenshot.png", "PNG bytes");
    world.jiraSim.person.addAttachment(key, "huge-jira.bin", new Uint8Array(10 * 1024 * 1024 + 1));
    const second = await world.engine.runCycle(world.itemId);
    expect(second.counts.attachments).toBe(1);
    expect(second.counts.skipped.reasons["attachment-too-large"]).toBeGreaterThanOrEqual(1);
    const crmFiles = world.zohoSim.inspect
      .attachments("Deals", deal)
      .map((a) => a.fileName)
      .sort();
    expect(crmFiles).toEqual(["huge-crm.bin", "proposal.pdf", "screenshot.png"]);

    later(world);
    const quiet = await world.engine.runCycle(world.itemId);
    expect(quiet.counts.attachments).toBe(0);
    expect(issueOf(world, key).fields.attachment).toHaveLength(3);
  });
});
