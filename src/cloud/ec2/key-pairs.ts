// Key pairs: CreateKeyPair (real RSA or ED25519 keys from node:crypto), ImportKeyPair (OpenSSH public keys),
// Describe, Delete. Fingerprints as AWS documents them: SHA-1 of the PKCS#8 DER private key for RSA keys AWS
// created, MD5 of the DER public key for imported RSA keys, base64 SHA-256 of the OpenSSH key blob for ED25519.
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import type { ActionContext, ActionSpec, Params } from "../service.js";
import { ec2Error, invalidParameterValue, missingParameter } from "./errors.js";
import { applyFilters, filtersOf, strList, tagSpecs, tagsOut } from "./filters.js";
import { type Ec2Model, type Resource, ec2Id } from "./model.js";
import { arn } from "./vpcs.js";

type Ctx = ActionContext<Ec2Model>;

export interface KeyPair extends Resource {
  name: string;
  keyType: "rsa" | "ed25519";
  fingerprint: string;
  publicKey: string;
  createTime: number;
}

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

function mpint(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return sshString(v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function colonHex(digest: Buffer): string {
  return [...digest].map((x) => x.toString(16).padStart(2, "0")).join(":");
}

function sshPublicBlob(pub: KeyObject): Buffer {
  const jwk = pub.export({ format: "jwk" });
  if (jwk.kty === "OKP") return Buffer.concat([sshString(Buffer.from("ssh-ed25519")), sshString(Buffer.from(jwk.x!, "base64url"))]);
  return Buffer.concat([sshString(Buffer.from("ssh-rsa")), mpint(Buffer.from(jwk.e!, "base64url")), mpint(Buffer.from(jwk.n!, "base64url"))]);
}

/** An ED25519 private key in OpenSSH's own format (what AWS hands out for ED25519 key pairs). */
function openSshPrivateKey(priv: KeyObject, pub: KeyObject, comment: string): string {
  const jwk = priv.export({ format: "jwk" });
  const seed = Buffer.from(jwk.d!, "base64url");
  const pk = Buffer.from(jwk.x!, "base64url");
  const blob = sshPublicBlob(pub);
  const check = randomBytes(4);
  let body = Buffer.concat([check, check, sshString(Buffer.from("ssh-ed25519")), sshString(pk), sshString(Buffer.concat([seed, pk])), sshString(Buffer.from(comment))]);
  const pad: number[] = [];
  for (let i = 1; (body.length + pad.length) % 8 !== 0; i++) pad.push(i);
  body = Buffer.concat([body, Buffer.from(pad)]);
  const none = sshString(Buffer.from("none"));
  const all = Buffer.concat([Buffer.from("openssh-key-v1\0"), none, none, sshString(Buffer.alloc(0)), Buffer.from([0, 0, 0, 1]), sshString(blob), sshString(body)]);
  const b64 = all.toString("base64").replace(/(.{70})/g, "$1\n").replace(/\n$/, "");
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/** The public key of an imported OpenSSH line, or undefined when it is not one. */
function parseOpenSsh(text: string): { keyType: "rsa" | "ed25519"; key: KeyObject; blob: Buffer } | undefined {
  const m = /^(ssh-rsa|ssh-ed25519)\s+([A-Za-z0-9+/=]+)(\s.*)?$/s.exec(text.trim());
  if (!m) return undefined;
  const blob = Buffer.from(m[2]!, "base64");
  const fields: Buffer[] = [];
  let off = 0;
  while (off + 4 <= blob.length) {
    const len = blob.readUInt32BE(off);
    if (off + 4 + len > blob.length) return undefined;
    fields.push(blob.subarray(off + 4, off + 4 + len));
    off += 4 + len;
  }
  if (off !== blob.length || fields[0]?.toString() !== m[1]) return undefined;
  try {
    if (m[1] === "ssh-ed25519") {
      if (fields.length !== 2 || fields[1]!.length !== 32) return undefined;
      return { keyType: "ed25519", key: createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: fields[1]!.toString("base64url") }, format: "jwk" }), blob };
    }
    if (fields.length !== 3) return undefined;
    const strip = (b: Buffer): Buffer => (b[0] === 0 ? b.subarray(1) : b);
    const key = createPublicKey({ key: { kty: "RSA", e: strip(fields[1]!).toString("base64url"), n: strip(fields[2]!).toString("base64url") }, format: "jwk" });
    return { keyType: "rsa", key, blob };
  } catch {
    return undefined;
  }
}

function byName(ctx: Ctx, name: string): KeyPair | undefined {
  return ctx.model.list<KeyPair>(ctx.region, "key-pair").find((k) => k.name === name);
}

export function keyPairByName(ctx: Ctx, name: string): KeyPair {
  const k = byName(ctx, name);
  if (!k) throw ec2Error("InvalidKeyPair.NotFound", `The key pair '${name}' does not exist`);
  return k;
}

function checkNew(ctx: Ctx, p: Params): string {
  const name = p.KeyName as string | undefined;
  if (name === undefined) throw missingParameter("keyName");
  if (name.length === 0 || name.length > 255) throw invalidParameterValue(`Value (${name}) for parameter keyName is invalid.`);
  if (byName(ctx, name)) throw ec2Error("InvalidKeyPair.Duplicate", `The keypair '${name}' already exists.`);
  return name;
}

function keyOut(k: KeyPair, includePublic: boolean): Record<string, unknown> {
  return {
    KeyPairId: k.id,
    KeyFingerprint: k.fingerprint,
    KeyName: k.name,
    KeyType: k.keyType,
    CreateTime: new Date(k.createTime),
    ...(includePublic ? { PublicKey: k.publicKey } : {}),
    ...tagsOut(k.tags),
  };
}

export const keyPairActions: Record<string, ActionSpec<Ec2Model>> = {
  CreateKeyPair: {
    iamAction: "ec2:CreateKeyPair",
    mutating: true,
    resource: (ctx, p) => arn(ctx, "key-pair", (p.KeyName as string | undefined) ?? "*"),
    run(ctx, p) {
      const name = checkNew(ctx, p);
      const keyType = ((p.KeyType as string | undefined) ?? "rsa") as "rsa" | "ed25519";
      if (keyType !== "rsa" && keyType !== "ed25519") throw invalidParameterValue(`Value (${String(keyType)}) for parameter keyType is invalid.`);
      if (p.KeyFormat !== undefined && p.KeyFormat !== "pem") throw invalidParameterValue(`Value (${String(p.KeyFormat)}) for parameter keyFormat is invalid. tfsim only produces pem.`);
      let material: string;
      let fingerprint: string;
      let pub: KeyObject;
      if (keyType === "rsa") {
        const kp = generateKeyPairSync("rsa", { modulusLength: 2048 });
        pub = kp.publicKey;
        material = kp.privateKey.export({ type: "pkcs1", format: "pem" }).toString().trimEnd();
        fingerprint = colonHex(createHash("sha1").update(kp.privateKey.export({ type: "pkcs8", format: "der" })).digest());
      } else {
        const kp = generateKeyPairSync("ed25519");
        pub = kp.publicKey;
        material = openSshPrivateKey(kp.privateKey, kp.publicKey, name);
        fingerprint = createHash("sha256").update(sshPublicBlob(pub)).digest("base64");
      }
      const k: KeyPair = {
        id: ec2Id("key"),
        tags: tagSpecs(p, "key-pair"),
        name,
        keyType,
        fingerprint,
        publicKey: `${keyType === "rsa" ? "ssh-rsa" : "ssh-ed25519"} ${sshPublicBlob(pub).toString("base64")} ${name}`,
        createTime: ctx.nowMs,
      };
      ctx.model.insert(ctx.region, "key-pair", k);
      return { KeyFingerprint: k.fingerprint, KeyMaterial: material, KeyName: k.name, KeyPairId: k.id, ...tagsOut(k.tags) };
    },
  },
  ImportKeyPair: {
    iamAction: "ec2:ImportKeyPair",
    mutating: true,
    resource: (ctx, p) => arn(ctx, "key-pair", (p.KeyName as string | undefined) ?? "*"),
    run(ctx, p) {
      const name = checkNew(ctx, p);
      const raw = p.PublicKeyMaterial;
      const text = Buffer.isBuffer(raw) ? raw.toString("utf8") : typeof raw === "string" ? raw : undefined;
      if (text === undefined) throw missingParameter("publicKeyMaterial");
      const parsed = parseOpenSsh(text);
      if (!parsed) throw ec2Error("InvalidKeyPair.Format", "Key is not in valid OpenSSH public key format");
      const fingerprint =
        parsed.keyType === "rsa"
          ? colonHex(createHash("md5").update(parsed.key.export({ type: "spki", format: "der" })).digest())
          : createHash("sha256").update(parsed.blob).digest("base64");
      const k: KeyPair = {
        id: ec2Id("key"),
        tags: tagSpecs(p, "key-pair"),
        name,
        keyType: parsed.keyType,
        fingerprint,
        publicKey: text.trim(),
        createTime: ctx.nowMs,
      };
      ctx.model.insert(ctx.region, "key-pair", k);
      return { KeyFingerprint: k.fingerprint, KeyName: k.name, KeyPairId: k.id, ...tagsOut(k.tags) };
    },
  },
  DescribeKeyPairs: {
    iamAction: "ec2:DescribeKeyPairs",
    mutating: false,
    run(ctx, p) {
      let items = ctx.model.list<KeyPair>(ctx.region, "key-pair");
      const names = strList(p, "KeyNames");
      const ids = strList(p, "KeyPairIds");
      for (const n of names) if (!items.some((k) => k.name === n)) throw ec2Error("InvalidKeyPair.NotFound", `The key pair '${n}' does not exist`);
      for (const n of ids) if (!items.some((k) => k.id === n)) throw ec2Error("InvalidKeyPair.NotFound", `The key pair '${n}' does not exist`);
      if (names.length || ids.length) items = items.filter((k) => names.includes(k.name) || ids.includes(k.id));
      items = applyFilters(items, filtersOf(p), { "key-name": (k) => k.name, "key-pair-id": (k) => k.id, fingerprint: (k) => k.fingerprint, "key-type": (k) => k.keyType });
      return { KeyPairs: items.map((k) => keyOut(k, p.IncludePublicKey === true)) };
    },
  },
  DeleteKeyPair: {
    iamAction: "ec2:DeleteKeyPair",
    mutating: true,
    resource: (ctx, p) => arn(ctx, "key-pair", (p.KeyName as string | undefined) ?? "*"),
    run(ctx, p) {
      const id = p.KeyPairId as string | undefined;
      const name = p.KeyName as string | undefined;
      if (id === undefined && name === undefined) throw missingParameter("keyName");
      const k = id !== undefined ? ctx.model.get<KeyPair>(ctx.region, "key-pair", id) : byName(ctx, name!);
      // AWS answers success for a key pair that does not exist.
      if (k) ctx.model.remove(k.id);
      return { Return: true, ...(k ? { KeyPairId: k.id } : {}) };
    },
  },
};
