import type { LinkBase } from "../schema/link.js";
import type { Side } from "../schema/mapping.js";
import type { CanonicalValue } from "../schema/values.js";
import type { AdfDoc } from "../values/adf.js";
import type { AttachmentInfo, CrmNote, CrmRecord, JiraComment, JiraIssue } from "./snapshots.js";

export type { AttachmentInfo, CrmNote, CrmRecord, JiraComment, JiraIssue };

/** One field value change, for audit and dry runs. */
export interface FieldChange {
  readonly field: string;
  readonly from: CanonicalValue;
  readonly to: CanonicalValue;
}

/** What a create operation adds to the base once the engine reports the created id. */
export type Pairing =
  | {
      readonly kind: "note";
      readonly origin: Side;
      readonly sourceId: string;
      readonly crmHash: string;
      readonly jiraHash: string;
    }
  | {
      readonly kind: "attachment";
      readonly origin: Side;
      readonly sourceId: string;
      readonly name: string;
      readonly size: number;
    };

interface OpBase {
  /** Stable id of the operation within its plan, e.g. `jira.addComment:crm-note:123`. */
  readonly opId: string;
}

/** Typed operations of a plan, executed in the order given. */
export type SyncOperation =
  | (OpBase & {
      readonly kind: "jira.updateFields";
      readonly issueId: string;
      readonly issueKey: string;
      readonly fields: Readonly<Record<string, unknown>>;
      readonly userFields: readonly string[];
      readonly changes: readonly FieldChange[];
    })
  | (OpBase & {
      readonly kind: "jira.transition";
      readonly issueId: string;
      readonly issueKey: string;
      readonly fromStatus: string | null;
      readonly toStatus: string;
    })
  | (OpBase & {
      readonly kind: "crm.updateRecord";
      readonly module: string;
      readonly recordId: string;
      readonly fields: Readonly<Record<string, unknown>>;
      readonly userFields: readonly string[];
      readonly changes: readonly FieldChange[];
    })
  | (OpBase & {
      readonly kind: "jira.addComment";
      readonly issueId: string;
      readonly issueKey: string;
      readonly body: AdfDoc;
      readonly text: string;
      readonly source: { readonly crmNoteId: string };
      readonly pairing: Pairing;
    })
  | (OpBase & {
      readonly kind: "jira.updateComment";
      readonly issueId: string;
      readonly commentId: string;
      readonly body: AdfDoc;
      readonly text: string;
    })
  | (OpBase & { readonly kind: "jira.deleteComment"; readonly issueId: string; readonly commentId: string })
  | (OpBase & {
      readonly kind: "crm.addNote";
      readonly module: string;
      readonly recordId: string;
      readonly title: string;
      readonly content: string;
      readonly source: { readonly jiraCommentId: string };
      readonly pairing: Pairing;
    })
  | (OpBase & {
      readonly kind: "crm.updateNote";
      readonly module: string;
      readonly recordId: string;
      readonly noteId: string;
      readonly content: string;
    })
  | (OpBase & {
      readonly kind: "crm.deleteNote";
      readonly module: string;
      readonly recordId: string;
      readonly noteId: string;
    })
  | (OpBase & {
      readonly kind: "jira.copyAttachment";
      readonly issueId: string;
      readonly issueKey: string;
      readonly from: { readonly module: string; readonly recordId: string; readonly attachmentId: string };
      readonly name: string;
      readonly size: number;
      readonly pairing: Pairing;
    })
  | (OpBase & {
      readonly kind: "crm.copyAttachment";
      readonly module: string;
      readonly recordId: string;
      readonly from: { readonly issueId: string; readonly attachmentId: string };
      readonly name: string;
      readonly size: number;
      readonly pairing: Pairing;
    })
  | (OpBase & {
      readonly kind: "jira.createIssue";
      readonly idempotencyKey: string;
      readonly projectKey: string;
      readonly fields: Readonly<Record<string, unknown>>;
      readonly userFields: readonly string[];
      readonly marker: LinkMarker;
    });

/** The operation kinds, e.g. `"jira.transition"`. */
export type SyncOperationKind = SyncOperation["kind"];

/** An issue property set on created issues, so a crash between create and link save is recovered without a duplicate. */
export interface LinkMarker {
  readonly propertyKey: "kobik.link";
  readonly value: {
    readonly itemId: string;
    readonly module: string;
    readonly recordId: string;
    readonly idempotencyKey: string;
  };
  /** JQL that finds an issue already created for this record. */
  readonly jql: string;
}

/** Why a conflict went the way it did. */
export type ConflictReason =
  | "owner"
  | "crm-wins"
  | "jira-wins"
  | "latest-change"
  | "near-tie"
  | "direction"
  | "auto-link-initial"
  | "winner-unconvertible";

/** A field (or the status) changed differently on both sides, with both values and the outcome. */
export interface Conflict {
  readonly field: string;
  readonly crmValue: CanonicalValue;
  readonly jiraValue: CanonicalValue;
  readonly base: { readonly crm: CanonicalValue; readonly jira: CanonicalValue } | null;
  readonly winner: Side;
  readonly reason: ConflictReason;
  /** True when the modified times were within the skew window (or missing): the tie-breaker decided. */
  readonly nearTie: boolean;
}

/** Something the plan did not do, and why: recorded, never silent. */
export interface SyncWarning {
  readonly code:
    | "unmapped-value"
    | "conversion-failed"
    | "unreadable-value"
    | "status-unmapped"
    | "note-deleted"
    | "comment-deleted"
    | "attachment-too-large"
    | "clock-skew";
  readonly message: string;
  readonly field?: string;
  readonly value?: string;
  readonly side?: Side;
}

/** The plan for one linked pair: JSON-serialisable, stable in order for the same input. */
export interface SyncPlan {
  readonly operations: readonly SyncOperation[];
  /** The base to save after every operation succeeded; creates add their pairing through `finalizeBase`. */
  readonly nextBase: LinkBase;
  readonly conflicts: readonly Conflict[];
  readonly warnings: readonly SyncWarning[];
}
