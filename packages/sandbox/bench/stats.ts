import { loadavg } from "node:os";

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `load 1.23 / 2.34 / 3.45` (1, 5, 15 minutes), printed next to every figure. */
export function load(): string {
  return `load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ")}`;
}
