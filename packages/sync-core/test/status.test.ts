import { emptyLinkBase, type LinkBase } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { planFor, twoWayItem } from "./fixtures.js";

const statusMapping = {
  crmField: "Stage",
  pairs: [
    { crm: "Qualification", jira: "To Do" },
    { crm: "Negotiation", jira: "In Progress" },
    { crm: "Closed Won", jira: "Done" },
  ],
};
const item = (mode: "two-way" | "one-way" = "two-way") =>
  twoWayItem({
    mode,
    features: { statusSync: true },
    statusMapping,
    fieldMappings: [{ crmField: "Deal_Name", jiraField: "summary" }],
  });
const base: LinkBase = { ...emptyLinkBase(), status: { crm: "Qualification", jira: "To Do" } };
const jira = (status: string) => ({ summary: "Deal", status: { name: status } });

describe("status sync", () => {
  it("plans a Jira transition by target status when the CRM status changed", () => {
    const plan = planFor(item(), { Deal_Name: "Deal", Stage: "Closed Won" }, jira("To Do"), { base });
    expect(plan.operations).toContainEqual(
      expect.objectContaining({ kind: "jira.transition", fromStatus: "To Do", toStatus: "Done" }),
    );
    expect(plan.nextBase.status).toEqual({ crm: "Closed Won", jira: "Done" });
  });

  it("plans a CRM field update when the Jira status changed (two-way)", () => {
    const plan = planFor(item(), { Deal_Name: "Deal", Stage: "Qualification" }, jira("In Progress"), {
      base,
    });
    expect(plan.operations).toContainEqual(
      expect.objectContaining({ kind: "crm.updateRecord", fields: { Stage: "Negotiation" } }),
    );
    expect(plan.nextBase.status).toEqual({ crm: "Negotiation", jira: "In Progress" });
  });

  it("never writes the CRM status for a one-way item", () => {
    const plan = planFor(
      item("one-way"),
      { Deal_Name: "Deal", Stage: "Qualification" },
      jira("In Progress"),
      { base },
    );
    expect(plan.operations.filter((o) => o.kind.startsWith("crm."))).toEqual([]);
    expect(plan.nextBase.status).toEqual({ crm: "Qualification", jira: "In Progress" });
  });

  it("warns with the value when a status has no pair", () => {
    const plan = planFor(item(), { Deal_Name: "Deal", Stage: "Qualification" }, jira("Blocked"), { base });
    expect(plan.operations.filter((o) => o.kind === "crm.updateRecord")).toEqual([]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({ code: "status-unmapped", value: "Blocked", side: "jira" }),
    ]);
  });

  it("lets the latest change win when both statuses changed", () => {
    const both = { Deal_Name: "Deal", Stage: "Closed Won" };
    const crmLater = planFor(item(), both, jira("In Progress"), {
      base,
      crmTime: "2026-03-01T11:00:00+05:30",
    });
    expect(crmLater.conflicts).toEqual([
      expect.objectContaining({ field: "status", winner: "crm", reason: "latest-change" }),
    ]);
    expect(crmLater.operations).toContainEqual(
      expect.objectContaining({ kind: "jira.transition", toStatus: "Done" }),
    );
    const jiraLater = planFor(item(), both, jira("In Progress"), {
      base,
      jiraTime: "2026-03-01T06:00:00.000+0000",
    });
    expect(jiraLater.operations).toContainEqual(
      expect.objectContaining({ kind: "crm.updateRecord", fields: { Stage: "Negotiation" } }),
    );
  });

  it("plans nothing when the statuses already correspond (echo of our transition)", () => {
    const plan = planFor(item(), { Deal_Name: "Deal", Stage: "Closed Won" }, jira("Done"), {
      base: { ...base, status: { crm: "Closed Won", jira: "Done" } },
    });
    expect(plan.operations.filter((o) => o.kind !== "jira.updateFields")).toEqual([]);
  });

  it("takes CRM's status on the first sync of an auto-created link", () => {
    const plan = planFor(item(), { Deal_Name: "Deal", Stage: "Negotiation" }, jira("To Do"), {
      origin: "auto",
      jiraTime: "2026-03-01T06:00:00.000+0000",
    });
    expect(plan.operations).toContainEqual(
      expect.objectContaining({ kind: "jira.transition", toStatus: "In Progress" }),
    );
  });
});
