// S3's legacy presigned URLs (Signature Version 2 query authentication: AWSAccessKeyId, Expires, Signature),
// which `aws s3 presign` and boto3's generate_presigned_url still make for S3 by default. Verified as S3 does:
// HMAC-SHA1 over "VERB\n\n\nEXPIRES\n[x-amz-security-token:T\n]/BUCKET/KEY[?subresources]".
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AwsErrorShape, SigningKeyLookup } from "../api.js";
import { queryPairs } from "../wire/sigv4.js";

const SUBRESOURCES = new Set([
  "acl", "cors", "delete", "lifecycle", "location", "logging", "notification", "partNumber", "policy", "requestPayment",
  "response-cache-control", "response-content-disposition", "response-content-encoding", "response-content-language",
  "response-content-type", "response-expires", "restore", "tagging", "torrent", "uploadId", "uploads", "versionId",
  "versioning", "versions", "website",
]);

/** The query parameters of a V2 presigned URL, which are not the operation's. */
export const V2_QUERY_AUTH = new Set(["AWSAccessKeyId", "Signature", "Expires", "x-amz-security-token"]);

export function isPresignedV2(query: string): boolean {
  return /(?:^|&)AWSAccessKeyId=/.test(query) && /(?:^|&)Signature=/.test(query);
}

function denied(code: string, message: string): AwsErrorShape {
  return { code, message, httpStatus: 403, type: "Sender" };
}

/** The caller's credentials if the URL's signature holds, else S3's error. */
export function verifyPresignedV2(
  req: { method: string; path: string; query: string },
  hostBucket: string | undefined,
  keys: SigningKeyLookup,
  nowMs: number,
): { accessKeyId: string; sessionToken?: string } | AwsErrorShape {
  const q = queryPairs(req.query);
  const get = (k: string) => q.find(([n]) => n === k)?.[1];
  const accessKeyId = get("AWSAccessKeyId") ?? "";
  const signature = get("Signature") ?? "";
  const expires = get("Expires") ?? "";
  const token = get("x-amz-security-token");
  if (!/^\d+$/.test(expires)) return denied("AccessDenied", "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
  if (Number(expires) * 1000 < nowMs) return denied("AccessDenied", "Request has expired");
  const secret = keys.signingSecret(accessKeyId, token);
  if (!("secretAccessKey" in secret)) return secret;
  const sub = q
    .filter(([k]) => SUBRESOURCES.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => (v === "" ? k : `${k}=${v}`));
  const resource = (hostBucket !== undefined ? `/${hostBucket}` : "") + req.path + (sub.length ? "?" + sub.join("&") : "");
  const toSign = `${req.method}\n\n\n${expires}\n${token !== undefined ? `x-amz-security-token:${token}\n` : ""}${resource}`;
  const expected = createHmac("sha1", secret.secretAccessKey).update(toSign, "utf8").digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return denied("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
  }
  return token !== undefined ? { accessKeyId, sessionToken: token } : { accessKeyId };
}
