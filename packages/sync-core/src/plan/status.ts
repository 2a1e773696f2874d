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
  const mapped: Mapped = {
    jira: crm === null ? undefined : status.crmToJira.get(crm),
    crm: jira === null ? undefined : status.jiraToCrm.get(jira),
  };
  if (crmChanged && jiraChanged && (mapped.jira === jira || mapped.crm === crm)) {
    return { base: { crm, jira }, warnings: [] };
  }
  const conflict = crmChanged && jiraChanged ? settle(input, mapped) : undefined;
  const source: Side = conflict?.winner ?? (crmChanged ? "crm" : "jira");
  const outcome = source === "crm" ? fromCrm(input, mapped.jira) : fromJira(input, mapped.crm);
  return conflict === undefined ? outcome : { ...outcome, conflict };
}

/** Each side's value mapped to the other side (undefined: no pair, or no value). */
interface Mapped {
  readonly jira: string | undefined;
  readonly crm: string | undefined;
}

function settle(input: StatusInput, mapped: Mapped): Conflict {
  const { crm, jira, base } = input;
  let resolution: Resolution = input.crmWritable
    ? resolveConflict(input, undefined, base !== null)
    : { winner: "crm", reason: "direction", nearTie: false };
  // As for fields: a winner the other side cannot represent would leave the conflict open.
  const carries = (side: Side) =>
    side === "crm" ? crm === null || mapped.jira !== undefined : jira === null || mapped.crm !== undefined;
  const loser: Side = resolution.winner === "crm" ? "jira" : "crm";
  if (input.crmWritable && !carries(resolution.winner) && carries(loser)) {
    resolution = { winner: loser, reason: "winner-unconvertible", nearTie: resolution.nearTie };
  }
  const baseValues = base === null ? null : { crm: asValue(base.crm), jira: asValue(base.jira) };
  return {
    field: "status",
    crmValue: asValue(crm),
    jiraValue: asValue(jira),
    base: baseValues,
    ...resolution,
  };
}

function fromCrm(input: StatusInput, mappedJira: string | undefined): StatusOutcome {
  const { crm, jira, base } = input;
  if (crm === null) return { base: { crm, jira }, warnings: [] };
  if (mappedJira === undefined) return { base, warnings: [unmapped("crm", crm)] };
  const transition = mappedJira === jira ? {} : { transitionTo: mappedJira };
  return { base: { crm, jira: mappedJira }, warnings: [], ...transition };
}

function fromJira(input: StatusInput, mappedCrm: string | undefined): StatusOutcome {
  const { crm, jira, base } = input;
  if (!input.crmWritable || jira === null) return { base: { crm, jira }, warnings: [] };
  if (mappedCrm === undefined) return { base, warnings: [unmapped("jira", jira)] };
  const update = mappedCrm === crm ? {} : { crmValue: mappedCrm };
  return { base: { crm: mappedCrm, jira }, warnings: [], ...update };
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
