/**
 * One convergence check: what should hold, and whether it does. `details` names the exact records,
 * fields and values involved when the check failed (empty when it passed), so a failed demo run on
 * a CI machine can be diagnosed from its output alone.
 */
export interface DemoCheck {
  readonly name: string;
  readonly expected: string;
  readonly observed: string;
  readonly ok: boolean;
  readonly details: readonly string[];
}

/** A check whose details are only gathered when it failed. */
export async function check(
  name: string,
  expected: string,
  observed: string,
  details: () => Promise<string[]> | string[],
): Promise<DemoCheck> {
  const ok = expected === observed;
  return { name, expected, observed, ok, details: ok ? [] : await details() };
}
