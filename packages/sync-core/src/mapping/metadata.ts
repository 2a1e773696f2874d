import type { ValueKind } from "../schema/values.js";

/** A CRM field as `GET /crm/v8/settings/fields` describes it (only what the core reads). */
export interface CrmFieldMeta {
  readonly api_name: string;
  readonly data_type: string;
  readonly field_label?: string;
  readonly read_only?: boolean;
  readonly length?: number;
  readonly pick_list_values?: readonly { readonly actual_value?: string; readonly display_value?: string }[];
}

/** A Jira field as `GET /rest/api/3/field` (plus editmeta for `editable`) describes it. */
export interface JiraFieldMeta {
  readonly id: string;
  readonly name?: string;
  readonly schema?: {
    readonly type: string;
    readonly items?: string;
    readonly system?: string;
    readonly custom?: string;
  };
  readonly editable?: boolean;
}

/** Live field metadata of both sides, passed in: the core never fetches it. */
export interface FieldMetadata {
  readonly crm: readonly CrmFieldMeta[];
  readonly jira: readonly JiraFieldMeta[];
}

/** How a value of a kind is written on the wire of one side. */
export type JiraWire =
  | "string"
  | "adf"
  | "number"
  | "date"
  | "datetime"
  | "option"
  | "named"
  | "strings"
  | "options"
  | "nameds"
  | "user";
/** See {@link JiraWire}. */
export type CrmWire =
  | "string"
  | "number"
  | "bigint"
  | "date"
  | "datetime"
  | "picklist"
  | "multiselect"
  | "user"
  | "boolean";

/** What a field is to the core: its value kind, its wire form, and whether it can be written. */
export interface FieldShape<W> {
  readonly kind: ValueKind;
  readonly wire: W;
  readonly writable: boolean;
  readonly maxLength?: number;
}

const CRM_KINDS: Readonly<Record<string, readonly [ValueKind, CrmWire]>> = {
  text: ["text", "string"],
  textarea: ["text", "string"],
  email: ["text", "string"],
  phone: ["text", "string"],
  website: ["text", "string"],
  mediumtext: ["text", "string"],
  autonumber: ["text", "string"],
  lookup: ["text", "string"],
  integer: ["decimal", "number"],
  double: ["decimal", "number"],
  percent: ["decimal", "number"],
  currency: ["decimal", "number"],
  decimal: ["decimal", "number"],
  bigint: ["decimal", "bigint"],
  long: ["decimal", "bigint"],
  boolean: ["boolean", "boolean"],
  date: ["date", "date"],
  datetime: ["datetime", "datetime"],
  picklist: ["picklist", "picklist"],
  multiselectpicklist: ["multiselect", "multiselect"],
  ownerlookup: ["user", "user"],
  userlookup: ["user", "user"],
};

// Lookups are read by name but written by record id, which the core does not know; computed fields are never written.
const CRM_READ_ONLY_TYPES = new Set(["autonumber", "lookup", "formula", "rollup_summary"]);

/** The shape of a CRM field, or `undefined` when the core cannot map its type. */
export function crmFieldShape(meta: CrmFieldMeta): FieldShape<CrmWire> | undefined {
  const entry = CRM_KINDS[meta.data_type];
  if (entry === undefined) return undefined;
  const writable = meta.read_only !== true && !CRM_READ_ONLY_TYPES.has(meta.data_type);
  const shape = { kind: entry[0], wire: entry[1], writable };
  return entry[0] === "text" && meta.length !== undefined ? { ...shape, maxLength: meta.length } : shape;
}

const JIRA_RICH_TEXT_SYSTEM = new Set(["description", "environment"]);

/** The shape of a Jira field, or `undefined` when the core cannot map its schema type. */
export function jiraFieldShape(meta: JiraFieldMeta): FieldShape<JiraWire> | undefined {
  const base = jiraKindAndWire(meta);
  if (base === undefined) return undefined;
  const writable = meta.editable !== false;
  return meta.id === "summary" ? { ...base, writable, maxLength: 255 } : { ...base, writable };
}

function jiraKindAndWire(meta: JiraFieldMeta): { kind: ValueKind; wire: JiraWire } | undefined {
  const schema = meta.schema;
  if (schema === undefined) return undefined;
  switch (schema.type) {
    case "string": {
      const rich =
        JIRA_RICH_TEXT_SYSTEM.has(schema.system ?? "") || (schema.custom ?? "").endsWith(":textarea");
      return { kind: "text", wire: rich ? "adf" : "string" };
    }
    case "number":
      return { kind: "decimal", wire: "number" };
    case "date":
      return { kind: "date", wire: "date" };
    case "datetime":
      return { kind: "datetime", wire: "datetime" };
    case "option":
      return { kind: "picklist", wire: "option" };
    case "priority":
      return { kind: "picklist", wire: "named" };
    case "user":
      return { kind: "user", wire: "user" };
    case "array":
      return jiraArrayKind(schema.items);
    default:
      return undefined;
  }
}

function jiraArrayKind(items: string | undefined): { kind: ValueKind; wire: JiraWire } | undefined {
  if (items === "string") return { kind: "multiselect", wire: "strings" };
  if (items === "option") return { kind: "multiselect", wire: "options" };
  if (items === "component" || items === "version") return { kind: "multiselect", wire: "nameds" };
  return undefined;
}
