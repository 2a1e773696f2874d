import { JiraAuthError, JiraError, JiraNetworkError, JiraPermissionError } from "@kobik/jira-client";
import { StorageError } from "@kobik/storage";
import { SyncEngineError } from "@kobik/sync-engine";
import {
  ZohoAuthError,
  ZohoError,
  ZohoNetworkError,
  ZohoReconnectRequiredError,
} from "@kobik/zoho-crm-client";
import { JIRA_HINT, ZOHO_HINT } from "./connections.js";
import { CliError, ConfigError, RunFailedError } from "./errors.js";

const ENGINE_HINTS: Partial<Record<string, [1 | 2, string]>> = {
  ITEM_NOT_FOUND: [2, "Run `kobik items list` to see the stored items, or `kobik items add <file>`."],
  ITEM_CONFIG: [
    2,
    "Edit the item with `kobik items edit <id>` so it fits the fields that exist in Zoho CRM and Jira.",
  ],
  LINK_NOT_FOUND: [2, "Run `kobik link <item> <issue> <crm-record-id>` first, or check the issue key."],
  ALREADY_LINKED: [2, "Run `kobik unlink <item> <issue>` first if the link should move."],
  AUTO_LINK: [2, "Auto-created links are managed by the sync; use `kobik refresh` to re-sync it."],
  INVALID_INPUT: [2, "Check the arguments against `kobik help <command>`."],
  RECONNECT_REQUIRED: [2, "Reconnect the service with `kobik connect zoho ...` or `kobik connect jira ...`."],
  ITEM_BUSY: [1, "Another kobik process is syncing this item: wait for it to finish, then retry."],
};

function fromEngine(error: SyncEngineError): CliError {
  const [code, hint] = ENGINE_HINTS[error.code] ?? [
    1,
    "Check `kobik status` and `kobik history`, then retry.",
  ];
  const issues = (error as { issues?: readonly { pathText: string; message: string }[] }).issues;
  const detail = issues ? `\n  ${issues.map((i) => `${i.pathText}: ${i.message}`).join("\n  ")}` : "";
  return code === 2
    ? new ConfigError(`${error.message}${detail}`, hint)
    : new RunFailedError(error.message, hint);
}

function fromZoho(error: ZohoError): CliError {
  if (error instanceof ZohoReconnectRequiredError || error instanceof ZohoAuthError) {
    return new ConfigError(`Zoho CRM refused the connection (${error.code}).`, ZOHO_HINT);
  }
  if (error instanceof ZohoNetworkError) {
    return new RunFailedError(
      `Cannot reach Zoho CRM: ${error.message}`,
      "Check the network and the data center, then retry.",
    );
  }
  return new RunFailedError(`Zoho CRM: ${error.message}`, "Check `kobik status`, then retry.");
}

function fromJira(error: JiraError): CliError {
  if (error instanceof JiraAuthError || error instanceof JiraPermissionError) {
    return new ConfigError(`Jira refused the credentials or permission (${error.code}).`, JIRA_HINT);
  }
  if (error instanceof JiraNetworkError) {
    return new RunFailedError(
      `Cannot reach Jira: ${error.message}`,
      "Check the network and the site URL, then retry.",
    );
  }
  return new RunFailedError(`Jira: ${error.message}`, "Check `kobik status`, then retry.");
}

/**
 * Turns any error into a {@link CliError} with a next step. Client and engine messages are already
 * redacted by their packages; this adds what the operator should do about them.
 */
export function explain(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof SyncEngineError) return fromEngine(error);
  if (error instanceof ZohoError) return fromZoho(error);
  if (error instanceof JiraError) return fromJira(error);
  if (error instanceof StorageError) {
    return new RunFailedError(
      `Workspace storage: ${error.message}`,
      "Retry; if it persists, check the workspace file.",
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RunFailedError(
    `Unexpected error: ${message}`,
    "Retry; if it persists, report it with `kobik history` output.",
  );
}
