import type { PreparedStatus } from "../mapping/prepare-status.js";
import type { LinkBase } from "../schema/link.js";
import type { Side } from "../schema/mapping.js";
import { type Resolution, type ResolveContext, resolveConflict } from "./resolve.js";
import type { Conflict, SyncWarning } from "./types.js";

/** What status sync decided for one link. */
export interface StatusOutcome {
  readonly base: LinkBase["status"];
  readonly transitionTo?: string;
  readonly crmValue?: string;
  readonly conflict?: Conflict;
  readonly warnings: readonly SyncWarning[];
}

/** Inputs of status sync for one link. */
export interface StatusInput extends ResolveContext {
  readonly crm: string | null;
  readonly jira: string | null;
  readonly base: LinkBase["status"];
  readonly crmWritable: boolean;
}

/**
 * Status sync is a three-way merge of one value with a value map in each direction: the CRM value maps
 * to a Jira status reached by a transition, the Jira status maps to a CRM picklist value.
 */
export function mergeStatus(status: PreparedStatus, input: StatusInput): StatusOutcome {
  const { crm, jira, base } = input;
  const crmChanged = base === null ? crm !== null || jira === null : crm !== base.crm;
  const jiraChanged = base === null ? jira !== null || crm === null : jira !== base.jira;
  if (!crmChanged && !jiraChanged) return { base, warnings: [] };
  const mappedJira = crm === null ? undefined : status.crmToJira.get(crm);
  const mappedCrm = jira === null ? undefined : status.jiraToCrm.get(jira);
  if (crmChanged && jiraChanged && (mappedJira === jira || mappedCrm === crm))
    return { base: { crm, jira }, warnings: [] };
  let source: Side = crmChanged && !jiraChanged ? "crm" : "jira";
  let conflict: Conflict | undefined;
  if (crmChanged && jiraChanged) {
    let resolution: Resolution = input.crmWritable
      ? resolveConflict(input, undefined, base !== null)
      : { winner: "crm", reason: "direction", nearTie: false };
    // As for fields: a winner the other side cannot represent would leave the conflict open.
    const carries = (side: Side) =>
      side === "crm" ? crm === null || mappedJira !== undefined : jira === null || mappedCrm !== undefined;
    const loser: Side = resolution.winner === "crm" ? "jira" : "crm";
    if (input.crmWritable && !carries(resolution.winner) && carries(loser)) {
      resolution = { winner: loser, reason: "winner-unconvertible", nearTie: resolution.nearTie };
    }
    source = resolution.winner;
    conflict = {
      field: "status",
      crmValue: asValue(crm),
      jiraValue: asValue(jira),
      base: base === null ? null : { crm: asValue(base.crm), jira: asValue(base.jira) },
      ...resolution,
    };
  }
  const extra = conflict === undefined ? {} : { conflict };
  if (source === "crm") {
    if (crm === null) return { base: { crm, jira }, warnings: [], ...extra };
    if (mappedJira === undefined) return { base, warnings: [unmapped("crm", crm)], ...extra };
    return {
      base: { crm, jira: mappedJira },
      warnings: [],
      ...(mappedJira === jira ? {} : { transitionTo: mappedJira }),
      ...extra,
    };
  }
  if (!input.crmWritable || jira === null) return { base: { crm, jira }, warnings: [], ...extra };
  if (mappedCrm === undefined) return { base, warnings: [unmapped("jira", jira)], ...extra };
  return {
    base: { crm: mappedCrm, jira },
    warnings: [],
    ...(mappedCrm === crm ? {} : { crmValue: mappedCrm }),
    ...extra,
  };
}

function asValue(value: string | null) {
  return value === null ? { kind: "null" as const } : { kind: "picklist" as const, value };
}

function unmapped(side: Side, value: string): SyncWarning {
  const other = side === "crm" ? "Jira status" : "CRM value";
  return {
    code: "status-unmapped",
    side,
    value,
    field: "status",
    message: `Status "${value}" (${side}) has no ${other} in statusMapping.pairs: add a pair to sync it.`,
  };
}
