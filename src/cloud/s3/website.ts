// The static website endpoint (http://BUCKET.s3-website-REGION.amazonaws.com): anonymous GETs answered with
// the index document for "directories", the error document (or S3's own HTML page) for 403 and 404, and the
// redirects S3 makes. Reached only from the server's website Host routing, as the internal action
// "WebsiteGet" (no REST operation decodes to it), whose output is the whole HTTP response.
import { AwsError } from "../api.js";
import type { Output, Params } from "../service.js";
import type { Ctx } from "./common.js";
import { objectHeaders, quoted } from "./common.js";
import { effectiveBucketPolicy } from "./policy.js";

export const WEBSITE_ACTION = "WebsiteGet";

interface RoutingRule {
  Condition?: { KeyPrefixEquals?: string; HttpErrorCodeReturnedEquals?: string };
  Redirect?: { HostName?: string; HttpRedirectCode?: string; Protocol?: string; ReplaceKeyPrefixWith?: string; ReplaceKeyWith?: string };
}

interface WebsiteConfig {
  IndexDocument?: { Suffix?: string };
  ErrorDocument?: { Key?: string };
  RedirectAllRequestsTo?: { HostName?: string; Protocol?: string };
  RoutingRules?: RoutingRule[];
}

/**
 * The redirect of the first routing rule that applies: before the object is read, rules without an error-code
 * condition; after a 403 or 404, rules whose HttpErrorCodeReturnedEquals names it. The key is rewritten by
 * ReplaceKeyWith or ReplaceKeyPrefixWith; the host is the rule's or the one the request named.
 */
function routed(conf: WebsiteConfig, key: string, host: string, errorStatus?: number): WebsiteResponse | undefined {
  for (const rule of conf.RoutingRules ?? []) {
    const c = rule.Condition ?? {};
    if (c.KeyPrefixEquals !== undefined && !key.startsWith(c.KeyPrefixEquals)) continue;
    if (c.HttpErrorCodeReturnedEquals !== (errorStatus === undefined ? undefined : String(errorStatus))) continue;
    const r = rule.Redirect ?? {};
    const prefix = c.KeyPrefixEquals ?? "";
    const target = r.ReplaceKeyWith ?? (r.ReplaceKeyPrefixWith !== undefined ? r.ReplaceKeyPrefixWith + key.slice(prefix.length) : key);
    const location = `${r.Protocol ?? "http"}://${r.HostName ?? host}/${target}`;
    return { status: Number(r.HttpRedirectCode ?? "301"), headers: { Location: location }, body: Buffer.alloc(0) };
  }
  return undefined;
}

export interface WebsiteResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const REASONS: Record<number, string> = { 403: "Forbidden", 404: "Not Found" };

function errorPage(ctx: Ctx, status: number, code: string, message: string, extra: Record<string, string>): WebsiteResponse {
  const items = [`<li>Code: ${code}</li>`, `<li>Message: ${message}</li>`];
  for (const [k, v] of Object.entries(extra)) items.push(`<li>${k}: ${escapeHtml(v)}</li>`);
  items.push(`<li>RequestId: ${ctx.requestId}</li>`, `<li>HostId: ${Buffer.from(ctx.requestId).toString("base64")}</li>`);
  const title = `${status} ${REASONS[status] ?? ""}`;
  const html = `<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n<ul>\n${items.join("\n")}\n</ul>\n<hr/>\n</body>\n</html>\n`;
  return { status, headers: { "Content-Type": "text/html; charset=utf-8" }, body: Buffer.from(html) };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The object if the anonymous caller may read it: "denied", "missing", or the object's response. */
function fetchObject(ctx: Ctx, bucket: string, key: string): "denied" | "missing" | WebsiteResponse {
  try {
    ctx.authorize("s3:GetObject", `arn:aws:s3:::${bucket}/${key}`, undefined, effectiveBucketPolicy(ctx.model.bucket(bucket)));
  } catch (e) {
    if (e instanceof AwsError) return "denied";
    throw e;
  }
  const o = ctx.model.latest(bucket, key);
  if (!o || o.delete_marker) return "missing";
  const h = objectHeaders(o);
  const headers: Record<string, string> = { "Content-Type": String(h.ContentType ?? "binary/octet-stream"), ETag: quoted(o.etag), "Last-Modified": new Date(o.last_modified_ms).toUTCString() };
  if (typeof h.WebsiteRedirectLocation === "string") return { status: 301, headers: { Location: h.WebsiteRedirectLocation }, body: Buffer.alloc(0) };
  return { status: 200, headers, body: ctx.model.body(o) };
}

export function websiteGet(ctx: Ctx, params: Params): Output {
  const name = String(params.Bucket ?? "");
  const path = String(params.Key ?? "");
  const b = ctx.model.bucket(name);
  if (!b) return { response: errorPage(ctx, 404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: name }) };
  if (!b.website) {
    return { response: errorPage(ctx, 404, "NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration", { BucketName: name }) };
  }
  const conf = JSON.parse(b.website) as WebsiteConfig;
  if (conf.RedirectAllRequestsTo?.HostName) {
    const proto = conf.RedirectAllRequestsTo.Protocol ?? "http";
    return { response: { status: 301, headers: { Location: `${proto}://${conf.RedirectAllRequestsTo.HostName}/${path}` }, body: Buffer.alloc(0) } };
  }
  const host = String(params.Host ?? "");
  const before = routed(conf, path, host);
  if (before) return { response: before };
  const suffix = conf.IndexDocument?.Suffix ?? "index.html";
  const key = path === "" || path.endsWith("/") ? path + suffix : path;
  const got = fetchObject(ctx, name, key);
  if (typeof got === "object") return { response: got };
  if (got === "missing" && !path.endsWith("/") && path !== "") {
    // A "directory" named without its slash: S3 redirects to it when it has an index document.
    const dir = ctx.model.latest(name, `${path}/${suffix}`);
    if (dir && !dir.delete_marker) return { response: { status: 302, headers: { Location: `/${path}/` }, body: Buffer.alloc(0) } };
  }
  const status = got === "denied" ? 403 : 404;
  const after = routed(conf, path, host, status);
  if (after) return { response: after };
  if (conf.ErrorDocument?.Key) {
    const doc = fetchObject(ctx, name, conf.ErrorDocument.Key);
    if (typeof doc === "object" && doc.status === 200) return { response: { ...doc, status } };
  }
  if (got === "denied") return { response: errorPage(ctx, 403, "AccessDenied", "Access Denied", {}) };
  return { response: errorPage(ctx, 404, "NoSuchKey", "The specified key does not exist.", { Key: key }) };
}
