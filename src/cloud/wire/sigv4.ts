// AWS Signature Version 4, verified as AWS verifies it: the Authorization-header form and the presigned
// query-string form, canonical request → string to sign → derived key → HMAC. The same canonicalisation signs
// requests too (signSigV4), for tfsim's own HTTP client and benchmarks.
//
// Reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html and botocore/auth.py.
import { createHmac, hash, timingSafeEqual } from "node:crypto";
import type { AwsErrorShape } from "../api.js";

export const ALGORITHM = "AWS4-HMAC-SHA256";
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/** AWS refuses requests whose time is further than this from its clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL may live at most a week. */
export const MAX_PRESIGN_EXPIRES = 604800;

/** An HTTP request as it arrived, before any decoding: what the signature covers. */
export interface WireRequest {
  readonly method: string;
  /** The path exactly as sent (still percent-encoded), without the query string. */
  readonly path: string;
  /** The raw query string without "?" ("" when none). */
  readonly query: string;
  /** Node's rawHeaders: [name, value, name, value, ...], names in any case, repeats kept. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

export interface SigV4Credential {
  readonly accessKeyId: string;
  /** yyyymmdd */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** A request's SigV4 authentication, parsed but not yet verified. */
export interface SigV4Auth {
  readonly form: "header" | "query";
  readonly credential: SigV4Credential;
  readonly sessionToken: string | undefined;
  /** The request time as signed (yyyymmddThhmmssZ). */
  readonly amzDate: string;
  readonly time: number;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** X-Amz-Expires of the query form, in seconds. */
  readonly expires: number | undefined;
}

export type AuthParse =
  | { readonly kind: "anonymous" }
  | { readonly kind: "sigv4"; readonly auth: SigV4Auth }
  | { readonly kind: "error"; readonly error: AwsErrorShape };

function err(code: string, message: string, httpStatus: number, extra?: Record<string, string>): AwsErrorShape {
  return extra ? { code, message, httpStatus, type: "Sender", extra } : { code, message, httpStatus, type: "Sender" };
}

/**
 * A request's headers by lower-case name, each name's values in order: made once per rawHeaders (a request asks
 * for a dozen headers and signs half a dozen; lower-casing every name for every question cost more than this).
 * rawHeaders are never changed once read.
 */
const headerIndexes = new WeakMap<readonly string[], Map<string, string[]>>();

function headerIndex(rawHeaders: readonly string[]): Map<string, string[]> {
  let index = headerIndexes.get(rawHeaders);
  if (index === undefined) {
    index = new Map();
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toLowerCase();
      const values = index.get(name);
      if (values === undefined) index.set(name, [rawHeaders[i + 1]!]);
      else values.push(rawHeaders[i + 1]!);
    }
    headerIndexes.set(rawHeaders, index);
  }
  return index;
}

/** The value of a header (case-insensitive name); repeated headers joined with ",". */
export function headerValue(rawHeaders: readonly string[], lowerName: string): string | undefined {
  const values = headerIndex(rawHeaders).get(lowerName);
  return values === undefined ? undefined : values.length === 1 ? values[0] : values.join(",");
}

/** Splits a raw query string into decoded [key, value] pairs in order ("+" stays "+": SigV4 clients encode spaces as %20). */
export function queryPairs(query: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (query === "") return out;
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? "" : part.slice(eq + 1);
    out.push([safeDecode(k), safeDecode(v)]);
  }
  return out;
}

function safeDecode(s: string): string {
  if (s.indexOf("%") < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const UNRESERVED = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~") UNRESERVED[c.charCodeAt(0)] = 1;
const HEX = "0123456789ABCDEF";

/** SigV4's URI encoding: every byte except A-Z a-z 0-9 - _ . ~ (and "/" when keepSlash) as %XX, upper-case hex. */
export function uriEncode(s: string, keepSlash = false): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (UNRESERVED[c] !== 1 && !(keepSlash && c === 47))) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  let out = "";
  for (const b of Buffer.from(s, "utf8")) {
    if (b < 128 && (UNRESERVED[b] === 1 || (keepSlash && b === 47))) out += String.fromCharCode(b);
    else out += "%" + HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}

/** RFC 3986 dot-segment removal, and AWS also collapses empty segments (botocore's normalize_url_path). */
export function normalizePath(path: string): string {
  if (path === "") return "/";
  if (path.indexOf("/.") < 0 && path.indexOf("//") < 0) return path;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  const first = path.startsWith("/") ? "/" : "";
  const last = path.endsWith("/") && out.length > 0 ? "/" : "";
  return first + out.join("/") + last;
}

/** The canonical URI: S3 signs the path as sent; every other service normalises it and encodes it again. */
export function canonicalUri(rawPath: string, service: string): string {
  if (service === "s3") return rawPath === "" ? "/" : rawPath;
  return uriEncode(normalizePath(rawPath), true);
}

export function canonicalQuery(query: string, excludeSignature: boolean): string {
  if (query === "") return "";
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of queryPairs(query)) {
    if (excludeSignature && k === "X-Amz-Signature") continue;
    pairs.push([uriEncode(k), uriEncode(v)]);
  }
  // By encoded key, then by encoded value; code-unit order is byte order for these ASCII strings.
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = "";
  for (const [k, v] of pairs) out += (out === "" ? "" : "&") + k + "=" + v;
  return out;
}

/** SigV4's header value: trimmed, runs of spaces as one (most values have none to collapse). */
function trimAll(v: string): string {
  const t = v.trim();
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, " ") : t;
}

export function canonicalHeaders(rawHeaders: readonly string[], signedHeaders: readonly string[]): string {
  const index = headerIndex(rawHeaders);
  let out = "";
  for (const name of signedHeaders) {
    const values = index.get(name);
    out += name + ":" + (values === undefined ? "" : values.length === 1 ? trimAll(values[0]!) : values.map(trimAll).join(",")) + "\n";
  }
  return out;
}

export function sha256Hex(data: string | Buffer): string {
  // One-shot: no Hash object per digest (two digests per signed request).
  return hash("sha256", data, "hex");
}

function payloadHash(req: WireRequest, form: "header" | "query", service: string): string {
  const declared = headerValue(req.rawHeaders, "x-amz-content-sha256");
  if (declared !== undefined) return declared;
  if (service === "s3" && form === "query") return UNSIGNED_PAYLOAD;
  return req.body.length === 0 ? EMPTY_SHA256 : sha256Hex(req.body);
}

export function canonicalRequest(req: WireRequest, auth: Pick<SigV4Auth, "form" | "signedHeaders" | "credential">): string {
  return (
    req.method.toUpperCase() +
    "\n" +
    canonicalUri(req.path, auth.credential.service) +
    "\n" +
    canonicalQuery(req.query, auth.form === "query") +
    "\n" +
    canonicalHeaders(req.rawHeaders, auth.signedHeaders) +
    "\n" +
    auth.signedHeaders.join(";") +
    "\n" +
    payloadHash(req, auth.form, auth.credential.service)
  );
}

export function credentialScope(c: SigV4Credential): string {
  return `${c.date}/${c.region}/${c.service}/aws4_request`;
}

export function stringToSign(amzDate: string, c: SigV4Credential, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${credentialScope(c)}\n${sha256Hex(canonical)}`;
}

/** A derived signing key with its HMAC pads, so that a signature is two one-shot SHA-256 digests (RFC 2104)
 *  instead of an HMAC object, whose key setup costs more than the digests on every request. */
interface SigningKey {
  /** key XOR 0x36, to the SHA-256 block size. */
  readonly inner: Buffer;
  /** key XOR 0x5c, then room for the inner digest. */
  readonly outer: Buffer;
}

const SHA256_BLOCK = 64;

// Derived keys change once a day per (secret, region, service); caching them saves four HMACs per request.
const keyCache = new Map<string, SigningKey>();

function derivedKey(secret: string, c: SigV4Credential): SigningKey {
  const cacheKey = `${secret}\n${c.date}\n${c.region}\n${c.service}`;
  let k = keyCache.get(cacheKey);
  if (!k) {
    const kDate = createHmac("sha256", "AWS4" + secret).update(c.date).digest();
    const kRegion = createHmac("sha256", kDate).update(c.region).digest();
    const kService = createHmac("sha256", kRegion).update(c.service).digest();
    const key = createHmac("sha256", kService).update("aws4_request").digest();
    const inner = Buffer.alloc(SHA256_BLOCK, 0x36);
    const outer = Buffer.alloc(SHA256_BLOCK + 32, 0x5c);
    for (let i = 0; i < key.length; i++) {
      inner[i]! ^= key[i]!;
      outer[i]! ^= key[i]!;
    }
    k = { inner, outer };
    if (keyCache.size >= 1024) keyCache.clear();
    keyCache.set(cacheKey, k);
  }
  return k;
}

/** HMAC-SHA256(signing key, text) in hex: H(outer pad ‖ H(inner pad ‖ text)). */
function signature(k: SigningKey, text: string): string {
  const message = Buffer.allocUnsafe(SHA256_BLOCK + Buffer.byteLength(text, "utf8"));
  k.inner.copy(message, 0);
  message.write(text, SHA256_BLOCK, "utf8");
  hash("sha256", message, "buffer").copy(k.outer, SHA256_BLOCK);
  return hash("sha256", k.outer, "hex");
}

/** yyyymmddThhmmssZ → epoch ms, or NaN. */
export function parseAmzDate(s: string): number {
  if (!/^\d{8}T\d{6}Z$/.test(s)) return NaN;
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15));
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function parseCredential(value: string): SigV4Credential | undefined {
  // AKID/yyyymmdd/region/service/aws4_request; the access key id itself never contains "/".
  const parts = value.split("/");
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== "aws4_request" || !/^\d{8}$/.test(date) || region === "" || service === "" || accessKeyId === "") {
    return undefined;
  }
  return { accessKeyId, date, region, service };
}

function credentialError(value: string, form: "header" | "query"): AwsErrorShape {
  const parts = value.split("/");
  if (parts.length === 5 && parts[4] !== "aws4_request") {
    return err("SignatureDoesNotMatch", `Credential should be scoped with a valid terminator: 'aws4_request', not '${parts[4]}'.`, 403);
  }
  const where = form === "header" ? "Authorization header" : "X-Amz-Credential";
  return err(
    "IncompleteSignature",
    `${where} 'Credential' is malformed: expected "<your-access-key-id>/<date>/<aws-region>/<aws-service>/aws4_request", got '${value}'.`,
    400,
  );
}

/** Finds and parses the request's SigV4 authentication (header or presigned query) without verifying it. */
export function parseAuth(req: WireRequest): AuthParse {
  const authorization = headerValue(req.rawHeaders, "authorization");
  if (authorization !== undefined) return parseHeaderAuth(req, authorization);
  if (req.query.includes("X-Amz-")) {
    const q = new Map(queryPairs(req.query));
    if (q.has("X-Amz-Algorithm") || q.has("X-Amz-Credential") || q.has("X-Amz-Signature")) return parseQueryAuth(q);
  }
  return { kind: "anonymous" };
}

function parseHeaderAuth(req: WireRequest, authorization: string): AuthParse {
  const sp = authorization.indexOf(" ");
  const algorithm = sp < 0 ? authorization : authorization.slice(0, sp);
  if (algorithm !== ALGORITHM) {
    if (algorithm === "AWS") {
      return { kind: "error", error: err("InvalidRequest", "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", 400) };
    }
    return { kind: "error", error: err("IncompleteSignature", `Unsupported AWS 'algorithm': '${algorithm}'.`, 400) };
  }
  const fields = new Map<string, string>();
  for (const item of authorization.slice(sp + 1).split(",")) {
    const t = item.trim();
    const eq = t.indexOf("=");
    if (eq > 0) fields.set(t.slice(0, eq), t.slice(eq + 1));
  }
  const missing: string[] = [];
  for (const f of ["Credential", "Signature", "SignedHeaders"]) {
    if (!fields.get(f)) missing.push(`Authorization header requires '${f}' parameter.`);
  }
  const amzDate = headerValue(req.rawHeaders, "x-amz-date");
  const httpDate = headerValue(req.rawHeaders, "date");
  if (amzDate === undefined && httpDate === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (missing.length) {
    return { kind: "error", error: err("IncompleteSignature", `${missing.join(" ")} Authorization=${authorization}`, 400) };
  }
  const credentialText = fields.get("Credential")!;
  const credential = parseCredential(credentialText);
  if (!credential) return { kind: "error", error: credentialError(credentialText, "header") };
  let time: number;
  let dateText: string;
  if (amzDate !== undefined) {
    time = parseAmzDate(amzDate);
    dateText = amzDate;
  } else {
    time = Date.parse(httpDate!);
    dateText = Number.isNaN(time) ? httpDate! : formatAmzDate(time);
  }
  if (Number.isNaN(time)) {
    return {
      kind: "error",
      error: err("IncompleteSignature", `Date must be in ISO-8601 'basic format'. Got '${dateText}'. See http://en.wikipedia.org/wiki/ISO_8601`, 400),
    };
  }
  return {
    kind: "sigv4",
    auth: {
      form: "header",
      credential,
      sessionToken: headerValue(req.rawHeaders, "x-amz-security-token"),
      amzDate: dateText,
      time,
      signedHeaders: fields.get("SignedHeaders")!.split(";"),
      signature: fields.get("Signature")!,
      expires: undefined,
    },
  };
}

function parseQueryAuth(q: Map<string, string>): AuthParse {
  const required = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires"];
  if (required.some((k) => !q.get(k))) {
    return {
      kind: "error",
      error: err(
        "AuthorizationQueryParametersError",
        "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. Re-examine the query-string parameters.",
        400,
      ),
    };
  }
  const algorithm = q.get("X-Amz-Algorithm")!;
  if (algorithm !== ALGORITHM) {
    return {
      kind: "error",
      error: err("AuthorizationQueryParametersError", "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"", 400),
    };
  }
  const credentialText = q.get("X-Amz-Credential")!;
  const credential = parseCredential(credentialText);
  if (!credential) return { kind: "error", error: credentialError(credentialText, "query") };
  const amzDate = q.get("X-Amz-Date")!;
  const time = parseAmzDate(amzDate);
  if (Number.isNaN(time)) {
    return {
      kind: "error",
      error: err("AuthorizationQueryParametersError", "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", 400),
    };
  }
  const expiresText = q.get("X-Amz-Expires")!;
  const expires = /^\d+$/.test(expiresText) ? Number(expiresText) : NaN;
  if (Number.isNaN(expires)) {
    return { kind: "error", error: err("AuthorizationQueryParametersError", "X-Amz-Expires should be a number", 400) };
  }
  if (expires > MAX_PRESIGN_EXPIRES) {
    return {
      kind: "error",
      error: err("AuthorizationQueryParametersError", "X-Amz-Expires must be less than a week (in seconds) that is 604800", 400),
    };
  }
  return {
    kind: "sigv4",
    auth: {
      form: "query",
      credential,
      sessionToken: q.get("X-Amz-Security-Token"),
      amzDate,
      time,
      signedHeaders: q.get("X-Amz-SignedHeaders")!.split(";"),
      signature: q.get("X-Amz-Signature")!,
      expires,
    },
  };
}

/**
 * Checks the request's time against the server's clock: header-signed requests within 15 minutes either way,
 * presigned ones until X-Amz-Expires runs out. Done before the signature, as AWS does.
 */
export function checkTime(auth: SigV4Auth, now: number): AwsErrorShape | undefined {
  const s3 = auth.credential.service === "s3";
  if (auth.form === "query") {
    const expiresAt = auth.time + auth.expires! * 1000;
    if (now > expiresAt) {
      return err("AccessDenied", "Request has expired", 403, {
        "X-Amz-Expires": String(auth.expires),
        Expires: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
        ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z"),
      });
    }
  }
  if (auth.form === "header" || auth.time > now + MAX_SKEW_MS) {
    if (Math.abs(now - auth.time) > MAX_SKEW_MS) {
      if (s3) {
        return err("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403, {
          RequestTime: auth.amzDate,
          ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z"),
          MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
        });
      }
      const nowText = formatAmzDate(now);
      const message =
        auth.time < now
          ? `Signature expired: ${auth.amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${nowText} - 15 min.)`
          : `Signature not yet current: ${auth.amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${nowText} + 15 min.)`;
      return err("SignatureDoesNotMatch", message, 403);
    }
  }
  return undefined;
}

/** Verifies the signature with the caller's secret; undefined when it matches. */
export function verifySignature(req: WireRequest, auth: SigV4Auth, secretAccessKey: string): AwsErrorShape | undefined {
  const c = auth.credential;
  if (auth.amzDate.slice(0, 8) !== c.date) {
    return err(
      "SignatureDoesNotMatch",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${c.date}' != '${auth.amzDate.slice(0, 8)}', from '${auth.amzDate}'.`,
      403,
    );
  }
  if (!auth.signedHeaders.includes("host")) {
    return err(
      c.service === "s3" ? "AccessDenied" : "SignatureDoesNotMatch",
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      403,
    );
  }
  const canonical = canonicalRequest(req, auth);
  const toSign = stringToSign(auth.amzDate, c, canonical);
  const expected = signature(derivedKey(secretAccessKey, c), toSign);
  const given = auth.signature;
  if (given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
    return checkDeclaredPayloadHash(req);
  }
  if (c.service === "s3") {
    return err("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", 403, {
      AWSAccessKeyId: c.accessKeyId,
      StringToSign: toSign,
      SignatureProvided: given,
      CanonicalRequest: canonical,
    });
  }
  return err(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. " +
      `Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonical}'\n\n` +
      `The String-to-Sign should have been\n'${toSign}'\n`,
    403,
  );
}

/** A signed x-amz-content-sha256 must also be the body's hash (S3 checks it; UNSIGNED-PAYLOAD opts out). */
function checkDeclaredPayloadHash(req: WireRequest): AwsErrorShape | undefined {
  const declared = headerValue(req.rawHeaders, "x-amz-content-sha256");
  if (declared === undefined || !/^[0-9a-f]{64}$/.test(declared)) return undefined;
  const actual = req.body.length === 0 ? EMPTY_SHA256 : sha256Hex(req.body);
  if (declared === actual) return undefined;
  return err("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
    ClientComputedContentSHA256: declared,
    S3ComputedContentSHA256: actual,
  });
}

export interface SignOptions {
  readonly method: string;
  /** Full URL of the request ("http://127.0.0.1:4566/?Action=..."). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly region: string;
  readonly service: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly now?: number;
}

/** Signs a request with the Authorization header (as botocore does); returns the headers to send. */
export function signSigV4(o: SignOptions): Record<string, string> {
  const u = new URL(o.url);
  const amzDate = formatAmzDate(o.now ?? Date.now());
  const body = typeof o.body === "string" ? Buffer.from(o.body) : (o.body ?? Buffer.alloc(0));
  const headers: Record<string, string> = { ...o.headers, host: u.host, "x-amz-date": amzDate };
  if (o.sessionToken) headers["x-amz-security-token"] = o.sessionToken;
  const rawHeaders: string[] = [];
  for (const [k, v] of Object.entries(headers)) rawHeaders.push(k, v);
  const signedHeaders = [...new Set(Object.keys(headers).map((k) => k.toLowerCase()))].sort();
  const credential: SigV4Credential = { accessKeyId: o.accessKeyId, date: amzDate.slice(0, 8), region: o.region, service: o.service };
  const req: WireRequest = { method: o.method, path: u.pathname, query: u.search.slice(1), rawHeaders, body };
  const toSign = stringToSign(amzDate, credential, canonicalRequest(req, { form: "header", signedHeaders, credential }));
  headers.authorization = `${ALGORITHM} Credential=${o.accessKeyId}/${credentialScope(credential)}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature(derivedKey(o.secretAccessKey, credential), toSign)}`;
  return headers;
}
