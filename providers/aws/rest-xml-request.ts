// S3's REST-XML protocol from the client's side, driven by the botocore model as botocore's serializer and parser
// are: each input member goes where the model says (the path of a path-style URL, the query string, a header,
// x-amz-meta-* headers, a raw or XML payload); each output member comes back from a header, the status code or
// the body. Errors are S3's <Error> document, or for a HEAD (which has no body) the status code's name.
import { createHash } from "node:crypto";
import type { AwsErrorShape } from "../../src/cloud/api.js";
import type { Operation, ShapeRef } from "../../src/cloud/wire/model.js";
import { S3_NAMESPACE } from "../../src/cloud/wire/restxml.js";
import { decodeNode, decodeScalar, encodeElement, parseXmlDocument, scalarText } from "../../src/cloud/wire/shape-xml.js";
import { uriEncode } from "../../src/cloud/wire/sigv4.js";

export interface RestXmlHttpRequest {
  readonly method: string;
  /** Path and query, percent-encoded: "/bucket/a%20key?tagging". */
  readonly pathAndQuery: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

function headerText(m: ShapeRef, v: unknown): string {
  if (m.shape.type === "timestamp") return (v instanceof Date ? v : new Date(String(v))).toUTCString();
  if (m.shape.type === "list" && Array.isArray(v)) return v.map(String).join(",");
  return scalarText(m, v);
}

/** The HTTP request of `op` with `params`, path style. */
export function encodeRestXmlRequest(op: Operation, params: Record<string, unknown>): RestXmlHttpRequest {
  const [uriPath, staticQuery] = op.json.http.requestUri.split("?", 2) as [string, string | undefined];
  const headers: Record<string, string> = {};
  const query: string[] = staticQuery ? staticQuery.split("&") : [];
  let path = uriPath;
  let body: Buffer = Buffer.alloc(0);
  const input = op.input;
  for (const m of input?.members ?? []) {
    const v = params[m.name];
    if (v === undefined || v === null) continue;
    const wire = m.locationName ?? m.name;
    switch (m.location) {
      case "uri":
        path = path.replace(`{${wire}+}`, uriEncode(String(v), true)).replace(`{${wire}}`, uriEncode(String(v)));
        break;
      case "querystring":
        for (const x of Array.isArray(v) ? v : [v]) query.push(`${uriEncode(wire)}=${uriEncode(scalarText(m.shape.type === "list" ? m.shape.member! : m, x))}`);
        break;
      case "header":
        headers[wire.toLowerCase()] = headerText(m, v);
        break;
      case "headers":
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) headers[`${wire.toLowerCase()}${k.toLowerCase()}`] = String(x);
        break;
    }
  }
  const payloadName = input?.json.payload;
  if (input && payloadName !== undefined && params[payloadName] !== undefined && params[payloadName] !== null) {
    const m = input.memberMap.get(payloadName)!;
    const v = params[payloadName];
    if (m.shape.type === "blob") body = Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(String(v));
    else if (m.shape.type === "string") body = Buffer.from(String(v));
    else {
      const xml = encodeElement(m, v, m.xmlName);
      body = Buffer.from(/^<[^>]*\sxmlns=/.test(xml) ? xml : xml.replace(/^<([^\s>]+)/, `<$1 xmlns="${S3_NAMESPACE}"`));
    }
  }
  // S3 requires Content-MD5 (or a checksum) on several configuration writes and DeleteObjects; it is valid on all.
  if (body.length > 0 && headers["content-md5"] === undefined) headers["content-md5"] = createHash("md5").update(body).digest("base64");
  return { method: op.json.http.method, pathAndQuery: path + (query.length ? `?${query.join("&")}` : ""), headers, body };
}

export type XmlNode = Parameters<typeof decodeNode>[1];

/** The first child element of that name (fast-xml-parser's preserved-order arrays). */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  if (typeof node === "string") return undefined;
  const c = (node as Record<string, XmlNode[] | undefined>)[name];
  return Array.isArray(c) ? c[0] : undefined;
}

/** An element's text, "" when absent. */
export function text(node: XmlNode | undefined): string {
  if (node === undefined) return "";
  if (typeof node === "string") return node;
  const t = (node as Record<string, unknown>)["#text"];
  return typeof t === "string" ? t : "";
}

const STATUS_CODES: Readonly<Record<number, string>> = { 301: "PermanentRedirect", 304: "NotModified", 400: "BadRequest", 403: "Forbidden", 404: "NotFound", 412: "PreconditionFailed" };

/** The error of a failed response: S3's <Error> document, or for a bodiless answer (HEAD) the status's name. */
export function decodeRestXmlError(status: number, headers: Headers, body: Buffer): { requestId: string; error: AwsErrorShape } {
  const requestId = headers.get("x-amz-request-id") ?? "";
  let code = STATUS_CODES[status] ?? String(status);
  let message = "";
  if (body.length > 0) {
    try {
      const doc = parseXmlDocument(body.toString("utf8"));
      const err = doc.name === "Error" ? doc.node : child(doc.node, "Error");
      if (err !== undefined) {
        code = text(child(err, "Code")) || code;
        message = text(child(err, "Message"));
      }
    } catch {
      message = body.toString("utf8").slice(0, 200);
    }
  }
  return { requestId, error: { code, message, httpStatus: status, type: status >= 500 ? "Receiver" : "Sender" } };
}

/** The output of a successful response, in the shapes the in-process cloud returns. */
export function decodeRestXmlOutput(op: Operation, status: number, headers: Headers, body: Buffer): Record<string, unknown> {
  const shape = op.output;
  if (!shape) return {};
  const out: Record<string, unknown> = {};
  for (const m of shape.members) {
    const wire = (m.locationName ?? m.name).toLowerCase();
    if (m.location === "header") {
      const raw = headers.get(wire);
      if (raw === null) continue;
      if (m.shape.type === "timestamp") out[m.name] = new Date(raw);
      else if (m.shape.type === "list") out[m.name] = raw.split(",").map((s) => s.trim());
      else {
        try {
          out[m.name] = decodeScalar(m, raw);
        } catch {
          out[m.name] = raw;
        }
      }
    } else if (m.location === "headers") {
      const map: Record<string, string> = {};
      headers.forEach((v, k) => {
        if (k.startsWith(wire)) map[k.slice(wire.length)] = v;
      });
      if (Object.keys(map).length) out[m.name] = map;
    } else if (m.location === "statusCode") out[m.name] = status;
  }
  const payloadName = shape.json.payload;
  if (payloadName !== undefined) {
    const m = shape.memberMap.get(payloadName)!;
    if (m.shape.type === "blob") out[payloadName] = body;
    else if (m.shape.type === "string") {
      if (body.length) out[payloadName] = body.toString("utf8");
    } else if (body.length) out[payloadName] = decodeNode(m, parseXmlDocument(body.toString("utf8")).node);
    return out;
  }
  if (body.length > 0 && shape.members.some((m) => m.location === undefined)) {
    const doc = parseXmlDocument(body.toString("utf8"));
    if (op.name === "GetBucketLocation") out.LocationConstraint = text(doc.node) || undefined;
    else Object.assign(out, decodeNode({ shape } as ShapeRef, doc.node) as Record<string, unknown>);
  }
  return out;
}
