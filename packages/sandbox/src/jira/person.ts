import { SandboxUsageError } from "../zoho/person.js";
import { adfProblem } from "./adf.js";
import { availableTransitions, checkFields, editIssue, transitionIssue } from "./issue-write.js";
import { findIssue } from "./issues.js";
import { addAttachment, addComment } from "./related.js";
import { adfDoc } from "./seed.js";
import type { JiraIssue, JiraState } from "./state.js";

/**
 * Acts like someone using the Jira UI: edits go through the same validation as the API, bump
 * `updated`, write the changelog and fire webhooks.
 */
export interface JiraPerson {
  /** Sets fields (API field ids and API values, e.g. `{ summary: "x", labels: ["a"] }`). */
  editIssue(key: string, fields: Record<string, unknown>, options?: { accountId?: string }): void;
  /** Moves the issue to the named status through an available transition. */
  moveIssue(key: string, statusName: string, options?: { accountId?: string }): void;
  /** Adds a comment: plain text (converted to ADF) or an ADF document. Returns the comment id. */
  addComment(key: string, body: string | Record<string, unknown>, options?: { accountId?: string }): string;
  /** Attaches a file; returns the attachment id. */
  addAttachment(
    key: string,
    fileName: string,
    content: Uint8Array | string,
    options?: { accountId?: string; mimeType?: string },
  ): string;
}

function issueOf(state: JiraState, key: string): JiraIssue {
  const issue = findIssue(state, key);
  if (issue === undefined) throw new SandboxUsageError(`no issue ${key}`);
  return issue;
}

/** Builds the person API over a state. */
export function createJiraPerson(state: JiraState): JiraPerson {
  const who = (options?: { accountId?: string }) => options?.accountId ?? state.users[0]!.accountId;
  return {
    editIssue: (key, fields, options) => {
      const issue = issueOf(state, key);
      const checked = checkFields(state, fields, []);
      const bad = Object.entries(checked.errors)[0];
      if (bad !== undefined) throw new SandboxUsageError(`${bad[0]}: ${bad[1]}`);
      editIssue(state, issue, checked.values, who(options));
    },
    moveIssue: (key, statusName, options) => {
      const issue = issueOf(state, key);
      const status = state.statuses.find((s) => s.name.toLowerCase() === statusName.toLowerCase());
      if (status === undefined) throw new SandboxUsageError(`no status named "${statusName}"`);
      const transition = availableTransitions(state, issue).find((t) => t.to === status.id);
      if (transition === undefined)
        throw new SandboxUsageError(`no transition from the current status of ${key} to "${statusName}"`);
      transitionIssue(state, issue, status.id, who(options));
    },
    addComment: (key, body, options) => {
      const doc = typeof body === "string" ? adfDoc(body) : body;
      const problem = adfProblem(doc);
      if (problem !== undefined) throw new SandboxUsageError(`comment body is not valid ADF: ${problem}`);
      return addComment(state, issueOf(state, key), doc, who(options)).id;
    },
    addAttachment: (key, fileName, content, options) => {
      const bytes = typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content);
      return addAttachment(
        state,
        issueOf(state, key),
        { name: fileName, type: options?.mimeType ?? "application/octet-stream", content: bytes },
        who(options),
      ).id;
    },
  };
}
