// Hash and crypto functions: md5 sha1 sha256 sha512 base64sha256 base64sha512, their file* variants,
// uuid (random, v4), uuidv5 (name-based, SHA-1) and bcrypt (random salt, like Terraform's).
import { createHash, randomBytes } from "node:crypto";
import { NumberType, StringType } from "../types.js";
import { Value } from "../value.js";
import { bcryptHash } from "./bcrypt.js";
import { readFileRaw } from "./filesystem.js";
import { FunctionError, type FunctionSpec } from "./spec.js";

type Algo = "md5" | "sha1" | "sha256" | "sha512";

function hashFn(name: string, algo: Algo, enc: "hex" | "base64"): FunctionSpec {
  return {
    name,
    params: [{ name: "str", type: StringType }],
    type: StringType,
    impl: (a) => Value.string(createHash(algo).update(Buffer.from(a[0]!.asString(), "utf8")).digest(enc)),
  };
}

function fileHashFn(name: string, algo: Algo, enc: "hex" | "base64"): FunctionSpec {
  return {
    name,
    params: [{ name: "path", type: StringType }],
    type: StringType,
    impl: (a, ctx) => {
      const b = readFileRaw(ctx, a[0]!.asString());
      return b instanceof FunctionError ? b : Value.string(createHash(algo).update(b).digest(enc));
    },
  };
}

const namespaces: Record<string, string> = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

/** github.com/google/uuid's Parse: the plain, braced, urn:uuid: and 32-hex forms. */
function parseUuid(s: string): Buffer | string {
  let t = s;
  if (t.length === 36 + 9 && t.toLowerCase().startsWith("urn:uuid:")) t = t.slice(9);
  else if (t.length === 36 + 2) t = t.slice(1, -1);
  if (t.length === 36) {
    if (t[8] !== "-" || t[13] !== "-" || t[18] !== "-" || t[23] !== "-") return "invalid UUID format";
    t = t.replace(/-/g, "");
  } else if (t.length !== 32) return `invalid UUID length: ${s.length}`;
  if (!/^[0-9a-fA-F]{32}$/.test(t)) return "invalid UUID format";
  return Buffer.from(t, "hex");
}

function formatUuid(b: Buffer): string {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const cryptoFunctions: FunctionSpec[] = [
  hashFn("md5", "md5", "hex"),
  hashFn("sha1", "sha1", "hex"),
  hashFn("sha256", "sha256", "hex"),
  hashFn("sha512", "sha512", "hex"),
  hashFn("base64sha256", "sha256", "base64"),
  hashFn("base64sha512", "sha512", "base64"),
  fileHashFn("filemd5", "md5", "hex"),
  fileHashFn("filesha1", "sha1", "hex"),
  fileHashFn("filesha256", "sha256", "hex"),
  fileHashFn("filesha512", "sha512", "hex"),
  fileHashFn("filebase64sha256", "sha256", "base64"),
  fileHashFn("filebase64sha512", "sha512", "base64"),
  {
    name: "bcrypt",
    params: [{ name: "str", type: StringType }],
    varParam: { name: "cost", type: NumberType },
    type: StringType,
    impure: true,
    impl: (a) => {
      if (a.length > 2) return new FunctionError(`bcrypt() takes no more than two arguments, but got ${a.length}`);
      let cost = 10;
      if (a.length === 2) {
        const n = a[1]!.asNumber();
        if (!n.isInt()) return new FunctionError("value must be a whole number", 1);
        cost = Number(n.toBigInt());
      }
      const failed = "error occured generating password"; // sic, Terraform's wording
      if (Buffer.byteLength(a[0]!.asString(), "utf8") > 72) return new FunctionError(`${failed} bcrypt: password length exceeds 72 bytes`);
      if (cost > 31) return new FunctionError(`${failed} crypto/bcrypt: cost ${cost} is outside allowed range (4,31)`);
      return Value.string(bcryptHash(a[0]!.asString(), cost));
    },
  },
  {
    name: "uuid",
    params: [],
    type: StringType,
    impure: true,
    impl: () => {
      const b = randomBytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      return Value.string(formatUuid(b));
    },
  },
  {
    name: "uuidv5",
    params: [
      { name: "namespace", type: StringType },
      { name: "name", type: StringType },
    ],
    type: StringType,
    impl: (a) => {
      const nsText = a[0]!.asString();
      const ns = parseUuid(namespaces[nsText] ?? nsText);
      if (typeof ns === "string") return new FunctionError(`uuidv5() doesn't support namespace ${nsText} (${ns})`);
      const h = createHash("sha1").update(ns).update(Buffer.from(a[1]!.asString(), "utf8")).digest().subarray(0, 16);
      h[6] = (h[6]! & 0x0f) | 0x50;
      h[8] = (h[8]! & 0x3f) | 0x80;
      return Value.string(formatUuid(Buffer.from(h)));
    },
  },
];
