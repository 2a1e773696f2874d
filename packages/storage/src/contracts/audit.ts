import type { JsonValue } from "../json.js";
import type { Page, PageRequest } from "./paging.js";

/** The linked pair an event concerns. */
export interface AuditLinkRef {
  readonly jiraIssueId: string;
  readonly crmRecordId: string;
}

/** One field's change: values as written, in their canonical (JSON) form. */
export interface AuditFieldChange {
  readonly field: string;
  readonly from: JsonValue;
  readonly to: JsonValue;
}

/** Input of {@link AuditStore.append}. */
export interface AppendAuditInput {
  readonly itemId: string;
  /** The run that caused the event, or `null` for events outside a run (e.g. an admin unlinking). */
  readonly runId: string | null;
  /** What was done, e.g. `"jira.update"`, `"crm.create"`, `"conflict.resolved"`, `"link.deleted"`. */
  readonly action: string;
  readonly link: AuditLinkRef | null;
  /** Why, in words an operator understands, e.g. `"CRM changed Amount; Jira unchanged"`. */
  readonly reason: string;
  readonly changes: readonly AuditFieldChange[];
  readonly now: Date;
}

/** A stored audit event. `seq` is assigned by the store and strictly increases with each append. */
export interface AuditEvent {
  readonly seq: number;
  readonly at: string;
  readonly itemId: string;
  readonly runId: string | null;
  readonly action: string;
  readonly link: AuditLinkRef | null;
  readonly reason: string;
  readonly changes: AuditFieldChange[];
}

/** Which events to list. */
export type AuditFilter =
  | { readonly by: "run"; readonly runId: string }
  | { readonly by: "item"; readonly itemId: string };

/** Append-only trail of what changed and why. */
export interface AuditStore {
  /** Appends an event and returns it with its `seq`. */
  append(input: AppendAuditInput): Promise<AuditEvent>;
  /**
   * Appends many events in one atomic step, all or none, and returns them in input order with
   * strictly increasing `seq`s. Invalid input (`InvalidInputError` naming `inputs[i]...`) appends nothing.
   */
  appendMany(inputs: readonly AppendAuditInput[]): Promise<AuditEvent[]>;
  /** Events matching `filter`, in append order. */
  list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>>;
}
