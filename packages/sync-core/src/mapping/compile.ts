import type { FieldMapping, MappingDirection, Side, ValueMapEntry } from "../schema/mapping.js";
import type { CanonicalValue, ValueKind } from "../schema/values.js";
import { canonicalToText, type Unreadable } from "../values/canonical.js";
import { readCanonical } from "../values/read.js";
import {
  type Converted,
  convertKind,
  toDoublePrecision,
  toSecondPrecision,
  truncateText,
} from "./convert.js";
import type { CrmWire, FieldShape, JiraWire } from "./metadata.js";

type Fields = Readonly<Record<string, unknown>>;

/** One mapping made ready for planning: readers and converters are built once per item, not per record. */
export interface PreparedMapping {
  readonly index: number;
  /** The Jira field id; also the key of this mapping in `LinkBase.fields`. */
  readonly key: string;
  readonly crmField: string | undefined;
  readonly direction: MappingDirection;
  readonly owner: Side | undefined;
  /** Reads the CRM-side value; `previous` (the base) is returned when it still stands for the raw value. */
  readonly readCrm: (record: Fields, previous?: CanonicalValue) => CanonicalValue | Unreadable;
  /** Reads the Jira-side value, like `readCrm`. */
  readonly readJira: (fields: Fields, previous?: CanonicalValue) => CanonicalValue | Unreadable;
  readonly toJira: (value: CanonicalValue) => Converted;
  readonly toCrm: (value: CanonicalValue) => Converted;
  readonly jiraWire: JiraWire;
  readonly crmWire: CrmWire;
}

/** Where the CRM-side value of a mapping comes from. */
export type CrmSource =
  | { readonly kind: "field"; readonly shape: FieldShape<CrmWire> }
  | {
      readonly kind: "template";
      readonly template: string;
      readonly fieldKinds: ReadonlyMap<string, ValueKind>;
    }
  | { readonly kind: "constant"; readonly value: CanonicalValue };

/** Builds the readers and converters of a mapping whose fields were already validated. */
export function compileMapping(
  mapping: FieldMapping,
  index: number,
  crm: CrmSource,
  jira: FieldShape<JiraWire>,
  jiraConstant: CanonicalValue | undefined,
): PreparedMapping {
  const crmShape = crm.kind === "field" ? crm.shape : undefined;
  const crmKind: ValueKind =
    crm.kind === "field" ? crm.shape.kind : crm.kind === "template" ? "text" : crm.value.kind;
  const transform = mapping.transform;
  const jiraMax =
    mapping.transform?.kind === "truncate"
      ? Math.min(mapping.transform.maxLength, jira.maxLength ?? Infinity)
      : jira.maxLength;
  const toJiraMap = valueLookup(mapping.valueMap, "crm");
  const toCrmMap = valueLookup(mapping.valueMap, "jira");
  return {
    index,
    key: mapping.jiraField,
    crmField: mapping.crmField,
    direction: mapping.direction,
    owner: mapping.owner,
    readCrm: crmReader(mapping.crmField, crm),
    readJira:
      jiraConstant !== undefined
        ? () => jiraConstant
        : (fields, previous) => readCanonical(fields[mapping.jiraField], jira.kind, previous),
    toJira: (value) => {
      const mapped = applyValueMap(value, toJiraMap);
      const converted = mapped.ok ? convertKind(mapped.value, jira.kind, transform) : mapped;
      if (!converted.ok) return converted;
      const fitted = jira.wire === "number" ? toDoublePrecision(converted.value) : converted.value;
      return { ok: true, value: jiraMax === undefined ? fitted : truncateText(fitted, jiraMax) };
    },
    toCrm: (value) => {
      const mapped = applyValueMap(value, toCrmMap);
      const converted = mapped.ok ? convertKind(mapped.value, crmKind, transform) : mapped;
      if (!converted.ok) return converted;
      const precise =
        crmShape?.wire === "number" ? toDoublePrecision(converted.value) : toSecondPrecision(converted.value);
      return {
        ok: true,
        value: crmShape?.maxLength !== undefined ? truncateText(precise, crmShape.maxLength) : precise,
      };
    },
    jiraWire: jira.wire,
    crmWire: crmShape?.wire ?? "string",
  };
}

function crmReader(
  apiName: string | undefined,
  source: CrmSource,
): (record: Fields, previous?: CanonicalValue) => CanonicalValue | Unreadable {
  switch (source.kind) {
    case "constant":
      return () => source.value;
    case "template":
      return (record) => renderTemplate(source.template, source.fieldKinds, record);
    case "field": {
      const name = apiName ?? "";
      return (record: Fields, previous?: CanonicalValue) =>
        readCanonical(record[name], source.shape.kind, previous);
    }
  }
}

/** Renders `{{Field}}` placeholders with the fields' display text; a missing value renders empty. */
function renderTemplate(
  template: string,
  kinds: ReadonlyMap<string, ValueKind>,
  record: Fields,
): CanonicalValue {
  const text = template
    .replace(/\{\{\s*([A-Za-z0-9_$]+)\s*\}\}/g, (_, name: string) => {
      const value = readCanonical(record[name], kinds.get(name) ?? "text");
      return value.kind === "unreadable" ? "" : (canonicalToText(value) ?? "");
    })
    .replace(/[ \t]+/g, " ")
    .trim();
  return text === "" ? { kind: "null" } : { kind: "text", value: text };
}

function valueLookup(
  entries: readonly ValueMapEntry[] | undefined,
  from: "crm" | "jira",
): ReadonlyMap<string, string> | undefined {
  if (entries === undefined) return undefined;
  const to = from === "crm" ? "jira" : "crm";
  const lookup = new Map<string, string>();
  // The first pair wins, so a map that is not one-to-one still reads the same way every time.
  for (const entry of entries) if (!lookup.has(entry[from])) lookup.set(entry[from], entry[to]);
  return lookup;
}

function applyValueMap(value: CanonicalValue, lookup: ReadonlyMap<string, string> | undefined): Converted {
  if (lookup === undefined) return { ok: true, value };
  const mapOne = (v: string) => lookup.get(v);
  switch (value.kind) {
    case "picklist":
    case "text": {
      const mapped = mapOne(value.value);
      return mapped === undefined
        ? unmapped(value.value)
        : { ok: true, value: { kind: value.kind, value: mapped } };
    }
    case "multiselect": {
      const missing = value.values.find((v) => mapOne(v) === undefined);
      if (missing !== undefined) return unmapped(missing);
      const values = [...new Set(value.values.map((v) => mapOne(v) ?? v))].sort();
      return { ok: true, value: { kind: "multiselect", values } };
    }
    default:
      return { ok: true, value };
  }
}

function unmapped(value: string): Converted {
  return {
    ok: false,
    code: "unmapped-value",
    reason: `value "${value}" has no entry in the mapping's valueMap`,
    value,
  };
}
