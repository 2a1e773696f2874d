import type { PreparedMapping } from "../mapping/compile.js";
import type { FieldBase } from "../schema/link.js";
import type { Side } from "../schema/mapping.js";
import type { CanonicalValue } from "../schema/values.js";
import { canonicalEquals, isUnreadable, type Unreadable } from "../values/canonical.js";
import { type Resolution, type ResolveContext, resolveConflict } from "./resolve.js";
import type { Conflict, FieldChange, SyncWarning } from "./types.js";

/** The writes, conflicts and warnings collected while merging fields. */
export interface FieldAccumulator {
  readonly jiraWrites: { key: string; mapping: PreparedMapping; change: FieldChange }[];
  readonly crmWrites: { key: string; mapping: PreparedMapping; change: FieldChange }[];
  readonly conflicts: Conflict[];
  readonly warnings: SyncWarning[];
}

/** Inputs shared by every field of one link. */
export interface FieldMergeInput extends ResolveContext {
  readonly crmFields: Readonly<Record<string, unknown>>;
  readonly jiraFields: Readonly<Record<string, unknown>>;
  /** False for one-way items: nothing is ever planned into CRM. */
  readonly crmWritable: boolean;
}

/**
 * Three-way merge of one mapped field against its base: one side changed -> copy to the other; both
 * changed to equal values -> nothing; both changed differently -> conflict settled by policy.
 * A value equal to the base counts as unchanged, which is what makes our own writes plan to nothing.
 */
export function mergeField(
  m: PreparedMapping,
  base: FieldBase | undefined,
  input: FieldMergeInput,
  acc: FieldAccumulator,
): FieldBase | undefined {
  const crm = m.readCrm(input.crmFields, base?.crm);
  const jira = m.readJira(input.jiraFields, base?.jira);
  // The common case: both readers handed back the base values themselves.
  if (base !== undefined && crm === base.crm && jira === base.jira) return base;
  if (isUnreadable(crm) || isUnreadable(jira)) {
    const side: Side = isUnreadable(crm) ? "crm" : "jira";
    const reason = isUnreadable(crm) ? crm.reason : (jira as Unreadable).reason;
    acc.warnings.push({
      code: "unreadable-value",
      field: m.key,
      side,
      message: `Skipped ${m.key}: the ${side} value is unreadable (${reason}).`,
    });
    return base;
  }
  // Never synced: an empty side has nothing to defend, so the filled side is the only change.
  const crmChanged =
    base === undefined ? crm.kind !== "null" || jira.kind === "null" : !canonicalEquals(crm, base.crm);
  const jiraChanged =
    base === undefined ? jira.kind !== "null" || crm.kind === "null" : !canonicalEquals(jira, base.jira);
  if (!crmChanged && !jiraChanged) return base;
  const toJira = m.direction !== "jira-to-crm";
  const toCrm = m.direction !== "crm-to-jira" && input.crmWritable;
  let source: Side | undefined = crmChanged && !jiraChanged ? "crm" : !crmChanged ? "jira" : undefined;
  if (source === undefined) {
    if (alreadyEqual(m, crm, jira, toJira, toCrm)) return { crm, jira };
    source = settle(m, crm, jira, base, input, toJira, toCrm, acc);
  }
  if (source === "crm" && toJira) return propagate(m, "jira", crm, jira, base, acc);
  if (source === "jira" && toCrm) return propagate(m, "crm", jira, crm, base, acc);
  return { crm, jira };
}

function alreadyEqual(
  m: PreparedMapping,
  crm: CanonicalValue,
  jira: CanonicalValue,
  toJira: boolean,
  toCrm: boolean,
): boolean {
  if (toJira) {
    const converted = m.toJira(crm);
    if (converted.ok && canonicalEquals(converted.value, jira)) return true;
  }
  if (toCrm || !toJira) {
    const converted = m.toCrm(jira);
    if (converted.ok && canonicalEquals(converted.value, crm)) return true;
  }
  return false;
}

function settle(
  m: PreparedMapping,
  crm: CanonicalValue,
  jira: CanonicalValue,
  base: FieldBase | undefined,
  input: FieldMergeInput,
  toJira: boolean,
  toCrm: boolean,
  acc: FieldAccumulator,
): Side {
  // A one-directional mapping has a single possible source; that is recorded, not decided by policy.
  let resolution: Resolution =
    toJira && toCrm
      ? resolveConflict(input, m.owner, base !== undefined)
      : { winner: toJira ? "crm" : "jira", reason: "direction", nearTie: false };
  // A winner the other side cannot hold (e.g. a value missing from the value map) would leave the
  // conflict open and let the next clock reading flip it; the representable side wins instead.
  if (
    toJira &&
    toCrm &&
    !convertible(m, resolution.winner, crm, jira) &&
    convertible(m, other(resolution.winner), crm, jira)
  ) {
    resolution = {
      winner: other(resolution.winner),
      reason: "winner-unconvertible",
      nearTie: resolution.nearTie,
    };
  }
  acc.conflicts.push({ field: m.key, crmValue: crm, jiraValue: jira, base: base ?? null, ...resolution });
  return resolution.winner;
}

function convertible(m: PreparedMapping, from: Side, crm: CanonicalValue, jira: CanonicalValue): boolean {
  return from === "crm" ? m.toJira(crm).ok : m.toCrm(jira).ok;
}

function other(side: Side): Side {
  return side === "crm" ? "jira" : "crm";
}

function propagate(
  m: PreparedMapping,
  target: Side,
  value: CanonicalValue,
  current: CanonicalValue,
  base: FieldBase | undefined,
  acc: FieldAccumulator,
): FieldBase | undefined {
  const converted = target === "jira" ? m.toJira(value) : m.toCrm(value);
  if (!converted.ok) {
    const shown = converted.value === undefined ? {} : { value: converted.value };
    acc.warnings.push({
      code: converted.code,
      field: m.key,
      side: target,
      message: `Not written to ${target} ${m.key}: ${converted.reason}.`,
      ...shown,
    });
    // The old base stays: the change is seen (and warned about) again until the config can carry it.
    return base;
  }
  const next = converted.value;
  const entry = target === "jira" ? { crm: value, jira: next } : { crm: next, jira: value };
  if (canonicalEquals(next, current)) return entry;
  const change: FieldChange = {
    field: target === "jira" ? m.key : (m.crmField ?? m.key),
    from: current,
    to: next,
  };
  (target === "jira" ? acc.jiraWrites : acc.crmWrites).push({ key: m.key, mapping: m, change });
  return entry;
}
