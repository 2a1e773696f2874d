import {
  linkSchema,
  parseSmartConnectedItem,
  type SmartConnectedItemInput,
  toJSONSchema,
} from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { displayItem, twoWayItem } from "./fixtures.js";

const app = { authMode: "app" } as const;
const providers = { authMode: "providers" } as const;

function codesOf(input: unknown, context: { authMode: "app" | "providers" } = app) {
  const result = parseSmartConnectedItem(input, context);
  return result.ok ? [] : result.issues.map((issue) => `${issue.pathText}:${issue.code}`);
}

describe("parseSmartConnectedItem: shape", () => {
  it("accepts a valid item and applies defaults", () => {
    const result = parseSmartConnectedItem(twoWayItem(), app);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.enabled).toBe(true);
    expect(result.value.schedule).toEqual({ kind: "interval", everyMinutes: 5 });
    expect(result.value.conflictPolicy).toEqual({
      kind: "latest-change-wins",
      skewWindowMs: 2000,
      tieBreaker: "crm",
    });
    expect(result.value.fieldMappings[0]?.direction).toBe("crm-to-jira");
  });

  it("rejects a non-slug id with its path and a message that says what to do", () => {
    const result = parseSmartConnectedItem(twoWayItem({ id: "Deals To Bugs" }), app);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toEqual(["id"]);
    expect(result.issues[0]?.message).toMatch(/lower-case letters/);
  });

  it("names nested paths in pathText", () => {
    const input = twoWayItem({ fieldMappings: [{ crmField: "Deal_Name", jiraField: "" }] });
    const result = parseSmartConnectedItem(input, app);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.path).toEqual(["fieldMappings", 0, "jiraField"]);
    expect(result.issues[0]?.pathText).toBe("fieldMappings[0].jiraField");
  });

  it("validates conflict policies as a tagged union", () => {
    expect(codesOf(twoWayItem({ conflictPolicy: { kind: "crm-wins" } }))).toEqual([]);
    expect(codesOf(twoWayItem({ conflictPolicy: { kind: "newest" } as never }))[0]).toMatch(
      /^conflictPolicy/,
    );
  });
});

describe("parseSmartConnectedItem: auto-create", () => {
  const autoCreate = { autoCreate: true };
  it("passes for a synced item in app auth on a polling-ready module mapping summary", () => {
    expect(codesOf(twoWayItem({ features: autoCreate }))).toEqual([]);
  });
  it("fails for a display item", () => {
    expect(codesOf(displayItem({ features: autoCreate }))).toContain(
      "features.autoCreate:auto-create-needs-sync-mode",
    );
  });
  it("fails in providers auth", () => {
    const input = twoWayItem({ features: autoCreate, schedule: { kind: "manual" } });
    expect(codesOf(input, providers)).toEqual(["features.autoCreate:auto-create-needs-app-auth"]);
  });
  it("fails for a module that is not polling-ready", () => {
    expect(codesOf(twoWayItem({ features: autoCreate, crm: { module: "Visits" } }))).toEqual([
      "features.autoCreate:auto-create-needs-polling-module",
    ]);
  });
  it("fails without a CRM -> Jira summary mapping", () => {
    const input = twoWayItem({
      features: autoCreate,
      fieldMappings: [{ crmField: "Description", jiraField: "description" }],
    });
    expect(codesOf(input)).toEqual(["features.autoCreate:auto-create-needs-summary"]);
  });
});

describe("parseSmartConnectedItem: features that need app auth", () => {
  for (const feature of ["notesSync", "attachmentSync"] as const) {
    it(`${feature}: passes in app auth, fails in providers auth`, () => {
      expect(codesOf(twoWayItem({ features: { [feature]: true } }))).toEqual([]);
      const input = twoWayItem({ features: { [feature]: true }, schedule: { kind: "manual" } });
      expect(codesOf(input, providers)).toEqual([`features.${feature}:feature-needs-app-auth`]);
    });
  }
  it("statusSync: passes in app auth with a status mapping, fails in providers auth", () => {
    const statusMapping = { crmField: "Stage", pairs: [{ crm: "Closed Won", jira: "Done" }] };
    expect(codesOf(twoWayItem({ features: { statusSync: true }, statusMapping }))).toEqual([]);
    const input = twoWayItem({ features: { statusSync: true }, statusMapping, schedule: { kind: "manual" } });
    expect(codesOf(input, providers)).toEqual(["features.statusSync:feature-needs-app-auth"]);
  });
  it("statusSync needs a statusMapping", () => {
    expect(codesOf(twoWayItem({ features: { statusSync: true } }))).toEqual([
      "statusMapping:status-mapping-required",
    ]);
  });
  it("a synced item in providers auth must use a manual schedule", () => {
    expect(codesOf(twoWayItem(), providers)).toEqual(["schedule:schedule-needs-app-auth"]);
    expect(codesOf(twoWayItem({ schedule: { kind: "manual" } }), providers)).toEqual([]);
    expect(codesOf(displayItem(), providers)).toEqual([]);
  });
});

describe("parseSmartConnectedItem: display mode", () => {
  it("passes with display fields and no mappings", () => {
    expect(codesOf(displayItem())).toEqual([]);
  });
  it("fails without display fields", () => {
    expect(codesOf(displayItem({ displayFields: [] }))).toEqual(["displayFields:display-fields-required"]);
  });
  it("fails with field mappings", () => {
    const input = displayItem({ fieldMappings: [{ crmField: "Deal_Name", jiraField: "summary" }] });
    expect(codesOf(input)).toEqual(["fieldMappings:display-has-mappings"]);
  });
  it("fails with a sync feature on", () => {
    expect(codesOf(displayItem({ features: { notesSync: true } }))).toEqual([
      "features.notesSync:display-has-sync-feature",
    ]);
  });
});

describe("parseSmartConnectedItem: mappings", () => {
  const withMappings = (fieldMappings: SmartConnectedItemInput["fieldMappings"]) =>
    twoWayItem({ fieldMappings });

  it("a two-way mapping cannot use a hard-coded value", () => {
    expect(
      codesOf(withMappings([{ jiraField: "labels", hardCoded: ["crm"], direction: "crm-to-jira" }])),
    ).toEqual([]);
    const codes = codesOf(
      withMappings([{ crmField: "Type", jiraField: "labels", hardCoded: ["crm"], direction: "both" }]),
    );
    expect(codes).toEqual(["fieldMappings[0].hardCoded:two-way-hard-coded"]);
  });

  it("no Jira field mapped twice, naming the first mapping", () => {
    const result = parseSmartConnectedItem(
      withMappings([
        { crmField: "Deal_Name", jiraField: "summary" },
        { crmField: "Description", jiraField: "description" },
        { crmField: "Account_Name", jiraField: "summary" },
      ]),
      app,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({
        path: ["fieldMappings", 2, "jiraField"],
        pathText: "fieldMappings[2].jiraField",
        message: 'Jira field "summary" is already mapped by fieldMappings[0]: map each Jira field once.',
      }),
    ]);
  });

  it("no CRM field written by two mappings", () => {
    const read = withMappings([
      { crmField: "Deal_Name", jiraField: "summary" },
      { crmField: "Deal_Name", jiraField: "customfield_1", direction: "both" },
    ]);
    expect(codesOf(read)).toEqual([]);
    const written = withMappings([
      { crmField: "Deal_Name", jiraField: "summary", direction: "both" },
      { crmField: "Deal_Name", jiraField: "customfield_1", direction: "jira-to-crm" },
    ]);
    expect(codesOf(written)).toEqual(["fieldMappings[1].crmField:duplicate-crm-target"]);
  });

  it("a one-way item only maps CRM -> Jira", () => {
    const oneWay = (direction: "crm-to-jira" | "both") =>
      twoWayItem({
        mode: "one-way",
        fieldMappings: [{ crmField: "Deal_Name", jiraField: "summary", direction }],
      });
    expect(codesOf(oneWay("crm-to-jira"))).toEqual([]);
    expect(codesOf(oneWay("both"))).toEqual(["fieldMappings[0].direction:one-way-writes-crm"]);
  });

  it("a CRM -> Jira mapping needs exactly one source", () => {
    expect(codesOf(withMappings([{ jiraField: "summary" }]))).toEqual([
      "fieldMappings[0].crmField:mapping-source-missing",
    ]);
    expect(codesOf(withMappings([{ crmField: "A", jiraField: "summary", hardCoded: "x" }]))).toEqual([
      "fieldMappings[0].crmField:mapping-source-ambiguous",
    ]);
    const template = { kind: "template", template: "{{First_Name}} {{Last_Name}}" } as const;
    expect(codesOf(withMappings([{ jiraField: "summary", transform: template }]))).toEqual([]);
  });

  it("a mapping that writes CRM needs crmField", () => {
    expect(codesOf(withMappings([{ jiraField: "summary", direction: "jira-to-crm" }]))).toEqual([
      "fieldMappings[0].crmField:crm-field-required",
    ]);
    expect(
      codesOf(withMappings([{ jiraField: "summary", crmField: "Deal_Name", direction: "jira-to-crm" }])),
    ).toEqual([]);
  });

  it("a template is CRM -> Jira only", () => {
    const transform = { kind: "template", template: "{{Deal_Name}}" } as const;
    expect(
      codesOf(withMappings([{ jiraField: "summary", crmField: "Deal_Name", direction: "both", transform }])),
    ).toEqual(["fieldMappings[0].transform:template-not-reversible"]);
  });

  it("status is not a field mapping", () => {
    expect(codesOf(withMappings([{ crmField: "Stage", jiraField: "status" }]))).toEqual([
      "fieldMappings[0].jiraField:status-not-a-field",
    ]);
  });

  it("owner only applies to two-way mappings", () => {
    expect(
      codesOf(withMappings([{ crmField: "A", jiraField: "summary", direction: "both", owner: "jira" }])),
    ).toEqual([]);
    expect(codesOf(withMappings([{ crmField: "A", jiraField: "summary", owner: "jira" }]))).toEqual([
      "fieldMappings[0].owner:owner-needs-two-way",
    ]);
  });
});

describe("linkSchema", () => {
  const link = {
    itemId: "deals-to-bugs",
    jira: { issueId: "10001", issueKey: "SUP-1" },
    crm: { module: "Deals", recordId: "4876876000000327001" },
    origin: "manual",
    base: {},
    version: 0,
    createdAt: "2026-01-02T03:04:05.000Z",
    updatedAt: "2026-01-02T03:04:05.000Z",
  };
  it("accepts a link and fills an empty base", () => {
    const parsed = linkSchema.parse(link);
    expect(parsed.base).toEqual({
      fields: {},
      crmModifiedTime: null,
      jiraUpdated: null,
      status: null,
      notes: [],
      attachments: [],
    });
  });
  it("rejects a numeric record id", () => {
    expect(linkSchema.safeParse({ ...link, crm: { module: "Deals", recordId: 42 } }).success).toBe(false);
  });
});

describe("toJSONSchema", () => {
  it("describes the item config for editors, with optional defaults", () => {
    const schema = toJSONSchema();
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(expect.arrayContaining(["id", "name", "mode", "jira", "crm"]));
    expect(schema.required).not.toContain("enabled");
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
