import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/** Layout of a sealed secret: format byte, 12-byte nonce, 16-byte GCM tag, ciphertext. */
const FORMAT = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte AES-256-GCM key. Branded so a random Buffer is not passed by mistake. */
export type SecretKey = Buffer & { readonly __secretKey: true };

/** The stored secret cannot be opened: wrong key, or the row was tampered with. */
export class SecretDecryptionError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(
      `Secret "${key}" cannot be decrypted with this workspace's key. Set KOBIK_SECRET_KEY to the key it was saved with (or restore the key file), or run \`kobik connect\` again to replace it.`,
    );
    this.name = "SecretDecryptionError";
    this.key = key;
  }
}

/** Wraps 32 raw bytes as a {@link SecretKey}. */
export function asSecretKey(bytes: Buffer): SecretKey {
  if (bytes.length !== 32) throw new RangeError("A secret key must be exactly 32 bytes");
  return bytes as SecretKey;
}

/** A fresh random key. */
export function generateSecretKey(): SecretKey {
  return asSecretKey(randomBytes(32));
}

/**
 * Encrypts `value` under `key`. The secret's name is authenticated data, so a sealed value copied
 * onto another name's row fails to open instead of handing out the wrong credential.
 */
export function seal(key: SecretKey, name: string, value: string): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(name, "utf8"));
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT), nonce, cipher.getAuthTag(), body]);
}

/** Decrypts what {@link seal} produced for the same name; {@link SecretDecryptionError} otherwise. */
export function open(key: SecretKey, name: string, sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed);
  if (bytes[0] !== FORMAT || bytes.length < 1 + NONCE_BYTES + TAG_BYTES)
    throw new SecretDecryptionError(name);
  const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
  const tag = bytes.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce);
    decipher.setAAD(Buffer.from(name, "utf8"));
    decipher.setAuthTag(tag);
    const body = bytes.subarray(1 + NONCE_BYTES + TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError(name);
  }
}

/** A non-secret fingerprint of a key, stored beside the data to detect a wrong key up front. */
export function keyFingerprint(key: SecretKey): string {
  return createHmac("sha256", key).update("kobik-secret-key-check").digest("hex").slice(0, 32);
}
