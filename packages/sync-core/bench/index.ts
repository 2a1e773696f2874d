// Benchmark: plan 100,000 linked pairs with 20 mapped fields each, and report pairs per second and peak
// memory. Pairs are generated in chunks (as the engine pages them), so memory reflects planning, not a
// 100,000-pair fixture held at once. Only planning is timed.
import { loadavg } from "node:os";
import { cpuUsage, memoryUsage } from "node:process";
import {
  type CrmFieldMeta,
  type CrmRecord,
  type JiraFieldMeta,
  type JiraIssue,
  type Link,
  type LinkBase,
  type PreparedItem,
  parseSmartConnectedItem,
  planLinkSync,
  prepareItem,
  readCanonical,
  type ValueKind,
} from "@kobik/sync-core";

const PAIRS = 100_000;
const CHUNK = 100;
const TARGET_PAIRS_PER_SECOND = 100_000;
const TARGET_PEAK_MB = 300;

type Kind = "text" | "currency" | "date" | "datetime" | "picklist" | "multiselectpicklist";
const KINDS: readonly Kind[] = [
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "currency",
  "currency",
  "currency",
  "currency",
  "date",
  "date",
  "datetime",
  "datetime",
  "picklist",
  "picklist",
  "multiselectpicklist",
  "multiselectpicklist",
];
const JIRA_SCHEMA: Record<Kind, JiraFieldMeta["schema"]> = {
  text: { type: "string", custom: "x:textfield" },
  currency: { type: "number" },
  date: { type: "date" },
  datetime: { type: "datetime" },
  picklist: { type: "option" },
  multiselectpicklist: { type: "array", items: "option" },
};

const CANONICAL_KIND: Record<Kind, ValueKind> = {
  text: "text",
  currency: "decimal",
  date: "date",
  datetime: "datetime",
  picklist: "picklist",
  multiselectpicklist: "multiselect",
};

function setUp(): PreparedItem {
  const crm: CrmFieldMeta[] = KINDS.map((kind, i) => ({ api_name: `F${i}`, data_type: kind }));
  const jira: JiraFieldMeta[] = KINDS.map((kind, i) => ({
    id: `customfield_${10000 + i}`,
    schema: JIRA_SCHEMA[kind],
  }));
  const fieldMappings = KINDS.map((_, i) => ({
    crmField: `F${i}`,
    jiraField: `customfield_${10000 + i}`,
    direction: "both" as const,
  }));
  const parsed = parseSmartConnectedItem(
    {
      id: "bench",
      name: "bench",
      mode: "two-way",
      jira: { projectKey: "B", issueType: "Task" },
      crm: { module: "Deals" },
      fieldMappings,
    },
    { authMode: "app" },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const item = prepareItem(parsed.value, { crm, jira });
  if (!item.ok) throw new Error(JSON.stringify(item.issues));
  return item.value;
}

function crmValue(kind: Kind, n: number): unknown {
  switch (kind) {
    case "text":
      return `Value ${n}`;
    case "currency":
      return 1000 + (n % 997) / 100;
    case "date":
      return `2026-0${1 + (n % 9)}-1${n % 10}`;
    case "datetime":
      return `2026-03-1${n % 10}T1${n % 10}:30:00+05:30`;
    case "picklist":
      return `Option ${n % 7}`;
    case "multiselectpicklist":
      return [`R${n % 3}`, `R${(n % 3) + 3}`];
  }
}

function jiraValue(kind: Kind, n: number): unknown {
  const v = crmValue(kind, n);
  if (kind === "picklist") return { value: v };
  if (kind === "multiselectpicklist") return (v as string[]).map((value) => ({ value }));
  if (kind === "datetime") return new Date(Date.parse(v as string)).toISOString().replace("Z", "+0000");
  return v;
}

/** A synced pair, then edits: every pair one CRM field, every 5th a Jira field, every 20th a conflict. */
function pair(i: number): { link: Link; crm: CrmRecord; jira: JiraIssue } {
  const crm: Record<string, unknown> = { id: `r${i}`, Modified_Time: "2026-03-20T10:00:00+05:30" };
  const jira: Record<string, unknown> = {};
  const base: LinkBase = {
    fields: {},
    crmModifiedTime: null,
    jiraUpdated: null,
    status: null,
    notes: [],
    attachments: [],
  };
  KINDS.forEach((kind, f) => {
    crm[`F${f}`] = crmValue(kind, i + f);
    jira[`customfield_${10000 + f}`] = jiraValue(kind, i + f);
  });
  KINDS.forEach((kind, f) => {
    const canonicalKind = CANONICAL_KIND[kind];
    const crmSide = readCanonical(crm[`F${f}`], canonicalKind);
    const jiraSide = readCanonical(jira[`customfield_${10000 + f}`], canonicalKind);
    if (crmSide.kind === "unreadable" || jiraSide.kind === "unreadable")
      throw new Error(`bench data unreadable: ${kind}`);
    base.fields[`customfield_${10000 + f}`] = { crm: crmSide, jira: jiraSide };
  });
  crm[`F${i % 20}`] = crmValue(KINDS[i % 20] as Kind, i + 1000);
  if (i % 5 === 0)
    jira[`customfield_${10000 + ((i + 7) % 20)}`] = jiraValue(KINDS[(i + 7) % 20] as Kind, i + 2000);
  if (i % 20 === 0) jira[`customfield_${10000 + (i % 20)}`] = jiraValue(KINDS[i % 20] as Kind, i + 3000);
  // The engine reads bases back from storage as parsed JSON; so does the benchmark.
  return {
    link: linkFor(i, JSON.parse(JSON.stringify(base)) as LinkBase),
    crm: crm as CrmRecord,
    jira: issue(i, jira),
  };
}

const linkFor = (i: number, base: LinkBase): Link => ({
  itemId: "bench",
  jira: { issueId: `${i}`, issueKey: `B-${i}` },
  crm: { module: "Deals", recordId: `r${i}` },
  origin: "manual",
  base,
  version: 1,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
});
const issue = (i: number, fields: Record<string, unknown>): JiraIssue => ({
  id: `${i}`,
  key: `B-${i}`,
  fields,
  updated: "2026-03-20T04:31:00.000+0000",
});

function main(): void {
  const item = setUp();
  let peakRss = memoryUsage().rss;
  let peakHeap = memoryUsage().heapUsed;
  let plannedMs = 0;
  let plannedCpuMs = 0;
  let operations = 0;
  let conflicts = 0;
  for (let start = 0; start < PAIRS; start += CHUNK) {
    const chunk = Array.from({ length: CHUNK }, (_, k) => pair(start + k));
    const t0 = performance.now();
    const c0 = cpuUsage();
    for (const p of chunk) {
      const plan = planLinkSync({
        item,
        link: p.link,
        crm: p.crm,
        jira: p.jira,
        now: "2026-03-21T00:00:00Z",
      });
      operations += plan.operations.length;
      conflicts += plan.conflicts.length;
    }
    plannedMs += performance.now() - t0;
    const cpu = cpuUsage(c0);
    plannedCpuMs += (cpu.user + cpu.system) / 1000;
    const mem = memoryUsage();
    peakRss = Math.max(peakRss, mem.rss);
    peakHeap = Math.max(peakHeap, mem.heapUsed);
  }
  const perSecond = Math.round(PAIRS / (plannedMs / 1000));
  const perCpuSecond = Math.round(PAIRS / (plannedCpuMs / 1000));
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const verdict = (ok: boolean) => (ok ? "meets target" : "MISSES target");
  const load = loadavg()[0] ?? 0;
  console.log(
    `sync-core bench: ${PAIRS} linked pairs x ${KINDS.length} mapped fields (two-way), chunks of ${CHUNK}; 1-min load average ${load.toFixed(2)}`,
  );
  console.log(
    `  planning time        ${Math.round(plannedMs)} ms (${operations} operations, ${conflicts} conflicts planned)`,
  );
  console.log(
    `  pairs planned/s      ${perSecond} (wall clock)   target >= ${TARGET_PAIRS_PER_SECOND}   ${verdict(perSecond >= TARGET_PAIRS_PER_SECOND)}`,
  );
  console.log(
    `  pairs planned/cpu-s  ${perCpuSecond} (process CPU time, GC threads included; for comparison on a busy machine)`,
  );
  console.log(
    `  peak RSS             ${mb(peakRss)} MB   target < ${TARGET_PEAK_MB} MB   ${verdict(mb(peakRss) < TARGET_PEAK_MB)}`,
  );
  console.log(
    `  peak heap used       ${mb(peakHeap)} MB   target < ${TARGET_PEAK_MB} MB   ${verdict(mb(peakHeap) < TARGET_PEAK_MB)}`,
  );
}

main();
