import { JIRA_SANDBOX_CREDENTIALS } from "@kobik/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { ALL_LOG_LINES, ALL_SECRETS, createDeal, later, startWorld, type World } from "./harness.js";

let world: World;
afterEach(async () => world?.close());

describe("structured logs", () => {
  it("never contain a token, secret or API key, even when auth fails", async () => {
    world = await startWorld();
    const deal = createDeal(world, "Loggy");
    world.zohoSim.person.addNote("Deals", deal, "A note");
    await world.engine.runCycle(world.itemId);

    later(world);
    world.zohoSim.person.editRecord("Deals", deal, { Description: "changed" });
    world.zohoSim.faults.revokeTokens();
    const zohoDown = await world.engine.runCycle(world.itemId);
    expect(zohoDown.stop).toMatchObject({ kind: "reconnect-required", service: "crm" });

    await world.reconnect();
    await world.engine.clearReconnectRequired();
    world.jiraSim.faults.revokeApiToken(JIRA_SANDBOX_CREDENTIALS.email);
    const jiraDown = await world.engine.runCycle(world.itemId);
    expect(jiraDown.stop).toMatchObject({ kind: "reconnect-required", service: "jira" });
    await world.engine
      .handleZohoNotification({
        server_time: 1,
        module: "Deals",
        operation: "update",
        channel_id: "1",
        token: "x",
        ids: ["1"],
      })
      .catch(() => undefined);
    await world.close();

    const lines = ALL_LOG_LINES.map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.some((l) => l.msg === "sync.run-stopped")).toBe(true);
    expect(ALL_SECRETS.size).toBeGreaterThanOrEqual(4);
    for (const secret of [...ALL_SECRETS, "kobik-channel-token-0001"]) {
      const leaks = ALL_LOG_LINES.filter((line) => line.includes(secret));
      expect(leaks, `a log line contains a secret of ${secret.length} characters`).toEqual([]);
    }
  });
});
