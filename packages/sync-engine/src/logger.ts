import { redactSecrets, redactValue } from "@kobik/transport";
import type { EngineLogger, LogFields } from "./types.js";

/**
 * Wraps the host's logger so every message and field is redacted before it leaves the engine: known
 * secrets by value, credential-shaped text by pattern, and fields named like secrets wholesale.
 */
export function redactingLogger(logger: EngineLogger, secrets: () => readonly string[]): EngineLogger {
  const line =
    (level: keyof EngineLogger) =>
    (message: string, fields?: LogFields): void => {
      const known = secrets();
      const clean = fields === undefined ? undefined : redactValue(toPlain(fields), [...known]);
      logger[level](redactSecrets(message, known), clean);
    };
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}

// Errors are not plain objects: log their name, code and message, never their raw cause chain.
function toPlain(fields: LogFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = value instanceof Error ? describeError(value) : value;
  return out;
}

/** The loggable and storable face of an error: name, code and message. */
export function describeError(error: unknown): { name: string; code: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === "string" ? code : "ERROR", message: error.message };
  }
  return { name: "Error", code: "ERROR", message: String(error) };
}
