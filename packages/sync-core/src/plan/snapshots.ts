import type { AdfDoc } from "../values/adf.js";

/** A CRM record as Zoho returns it: `id`, `Modified_Time` and the fields by API name. */
export type CrmRecord = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly Modified_Time?: string;
};

/** A Jira issue as REST v3 returns it (`updated` may sit at the top or in `fields`). */
export interface JiraIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly updated?: string;
}

/** A CRM note (`Note_Title`/`Note_Content` of the Notes API, renamed). */
export interface CrmNote {
  readonly id: string;
  readonly title?: string | null;
  readonly content: string;
  readonly modifiedTime?: string;
}

/** A Jira comment; `body` is ADF (v3) or plain text. */
export interface JiraComment {
  readonly id: string;
  readonly body: AdfDoc | string;
  readonly updated?: string;
}

/** Attachment metadata from either side (`File_Name`/`Size` in CRM, `filename`/`size` in Jira). */
export interface AttachmentInfo {
  readonly id: string;
  readonly name: string;
  readonly size: number;
}
