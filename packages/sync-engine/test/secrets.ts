import { expect } from "vitest";
import { ALL_LOG_LINES, ALL_SECRETS } from "./harness.js";

/** Asserts that no captured log line of this test file contains any secret the harness used. */
export function expectNoSecretsInLogs(): void {
  expect(ALL_LOG_LINES.length).toBeGreaterThan(0);
  for (const secret of ALL_SECRETS) {
    const leaks = ALL_LOG_LINES.filter((line) => line.includes(secret));
    expect(leaks, `a log line contains a secret of ${secret.length} characters`).toEqual([]);
  }
}
