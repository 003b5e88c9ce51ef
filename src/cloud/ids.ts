// Identifiers and ARNs in the forms AWS gives them.
//   unique ids   AIDA (user) AROA (role) ANPA (managed policy) AGPA (group) AIPA (instance profile): prefix + 17
//   access keys  AKIA (long-term) ASIA (temporary): prefix + 16, secrets of 40 characters
//   request ids  UUID v4 as IAM/STS return them
import { randomBytes, randomFillSync, randomInt, randomUUID } from "node:crypto";

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Random bytes are drawn from the OS in blocks: one getrandom() per few hundred ids instead of one per id.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomFrom(alphabet: string, length: number): string {
  if (poolOffset + length > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let out = "";
  // Both alphabets have a power-of-two size, so masking keeps the distribution uniform.
  const mask = alphabet.length - 1;
  for (let i = 0; i < length; i++) out += alphabet[pool[poolOffset + i]! & mask];
  poolOffset += length;
  return out;
}

export type UniqueIdPrefix = "AIDA" | "AROA" | "ANPA" | "AGPA" | "AIPA";

export function uniqueId(prefix: UniqueIdPrefix): string {
  return prefix + randomFrom(UPPER_ALNUM, 17);
}

export function accessKeyId(kind: "AKIA" | "ASIA"): string {
  return kind + randomFrom(UPPER_ALNUM, 16);
}

export function secretAccessKey(): string {
  return randomFrom(SECRET_CHARS, 40);
}

/** An opaque session token, as long as STS's are (a few hundred base64 characters). */
export function sessionToken(): string {
  return "IQoJb3JpZ2luX2VjE" + randomBytes(264).toString("base64");
}

/**
 * Random bytes as URL-safe base64 that starts with a letter or digit (S3's version and upload ids): a value that
 * starts with "-" reads as an option to the aws CLI (`--version-id -Xw1q…` is "expected one argument").
 */
export function urlSafeToken(bytes: number): string {
  for (;;) {
    const token = randomBytes(bytes).toString("base64url");
    if (token[0] !== "-" && token[0] !== "_") return token;
  }
}

export function requestId(): string {
  return randomUUID();
}

/** A 12-digit account id that does not start with 0 (so it never loses digits as a number). */
export function newAccountId(): string {
  let id = String(randomInt(1, 10));
  for (let i = 0; i < 11; i++) id += String(randomInt(0, 10));
  return id;
}

export function iamArn(accountId: string, kind: "user" | "role" | "group" | "policy" | "instance-profile", path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}
