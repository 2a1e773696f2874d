/** A stream the CLI writes to; `isTTY` decides between progress bars and plain lines. */
export interface CliStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** How a command prints: human text, or one JSON document on stdout with `--json`. */
export interface Output {
  readonly json: boolean;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** A line of human output; suppressed in JSON mode so stdout stays one parseable document. */
  line(text?: string): void;
  /** Progress and notices on stderr; shown in both modes. */
  note(text: string): void;
  /** The command's result: JSON in JSON mode, else rendered by `human`. */
  result<T>(value: T, human: (value: T) => void): void;
  /** A left-aligned text table. */
  table(header: readonly string[], rows: readonly (readonly string[])[]): void;
}

/** Pads columns to their widest cell. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Builds the {@link Output} of one invocation. */
export function createOutput(stdout: CliStream, stderr: CliStream, json: boolean): Output {
  return {
    json,
    stdout,
    stderr,
    line(text = "") {
      if (!json) stdout.write(`${text}\n`);
    },
    note(text) {
      stderr.write(`${text}\n`);
    },
    result(value, human) {
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else human(value);
    },
    table(header, rows) {
      if (!json) stdout.write(`${renderTable(header, rows)}\n`);
    },
  };
}
