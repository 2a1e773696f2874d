import { closeSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import { asSecretKey, generateSecretKey, type SecretKey } from "./secret-box.js";

/** The key could not be read or is malformed; the message says how to fix it. */
export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

/** Where the key comes from: `KOBIK_SECRET_KEY` wins over the key file. */
export interface SecretKeySource {
  /** Value of `KOBIK_SECRET_KEY`: 32 bytes as 64 hex digits or base64. */
  readonly envValue?: string | undefined;
  /** Key file path; created with mode 0600 when missing. */
  readonly keyFile: string;
}

/** Decodes a key written as 64 hex digits or as base64 (standard or url-safe). */
export function parseSecretKey(text: string, origin: string): SecretKey {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed, "base64")
      : null;
  if (bytes === null || bytes.length !== 32) {
    throw new SecretKeyError(
      `${origin} is not a 32-byte key. Write 64 hex digits or base64, e.g. the output of \`openssl rand -base64 32\`.`,
    );
  }
  return asSecretKey(bytes);
}

function readKeyFile(keyFile: string): SecretKey {
  const mode = statSync(keyFile).mode & 0o777;
  // Like ssh with private keys: a key others can read protects nothing, so refuse to use it.
  if ((mode & 0o077) !== 0) {
    throw new SecretKeyError(
      `The key file ${keyFile} is readable by other users (mode ${mode.toString(8)}). Run \`chmod 600 ${keyFile}\` and retry.`,
    );
  }
  return parseSecretKey(readFileSync(keyFile, "utf8"), `The key file ${keyFile}`);
}

function createKeyFile(keyFile: string): SecretKey {
  const key = generateSecretKey();
  // "wx" fails if another process created the file first; mode applies before any byte is written.
  const fd = openSync(keyFile, "wx", 0o600);
  try {
    writeSync(fd, `${key.toString("base64")}\n`);
  } finally {
    closeSync(fd);
  }
  return key;
}

/**
 * The workspace's secret key: from `KOBIK_SECRET_KEY` when set, else from the key file, which is
 * created (mode 0600, random 32 bytes) on first use.
 */
export function loadSecretKey(source: SecretKeySource): SecretKey {
  if (source.envValue !== undefined && source.envValue !== "") {
    return parseSecretKey(source.envValue, "KOBIK_SECRET_KEY");
  }
  try {
    return readKeyFile(source.keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    return createKeyFile(source.keyFile);
  } catch (error) {
    // Lost the race to another process creating it: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readKeyFile(source.keyFile);
    throw error;
  }
}
