import {
  type CanonicalValue,
  canonicalEquals,
  type FieldMappingInput,
  type PreparedItem,
  type SmartConnectedItemInput,
} from "@kobik/sync-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPlan, planWorld, type World } from "./apply.js";
import { crmRecord, jiraIssue, linkOf, prepared } from "./fixtures.js";

const NOW = "2030-01-01T00:00:00.000Z";
const AFTER = { crm: "2030-01-01T00:00:01+00:00", jira: "2030-01-01T00:00:01.000+0000" };

const stages = ["Qualification", "Negotiation", "Closed Won"] as const;
const word = fc.stringMatching(/^[A-Za-z0-9 ]{0,12}$/);
const text = fc.oneof(
  word,
  fc.array(word, { maxLength: 4 }).map((lines) => lines.join("\n")),
  fc.constant(null),
);
const decimalText = fc
  .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }))
  .map(([whole, cents]) => `${whole}.${String(cents).padStart(2, "0")}`);
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2029, 0, 1) });
const email = fc.constantFrom("ana@example.com", "Bo@Example.com", "cy@example.org");
const region = fc.constantFrom("EMEA", "APAC", "AMER", "LATAM");

/** One mapped field: the mapping, and raw value generators in each vendor's JSON shape. */
interface FieldSpec {
  readonly mapping: FieldMappingInput;
  readonly crmField: string;
  readonly jiraField: string;
  readonly crmRaw: fc.Arbitrary<unknown>;
  readonly jiraRaw: fc.Arbitrary<unknown>;
}

const specs: FieldSpec[] = [
  {
    mapping: { crmField: "Deal_Name", jiraField: "customfield_10015" },
    crmField: "Deal_Name",
    jiraField: "customfield_10015",
    crmRaw: word,
    jiraRaw: fc.oneof(word, fc.string({ maxLength: 130 })),
  },
  {
    mapping: { crmField: "Description", jiraField: "description" },
    crmField: "Description",
    jiraField: "description",
    crmRaw: text,
    jiraRaw: text.map((t) =>
      t === null
        ? null
        : {
            type: "doc",
            version: 1,
            content: t
              .split("\n")
              .map((l) => ({ type: "paragraph", content: l ? [{ type: "text", text: l }] : [] })),
          },
    ),
  },
  {
    mapping: { crmField: "Amount", jiraField: "customfield_10010" },
    crmField: "Amount",
    jiraField: "customfield_10010",
    crmRaw: decimalText.map(Number),
    jiraRaw: fc.oneof(
      decimalText.map(Number),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
    ),
  },
  {
    mapping: { crmField: "Closing_Date", jiraField: "duedate" },
    crmField: "Closing_Date",
    jiraField: "duedate",
    crmRaw: instant.map((ms) => new Date(ms).toISOString().slice(0, 10)),
    jiraRaw: instant.map((ms) => new Date(ms).toISOString().slice(0, 10)),
  },
  {
    mapping: { crmField: "Next_Call", jiraField: "customfield_10011" },
    crmField: "Next_Call",
    jiraField: "customfield_10011",
    crmRaw: instant.map((ms) => `${new Date(ms + 19_800_000).toISOString().slice(0, 19)}+05:30`),
    jiraRaw: instant.map((ms) => new Date(ms).toISOString().replace("Z", "+0000")),
  },
  {
    mapping: {
      crmField: "Stage",
      jiraField: "customfield_10012",
      valueMap: [
        { crm: "Qualification", jira: "New" },
        { crm: "Negotiation", jira: "Talking" },
        { crm: "Closed Won", jira: "Won" },
      ],
    },
    crmField: "Stage",
    jiraField: "customfield_10012",
    crmRaw: fc.constantFrom(...stages, "-None-"),
    jiraRaw: fc.constantFrom("New", "Talking", "Won", "Lost").map((value) => ({ value })),
  },
  {
    mapping: { crmField: "Regions", jiraField: "customfield_10014" },
    crmField: "Regions",
    jiraField: "customfield_10014",
    crmRaw: fc.array(region, { maxLength: 3 }),
    jiraRaw: fc.array(
      region.map((value) => ({ value })),
      { maxLength: 3 },
    ),
  },
  {
    mapping: { crmField: "Owner", jiraField: "assignee" },
    crmField: "Owner",
    jiraField: "assignee",
    crmRaw: email.map((e) => ({ id: "1", name: "x", email: e })),
    jiraRaw: fc.oneof(
      email.map((e) => ({ accountId: "a", emailAddress: e })),
      fc.constant(null),
    ),
  },
  {
    mapping: { crmField: "Score", jiraField: "customfield_10016", transform: { kind: "number", scale: 2 } },
    crmField: "Score",
    jiraField: "customfield_10016",
    crmRaw: decimalText.map((d) => d.replace(/^(-?\d)(\d{3})\./, "$1,$2.")),
    jiraRaw: decimalText.map(Number),
  },
  {
    mapping: { crmField: "Contact_Email", jiraField: "customfield_10018" },
    crmField: "Contact_Email",
    jiraField: "customfield_10018",
    crmRaw: email,
    jiraRaw: fc.oneof(email, word),
  },
];

type Mode = "two-way" | "one-way";
type Policy = SmartConnectedItemInput["conflictPolicy"];

const statusPairs = [
  { crm: "New Business", jira: "To Do" },
  { crm: "Existing", jira: "In Progress" },
  { crm: "Renewal", jira: "Done" },
];
const crmStatus = fc.constantFrom("New Business", "Existing", "Renewal", "Other");
const jiraStatus = fc.constantFrom("To Do", "In Progress", "Done", "Blocked");

function itemOf(mode: Mode, chosen: readonly number[], policy: Policy, statusSync = false): PreparedItem {
  const fieldMappings = chosen.map((i) => {
    const spec = specs[i] as FieldSpec;
    return { ...spec.mapping, direction: mode === "two-way" ? ("both" as const) : ("crm-to-jira" as const) };
  });
  return prepared({
    id: "deals-to-bugs",
    name: "p",
    mode,
    jira: { projectKey: "SUP", issueType: "Bug" },
    crm: { module: "Deals" },
    fieldMappings,
    conflictPolicy: policy,
    features: { statusSync },
    statusMapping: { crmField: "Type", pairs: statusPairs },
  });
}

const policy: fc.Arbitrary<Policy> = fc.oneof(
  fc.record({
    kind: fc.constant("latest-change-wins" as const),
    skewWindowMs: fc.integer({ min: 0, max: 5000 }),
    tieBreaker: fc.constantFrom("crm" as const, "jira" as const),
  }),
  fc.constant({ kind: "crm-wins" as const }),
  fc.constant({ kind: "jira-wins" as const }),
);

/** A scenario: an item, a synced starting world, then edits on either or both sides. */
const scenario = (mode: fc.Arbitrary<Mode>) =>
  fc
    .record({
      mode,
      chosen: fc.uniqueArray(fc.integer({ min: 0, max: specs.length - 1 }), {
        minLength: 1,
        maxLength: specs.length,
      }),
      policy,
      crmTime: instant,
      jiraTime: instant,
      statusSync: fc.boolean(),
      statusInitial: crmStatus,
      statusCrmEdit: fc.option(crmStatus, { nil: undefined }),
      statusJiraEdit: fc.option(jiraStatus, { nil: undefined }),
    })
    .chain(
      (s) =>
        fc.record({
          ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, fc.constant(v)])),
          initial: fc.tuple(...s.chosen.map((i) => (specs[i] as FieldSpec).crmRaw)),
          crmEdits: fc.tuple(
            ...s.chosen.map((i) => fc.option((specs[i] as FieldSpec).crmRaw, { nil: undefined })),
          ),
          jiraEdits: fc.tuple(
            ...s.chosen.map((i) => fc.option((specs[i] as FieldSpec).jiraRaw, { nil: undefined })),
          ),
        }) as fc.Arbitrary<typeof s & { initial: unknown[]; crmEdits: unknown[]; jiraEdits: unknown[] }>,
    );

type Scenario = {
  mode: Mode;
  chosen: number[];
  policy: Policy;
  crmTime: number;
  jiraTime: number;
  initial: unknown[];
  crmEdits: unknown[];
  jiraEdits: unknown[];
  statusSync: boolean;
  statusInitial: string;
  statusCrmEdit: string | undefined;
  statusJiraEdit: string | undefined;
};

const link = linkOf();
const iso = (ms: number) => new Date(ms).toISOString();

/** Syncs the initial CRM values into an empty issue, then applies the scenario's edits. */
function setUp(s: Scenario): { item: PreparedItem; synced: World; edited: World } {
  const item = itemOf(s.mode, s.chosen, s.policy, s.statusSync);
  const start: World = {
    crm: crmRecord({ ...fieldsOf(s, "crm", s.initial), Type: s.statusInitial }, iso(Date.UTC(2019, 0, 1))),
    jira: jiraIssue({}, iso(Date.UTC(2019, 0, 1))),
    base: link.base,
  };
  const synced = applyPlan(start, planWorld(item, link, start, NOW), {
    crm: iso(Date.UTC(2019, 0, 2)),
    jira: iso(Date.UTC(2019, 0, 2)),
  });
  const crmStatusEdit = s.statusCrmEdit === undefined ? {} : { Type: s.statusCrmEdit };
  const jiraStatusEdit = s.statusJiraEdit === undefined ? {} : { status: { name: s.statusJiraEdit } };
  const crm = crmRecord(
    { ...synced.crm, ...fieldsOf(s, "crm", s.crmEdits), ...crmStatusEdit },
    iso(s.crmTime),
  );
  const jira = jiraIssue(
    { ...synced.jira.fields, ...fieldsOf(s, "jira", s.jiraEdits), ...jiraStatusEdit },
    iso(s.jiraTime),
  );
  return { item, synced, edited: { crm, jira, base: synced.base } };
}

function fieldsOf(s: Scenario, side: "crm" | "jira", values: readonly unknown[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  s.chosen.forEach((specIndex, i) => {
    const spec = specs[specIndex] as FieldSpec;
    if (values[i] !== undefined) fields[side === "crm" ? spec.crmField : spec.jiraField] = values[i];
  });
  return fields;
}

const runs = { numRuns: 300 };

describe("planning properties", () => {
  it("(a) convergence: after applying a plan to both sides, planning again yields no operations", () => {
    fc.assert(
      fc.property(scenario(fc.constantFrom("two-way", "one-way")), (s) => {
        const { item, edited } = setUp(s);
        const after = applyPlan(edited, planWorld(item, link, edited, NOW), AFTER);
        const replanned = planWorld(item, link, after, NOW);
        expect(replanned.operations).toEqual([]);
        // A conflict can only stay open when neither value can be carried across, and then it says why.
        for (const conflict of replanned.conflicts) {
          expect(replanned.warnings.map((w) => w.field)).toContain(conflict.field);
        }
      }),
      runs,
    );
  });

  it("(b) idempotency: applying a plan twice equals applying it once", () => {
    fc.assert(
      fc.property(scenario(fc.constantFrom("two-way", "one-way")), (s) => {
        const { item, edited } = setUp(s);
        const plan = planWorld(item, link, edited, NOW);
        const once = applyPlan(edited, plan, AFTER);
        expect(applyPlan(once, plan, AFTER)).toEqual(once);
      }),
      runs,
    );
  });

  it("(c) no echo: our own writes, seen again as the newest change on their side, plan nothing", () => {
    fc.assert(
      fc.property(scenario(fc.constant("two-way")), fc.boolean(), (s, crmFirst) => {
        const { item, edited } = setUp(s);
        const plan = planWorld(item, link, edited, NOW);
        // Our write is the latest modification on the side it touched, in either order of arrival.
        const far = { crm: "2031-01-01T00:00:00+00:00", jira: "2031-01-01T00:00:00.000+0000" };
        const after = applyPlan(edited, plan, crmFirst ? far : AFTER);
        const seenAgain = planWorld(item, link, after, "2031-01-01T00:00:00.000Z");
        expect(seenAgain.operations).toEqual([]);
      }),
      runs,
    );
  });

  it("(d) no lost edits: a field changed on one side only is never overwritten by the other's old value", () => {
    fc.assert(
      fc.property(scenario(fc.constantFrom("two-way", "one-way")), (s) => {
        const { item, synced, edited } = setUp(s);
        const plan = planWorld(item, link, edited, NOW);
        const after = applyPlan(edited, plan, AFTER);
        for (const m of item.mappings) {
          const base = synced.base.fields[m.key];
          if (base === undefined) continue;
          const crmNow = m.readCrm(edited.crm) as CanonicalValue;
          const jiraNow = m.readJira(edited.jira.fields) as CanonicalValue;
          const crmChanged = !canonicalEquals(crmNow, base.crm);
          const jiraChanged = !canonicalEquals(jiraNow, base.jira);
          if (crmChanged && !jiraChanged) expect(m.readCrm(after.crm)).toEqual(crmNow);
          if (jiraChanged && !crmChanged) expect(m.readJira(after.jira.fields)).toEqual(jiraNow);
        }
      }),
      runs,
    );
  });

  it("(e) one-way and display items never produce writes to CRM", () => {
    fc.assert(
      fc.property(scenario(fc.constant("one-way")), (s) => {
        const { item, edited } = setUp(s);
        const plan = planWorld(item, link, edited, NOW);
        expect(plan.operations.filter((op) => op.kind.startsWith("crm."))).toEqual([]);
        const display = prepared({
          id: "deal-preview",
          name: "d",
          mode: "display",
          jira: { projectKey: "SUP", issueType: "Bug" },
          crm: { module: "Deals" },
          displayFields: ["Deal_Name"],
        });
        expect(planWorld(display, link, edited, NOW).operations).toEqual([]);
      }),
      runs,
    );
  });
});
