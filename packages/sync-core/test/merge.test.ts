import { emptyLinkBase, type LinkBase, planLinkSync, type SmartConnectedItemInput } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { crmRecord, displayItem, jiraIssue, linkOf, NOW, planFor, prepared, twoWayItem } from "./fixtures.js";

const mapping = { crmField: "Deal_Name", jiraField: "customfield_10015", direction: "both" } as const;
const item = (overrides: Partial<SmartConnectedItemInput> = {}) =>
  twoWayItem({ fieldMappings: [mapping], ...overrides });
const text = (value: string) => ({ kind: "text", value }) as const;
const synced: LinkBase = {
  ...emptyLinkBase(),
  fields: { customfield_10015: { crm: text("base"), jira: text("base") } },
};

const EARLY = { crm: "2026-03-01T10:00:00+05:30", jira: "2026-03-01T04:30:00.000+0000" };
const crmLater = { crmTime: "2026-03-01T11:00:00+05:30", jiraTime: EARLY.jira };
const jiraLater = { crmTime: EARLY.crm, jiraTime: "2026-03-01T06:00:00.000+0000" };

describe("three-way merge", () => {
  it("propagates a change made on one side only", () => {
    const fromCrm = planFor(item(), { Deal_Name: "new" }, { customfield_10015: "base" }, { base: synced });
    expect(fromCrm.operations.map((o) => o.kind)).toEqual(["jira.updateFields"]);
    const fromJira = planFor(item(), { Deal_Name: "base" }, { customfield_10015: "new" }, { base: synced });
    expect(fromJira.operations).toEqual([
      expect.objectContaining({ kind: "crm.updateRecord", fields: { Deal_Name: "new" } }),
    ]);
    expect(fromJira.conflicts).toEqual([]);
  });

  it("plans nothing when both sides changed to the same value", () => {
    const plan = planFor(item(), { Deal_Name: "same" }, { customfield_10015: "same" }, { base: synced });
    expect(plan.operations).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.nextBase.fields.customfield_10015).toEqual({ crm: text("same"), jira: text("same") });
  });

  it("suppresses echoes: values equal to the base plan nothing, whatever the timestamps", () => {
    const plan = planFor(
      item(),
      { Deal_Name: "base" },
      { customfield_10015: "base" },
      { base: synced, crmTime: "2026-03-01T11:59:00Z" },
    );
    expect(plan).toMatchObject({ operations: [], conflicts: [], warnings: [] });
  });

  it("settles a true conflict by latest change and records both values", () => {
    const crmWins = planFor(
      item(),
      { Deal_Name: "crm" },
      { customfield_10015: "jira" },
      { base: synced, ...crmLater },
    );
    expect(crmWins.operations).toEqual([
      expect.objectContaining({ kind: "jira.updateFields", fields: { customfield_10015: "crm" } }),
    ]);
    expect(crmWins.conflicts).toEqual([
      {
        field: "customfield_10015",
        crmValue: text("crm"),
        jiraValue: text("jira"),
        base: synced.fields.customfield_10015,
        winner: "crm",
        reason: "latest-change",
        nearTie: false,
      },
    ]);
    const jiraWins = planFor(
      item(),
      { Deal_Name: "crm" },
      { customfield_10015: "jira" },
      { base: synced, ...jiraLater },
    );
    expect(jiraWins.operations).toEqual([
      expect.objectContaining({ kind: "crm.updateRecord", fields: { Deal_Name: "jira" } }),
    ]);
  });

  it("breaks near-ties inside the skew window with the tie-breaker, and flags them", () => {
    const times = { crmTime: "2026-03-01T10:00:01+05:30", jiraTime: "2026-03-01T04:30:00.500+0000" };
    const policy = { kind: "latest-change-wins", skewWindowMs: 2000, tieBreaker: "jira" } as const;
    const plan = planFor(
      item({ conflictPolicy: policy }),
      { Deal_Name: "crm" },
      { customfield_10015: "jira" },
      { base: synced, ...times },
    );
    expect(plan.conflicts[0]).toMatchObject({ winner: "jira", reason: "near-tie", nearTie: true });
    const narrow = planFor(
      item({ conflictPolicy: { ...policy, skewWindowMs: 100 } }),
      { Deal_Name: "crm" },
      { customfield_10015: "jira" },
      { base: synced, ...times },
    );
    expect(narrow.conflicts[0]).toMatchObject({ winner: "crm", reason: "latest-change", nearTie: false });
  });

  it("applies crm-wins and jira-wins policies regardless of time", () => {
    const crmWins = planFor(
      item({ conflictPolicy: { kind: "crm-wins" } }),
      { Deal_Name: "crm" },
      { customfield_10015: "jira" },
      { base: synced, ...jiraLater },
    );
    expect(crmWins.conflicts[0]).toMatchObject({ winner: "crm", reason: "crm-wins" });
    const jiraWins = planFor(
      item({ conflictPolicy: { kind: "jira-wins" } }),
      { Deal_Name: "crm" },
      { customfield_10015: "jira" },
      { base: synced, ...crmLater },
    );
    expect(jiraWins.conflicts[0]).toMatchObject({ winner: "jira", reason: "jira-wins" });
  });

  it("lets a mapping's owner override the item's policy", () => {
    const owned = twoWayItem({
      fieldMappings: [{ ...mapping, owner: "jira" }],
      conflictPolicy: { kind: "crm-wins" },
    });
    const plan = planFor(owned, { Deal_Name: "crm" }, { customfield_10015: "jira" }, { base: synced });
    expect(plan.conflicts[0]).toMatchObject({ winner: "jira", reason: "owner" });
  });

  it("keeps concurrent edits to different fields", () => {
    const two = twoWayItem({
      fieldMappings: [mapping, { crmField: "Description", jiraField: "description", direction: "both" }],
    });
    const base: LinkBase = {
      ...synced,
      fields: { ...synced.fields, description: { crm: text("d"), jira: text("d") } },
    };
    const plan = planFor(
      two,
      { Deal_Name: "crm edit", Description: "d" },
      { customfield_10015: "base", description: "jira edit" },
      { base },
    );
    expect(plan.conflicts).toEqual([]);
    expect(plan.operations).toEqual([
      expect.objectContaining({ kind: "jira.updateFields", fields: { customfield_10015: "crm edit" } }),
      expect.objectContaining({ kind: "crm.updateRecord", fields: { Description: "jira edit" } }),
    ]);
  });

  it("on a first sync, fills an empty side without calling it a conflict", () => {
    const plan = planFor(item(), { Deal_Name: "only in crm" }, {});
    expect(plan.conflicts).toEqual([]);
    expect(plan.operations).toEqual([expect.objectContaining({ kind: "jira.updateFields" })]);
    const jiraOnly = planFor(item(), {}, { customfield_10015: "only in jira" });
    expect(jiraOnly.operations).toEqual([expect.objectContaining({ kind: "crm.updateRecord" })]);
  });

  it("on the first sync of an auto-created link, CRM wins a difference", () => {
    const plan = planFor(
      item(),
      { Deal_Name: "crm" },
      { customfield_10015: "jira" },
      { origin: "auto", ...jiraLater },
    );
    expect(plan.conflicts[0]).toMatchObject({ winner: "crm", reason: "auto-link-initial" });
  });
});

describe("direction rules", () => {
  it("one-way items never plan writes to CRM, and leave Jira-only edits alone", () => {
    const oneWay = twoWayItem({
      mode: "one-way",
      fieldMappings: [{ crmField: "Deal_Name", jiraField: "customfield_10015" }],
    });
    const plan = planFor(
      oneWay,
      { Deal_Name: "base" },
      { customfield_10015: "edited in jira" },
      { base: synced },
    );
    expect(plan.operations).toEqual([]);
    expect(plan.nextBase.fields.customfield_10015?.jira).toEqual(text("edited in jira"));
    const both = planFor(
      oneWay,
      { Deal_Name: "crm" },
      { customfield_10015: "jira" },
      { base: synced, ...jiraLater },
    );
    expect(both.operations.map((o) => o.kind)).toEqual(["jira.updateFields"]);
    expect(both.conflicts[0]).toMatchObject({ winner: "crm", reason: "direction" });
  });

  it("a Jira -> CRM mapping never writes Jira", () => {
    const back = twoWayItem({ fieldMappings: [{ ...mapping, direction: "jira-to-crm" }] });
    expect(
      planFor(back, { Deal_Name: "crm edit" }, { customfield_10015: "base" }, { base: synced }).operations,
    ).toEqual([]);
  });

  it("display items never plan anything", () => {
    const plan = planFor(displayItem(), { Deal_Name: "x" }, { summary: "y" });
    expect(plan).toEqual({ operations: [], nextBase: emptyLinkBase(), conflicts: [], warnings: [] });
  });

  it("disabled items never plan anything", () => {
    expect(planFor(item({ enabled: false }), { Deal_Name: "new" }, {}, { base: synced }).operations).toEqual(
      [],
    );
  });
});

describe("warnings and invariants", () => {
  it("warns about an unreadable value and keeps the field's base", () => {
    const amount = twoWayItem({
      fieldMappings: [{ crmField: "Amount", jiraField: "customfield_10010", direction: "both" }],
    });
    const base: LinkBase = {
      ...emptyLinkBase(),
      fields: {
        customfield_10010: { crm: { kind: "decimal", value: "1" }, jira: { kind: "decimal", value: "1" } },
      },
    };
    const plan = planFor(amount, { Amount: "a lot" }, { customfield_10010: 1 }, { base });
    expect(plan.operations).toEqual([]);
    expect(plan.warnings).toEqual([
      expect.objectContaining({ code: "unreadable-value", field: "customfield_10010", side: "crm" }),
    ]);
    expect(plan.nextBase.fields.customfield_10010).toEqual(base.fields.customfield_10010);
  });

  it("flags a modified time ahead of now as clock skew", () => {
    const plan = planFor(
      item(),
      { Deal_Name: "base" },
      { customfield_10015: "base" },
      { base: synced, jiraTime: "2026-03-01T13:00:00.000+0000" },
    );
    expect(plan.warnings).toEqual([expect.objectContaining({ code: "clock-skew", side: "jira" })]);
  });

  it("is stable and JSON-serialisable", () => {
    const run = () =>
      planFor(
        twoWayItem(),
        { Deal_Name: "A", Description: "B" },
        { summary: "x", description: "y" },
        { base: emptyLinkBase() },
      );
    expect(JSON.parse(JSON.stringify(run()))).toEqual(run());
    expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
  });

  it("refuses snapshots of another link, and a malformed now", () => {
    const prep = prepared(item());
    expect(() =>
      planLinkSync({
        item: prep,
        link: linkOf(),
        crm: { ...crmRecord({}), id: "other" },
        jira: jiraIssue({}),
        now: NOW,
      }),
    ).toThrow(/do not belong/);
    expect(() =>
      planLinkSync({ item: prep, link: linkOf(), crm: crmRecord({}), jira: jiraIssue({}), now: "soon" }),
    ).toThrow(/now must be/);
  });
});
