/**
 * The outcome of a check whose failure is expected (bad config, unknown field): a plain value, so it
 * serialises across process and Forge resolver boundaries. Only broken invariants throw.
 */
export type ConfigResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * One problem found in a configuration, named by its path so an editor can point at it.
 *
 * @example
 * { path: ["fieldMappings", 2, "jiraField"], pathText: "fieldMappings[2].jiraField", code: "duplicate-jira-field",
 *   message: "Jira field \"summary\" is already mapped by fieldMappings[0]; map each Jira field once." }
 */
export interface ConfigIssue {
  readonly path: readonly (string | number)[];
  readonly pathText: string;
  readonly code: string;
  readonly message: string;
}

/** Renders a path as `fieldMappings[2].jiraField`. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** Builds a {@link ConfigIssue} with its `pathText` derived from `path`. */
export function configIssue(path: readonly (string | number)[], code: string, message: string): ConfigIssue {
  return { path, pathText: formatPath(path), code, message };
}
