// The REST-XML protocol (S3), both ways, driven by the model: which operation a request is (method, path shape and
// the query-string words of each operation's requestUri: "PUT /{Bucket}?tagging"), where each member travels
// (uri / querystring / header / headers-prefix / XML or raw payload), and how outputs go back (status code,
// headers, a raw or XML body). Errors are S3's <Error><Code/><Message/>…<RequestId/><HostId/></Error>.
import type { AwsErrorShape } from "../api.js";
import type { Operation, ServiceModel, Shape, ShapeRef } from "./model.js";
import { decodeNode, decodeScalar, encodeElement, encodeMembers, parseXmlDocument, scalarText, XmlDecodeError } from "./shape-xml.js";
import { escapeXml, XML_DECLARATION } from "./xml.js";

export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

/** A request as the REST codec sees it: decoded query pairs and header lookup. */
export interface RestRequest {
  readonly method: string;
  /** Raw path as sent (percent-encoded). */
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Header value by lower-case name (repeats joined with ","). */
  header(name: string): string | undefined;
  /** All headers, names lower-case. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
  /** The bucket named by a virtual-hosted-style Host ("bucket.s3.amazonaws.com"), if any. */
  readonly hostBucket?: string;
}

export type RestDecodeResult =
  | { ok: true; operation: Operation; params: Record<string, unknown> }
  | { ok: false; error: AwsErrorShape };

export interface RestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

function s3Error(code: string, message: string, httpStatus: number, extra?: Record<string, string>): AwsErrorShape {
  return extra ? { code, message, httpStatus, type: "Sender", extra } : { code, message, httpStatus, type: "Sender" };
}

interface Route {
  readonly op: Operation;
  readonly method: string;
  /** 0: "/", 1: "/{Bucket}", 2: "/{Bucket}/{Key+}" */
  readonly depth: 0 | 1 | 2;
  /** Query words the requestUri demands ("tagging", or "list-type" = "2"). */
  readonly literals: ReadonlyArray<readonly [string, string | undefined]>;
  /** Required members carried in the query string or headers: their presence tells look-alike operations apart. */
  readonly requiredLocated: ReadonlyArray<{ readonly location: string; readonly name: string }>;
}

// Operations that share a request form with another and are not the one a plain request means.
const SECONDARY = new Set(["ListDirectoryBuckets"]);

/** The routing table of a REST-XML model, built once. */
export class RestRouter {
  /** By method and depth ("PUT 2"): a request is matched against the few routes of its form only. */
  private readonly routes = new Map<string, Route[]>();

  constructor(readonly model: ServiceModel) {
    for (const op of model.operations.values()) {
      const uri = op.json.http.requestUri;
      const q = uri.indexOf("?");
      const path = q < 0 ? uri : uri.slice(0, q);
      const literals: Array<[string, string | undefined]> = [];
      if (q >= 0) {
        for (const part of uri.slice(q + 1).split("&")) {
          if (part === "") continue;
          const eq = part.indexOf("=");
          literals.push(eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)]);
        }
      }
      const depth = path === "/" ? 0 : path.includes("{Key+}") ? 2 : path.startsWith("/{Bucket}") ? 1 : -1;
      if (depth < 0) continue; // WriteGetObjectResponse: an S3 Object Lambda endpoint, not a bucket API
      const requiredLocated: Array<{ location: string; name: string }> = [];
      if (op.input) {
        for (const name of op.input.required) {
          const m = op.input.memberMap.get(name)!;
          if (m.location === "querystring" || m.location === "header") requiredLocated.push({ location: m.location, name: m.locationName ?? m.name });
        }
      }
      const form = `${op.json.http.method} ${depth}`;
      const routes = this.routes.get(form) ?? [];
      routes.push({ op, method: op.json.http.method, depth: depth as 0 | 1 | 2, literals, requiredLocated });
      this.routes.set(form, routes);
    }
  }

  /** The operation a request is, with its bucket and key; S3's MethodNotAllowed when none fits. */
  route(req: RestRequest): { op: Operation; bucket?: string; key?: string } | AwsErrorShape {
    const { bucket, key } = splitPath(req);
    const depth = bucket === undefined ? 0 : key === undefined ? 1 : 2;
    const query = new Map<string, string>();
    for (const [k, v] of req.query) if (!query.has(k)) query.set(k, v);
    let best: Route | undefined;
    let bestScore = -1;
    for (const r of this.routes.get(`${req.method} ${depth}`) ?? []) {
      if (!r.literals.every(([k, v]) => query.has(k) && (v === undefined || query.get(k) === v))) continue;
      if (!r.requiredLocated.every((m) => (m.location === "header" ? req.header(m.name.toLowerCase()) !== undefined : query.has(m.name)))) continue;
      // More specific forms win: more query words, more required members present; then current over deprecated.
      const score = r.literals.length * 1000 + r.requiredLocated.length * 10 + (r.op.json.deprecated ? 0 : 2) + (SECONDARY.has(r.op.name) ? 0 : 1);
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (!best) {
      return s3Error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, {
        Method: req.method,
        ResourceType: depth === 0 ? "SERVICE" : depth === 1 ? "BUCKET" : "OBJECT",
      });
    }
    return { op: best.op, ...(bucket !== undefined ? { bucket } : {}), ...(key !== undefined ? { key } : {}) };
  }
}

function decodePathPart(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Path-style "/bucket/key/with/slashes", or virtual-hosted style with the bucket in the Host header. */
function splitPath(req: RestRequest): { bucket?: string; key?: string } {
  const path = req.path.startsWith("/") ? req.path.slice(1) : req.path;
  if (req.hostBucket !== undefined) {
    return path === "" ? { bucket: req.hostBucket } : { bucket: req.hostBucket, key: decodePathPart(path) };
  }
  if (path === "") return {};
  const slash = path.indexOf("/");
  if (slash < 0) return { bucket: decodePathPart(path) };
  const rest = path.slice(slash + 1);
  return rest === "" ? { bucket: decodePathPart(path.slice(0, slash)) } : { bucket: decodePathPart(path.slice(0, slash)), key: decodePathPart(rest) };
}

/** Routes and decodes a request into the params of its operation. */
export function decodeRestXmlRequest(router: RestRouter, req: RestRequest): RestDecodeResult {
  const routed = router.route(req);
  if ("code" in routed) return { ok: false, error: routed };
  const op = routed.op;
  const params: Record<string, unknown> = {};
  const input = op.input;
  if (!input) return { ok: true, operation: op, params };
  try {
    for (const located of locatedMembers(input)) {
      const v = decodeLocated(located, req, routed);
      if (v !== undefined) params[located.m.name] = v;
    }
    const payloadName = input.json.payload;
    if (payloadName !== undefined) {
      const m = input.memberMap.get(payloadName)!;
      // A required XML document (PutBucketTagging's Tagging, DeleteObjects' Delete, ...) that is not there at all.
      if (req.body.length === 0 && m.shape.type === "structure" && input.required.has(payloadName)) {
        return { ok: false, error: s3Error("MissingRequestBodyError", "Request Body is empty", 400) };
      }
      const v = decodePayload(m, req.body);
      if (v !== undefined) params[m.name] = v;
    } else if (req.body.length > 0 && input.members.some((m) => m.location === undefined)) {
      Object.assign(params, decodeNode({ ...refOf(input), shape: input }, parseXmlDocument(req.body.toString("utf8")).node));
    }
  } catch (e) {
    if (e instanceof XmlDecodeError) {
      return {
        ok: false,
        error: s3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400),
      };
    }
    if (e instanceof ArgumentError) return { ok: false, error: s3Error(e.code, e.message, 400, e.extra) };
    throw e;
  }
  return { ok: true, operation: op, params };
}

class ArgumentError extends Error {
  constructor(
    message: string,
    readonly extra: Record<string, string>,
    readonly code = "InvalidArgument",
  ) {
    super(message);
  }
}

/** Flags S3 compares with the one value it acts on (x-amz-request-payer: requester), ignoring any other. */
const UNCHECKED_ENUMS = new Set(["x-amz-request-payer", "x-amz-checksum-mode"]);

/** An enum header or query value S3 applies (ACL, storage class, encryption, object lock, encoding type) must be
 *  one it knows: InvalidArgument naming it, or InvalidStorageClass for the storage class. */
function checkEnum(m: ShapeRef, raw: string, wire: string): void {
  const allowed = m.shape.json.enum;
  if (allowed === undefined || allowed.includes(raw) || UNCHECKED_ENUMS.has(wire.toLowerCase())) return;
  if (wire.toLowerCase() === "x-amz-storage-class") throw new ArgumentError("The storage class you specified is not valid", {}, "InvalidStorageClass");
  if (wire === "encoding-type") throw new ArgumentError("Invalid Encoding Method specified in Request", { ArgumentName: wire, ArgumentValue: raw });
  throw new ArgumentError(`Invalid ${wire} value '${raw}'`, { ArgumentName: wire, ArgumentValue: raw });
}

function refOf(shape: Shape): ShapeRef {
  return { name: shape.name, shape, locationName: undefined, queryName: undefined, flattened: false, timestampFormat: undefined, xmlName: shape.name, location: undefined, xmlAttribute: false, xmlNamespace: undefined };
}

/** A member that travels outside the body: its wire name, and that name in lower case (headers are looked up so). */
interface Located {
  readonly m: ShapeRef;
  readonly wire: string;
  readonly lower: string;
}

/** An input's located members, made once per input shape. */
const locatedPlans = new WeakMap<Shape, readonly Located[]>();

function locatedMembers(input: Shape): readonly Located[] {
  let plan = locatedPlans.get(input);
  if (plan === undefined) {
    plan = input.members
      .filter((m) => m.location !== undefined)
      .map((m) => {
        const wire = m.locationName ?? m.name;
        return { m, wire, lower: wire.toLowerCase() };
      });
    locatedPlans.set(input, plan);
  }
  return plan;
}

function decodeLocated({ m, wire, lower }: Located, req: RestRequest, routed: { bucket?: string; key?: string }): unknown {
  switch (m.location) {
    case "uri":
      return wire === "Bucket" ? routed.bucket : wire === "Key" || wire === "Key+" ? routed.key : undefined;
    case "querystring": {
      if (m.shape.type === "list") {
        const all = req.query.filter(([k]) => k === wire).map(([, v]) => typed(m, v, wire));
        return all.length ? all : undefined;
      }
      const hit = req.query.find(([k]) => k === wire);
      return hit ? typed(m, hit[1], wire) : undefined;
    }
    case "header": {
      const raw = req.header(lower);
      if (raw === undefined) return undefined;
      if (m.shape.type === "list") return raw.split(",").map((s) => typed(m.shape.member!, s.trim(), wire));
      return typed(m, raw, wire);
    }
    case "headers": {
      const prefix = lower;
      let out: Record<string, string> | undefined;
      for (const [k, v] of req.headers) {
        if (k.startsWith(prefix)) (out ??= {})[k.slice(prefix.length)] = v;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function typed(m: ShapeRef, raw: string, wire: string): unknown {
  if (m.shape.type === "string") checkEnum(m, raw, wire);
  if (m.shape.type === "timestamp") {
    const t = raw.trim();
    const ms = /^\d+(\.\d+)?$/.test(t) ? Number(t) * 1000 : Date.parse(t);
    if (Number.isNaN(ms)) throw new ArgumentError(`Invalid ${wire} value '${raw}'`, { ArgumentName: wire, ArgumentValue: raw });
    return new Date(ms);
  }
  try {
    return decodeScalar(m, raw);
  } catch {
    throw new ArgumentError(`Invalid ${wire} value '${raw}'`, { ArgumentName: wire, ArgumentValue: raw });
  }
}

function decodePayload(m: ShapeRef, body: Buffer): unknown {
  switch (m.shape.type) {
    case "blob":
      return body;
    case "string":
      return body.length ? body.toString("utf8") : undefined;
    case "structure":
      if (body.length === 0) return undefined;
      return decodeNode(m, parseXmlDocument(body.toString("utf8")).node);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Responses

// S3's root element names where the output has no payload member (botocore ignores them; other SDKs and people
// reading the XML do not).
const ROOT_NAMES: Readonly<Record<string, string>> = {
  ListBuckets: "ListAllMyBucketsResult",
  ListDirectoryBuckets: "ListAllMyDirectoryBucketsResult",
  ListObjects: "ListBucketResult",
  ListObjectsV2: "ListBucketResult",
  ListObjectVersions: "ListVersionsResult",
  ListMultipartUploads: "ListMultipartUploadsResult",
  ListParts: "ListPartsResult",
  CreateMultipartUpload: "InitiateMultipartUploadResult",
  CompleteMultipartUpload: "CompleteMultipartUploadResult",
  DeleteObjects: "DeleteResult",
  GetBucketLocation: "LocationConstraint",
  GetBucketTagging: "Tagging",
  GetObjectTagging: "Tagging",
  GetBucketVersioning: "VersioningConfiguration",
  GetBucketAcl: "AccessControlPolicy",
  GetObjectAcl: "AccessControlPolicy",
  GetBucketCors: "CORSConfiguration",
  GetBucketWebsite: "WebsiteConfiguration",
  GetBucketLifecycleConfiguration: "LifecycleConfiguration",
  GetBucketEncryption: "ServerSideEncryptionConfiguration",
  GetBucketLogging: "BucketLoggingStatus",
  GetBucketAccelerateConfiguration: "AccelerateConfiguration",
  GetBucketRequestPayment: "RequestPaymentConfiguration",
  GetBucketNotificationConfiguration: "NotificationConfiguration",
  GetObjectAttributes: "GetObjectAttributesResponse",
};

function headerText(m: ShapeRef, v: unknown): string {
  if (m.shape.type === "timestamp") {
    const d = v instanceof Date ? v : new Date(typeof v === "number" ? v : String(v));
    return d.toUTCString();
  }
  if (m.shape.type === "list" && Array.isArray(v)) return v.map((x) => String(x)).join(",");
  return scalarText(m, v);
}

/** The HTTP response of a successful call. */
export function encodeRestXmlOutput(model: ServiceModel, op: Operation, output: Record<string, unknown>, requestId: string): RestResponse {
  const headers: Record<string, string> = { "x-amz-request-id": requestId, "x-amz-id-2": hostId(requestId) };
  let status = op.json.http.responseCode ?? 200;
  const shape = op.output;
  if (!shape) return { status, headers, body: "" };
  for (const m of shape.members) {
    const v = output[m.name];
    if (v === undefined || v === null) continue;
    // Header names as the model spells them ("ETag", "Last-Modified"), as S3 sends them.
    if (m.location === "header") headers[m.locationName ?? m.name] = headerText(m, v);
    else if (m.location === "headers" && typeof v === "object") {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) headers[(m.locationName ?? "") + k.toLowerCase()] = String(x);
    } else if (m.location === "statusCode" && typeof v === "number") status = v;
  }
  const payloadName = shape.json.payload;
  if (payloadName !== undefined) {
    const m = shape.memberMap.get(payloadName)!;
    const v = output[payloadName];
    if (v === undefined || v === null) return { status, headers, body: "" };
    if (m.shape.type === "blob") return { status, headers, body: Buffer.isBuffer(v) ? v : Buffer.from(v as string) };
    if (m.shape.type === "string") return { status, headers, body: String(v) };
    headers["Content-Type"] = "application/xml";
    const ns = m.xmlNamespace ? "" : ` xmlns="${model.xmlNamespace ?? S3_NAMESPACE}"`;
    const xml = encodeElement(m, v, m.xmlName);
    return { status, headers, body: XML_DECLARATION + xml.replace(/^<([^\s>]+)/, `<$1${ns}`) };
  }
  if (op.name === "GetBucketLocation") {
    // The one S3 output whose value is the root element's own text (botocore special-cases it too).
    const v = output.LocationConstraint;
    headers["Content-Type"] = "application/xml";
    return { status, headers, body: `${XML_DECLARATION}<LocationConstraint xmlns="${S3_NAMESPACE}">${v ? escapeXml(String(v)) : ""}</LocationConstraint>` };
  }
  if (!shape.members.some((m) => m.location === undefined && output[m.name] !== undefined)) return { status, headers, body: "" };
  const root = ROOT_NAMES[op.name] ?? shape.json.locationName ?? `${op.name}Result`;
  headers["Content-Type"] = "application/xml";
  return { status, headers, body: `${XML_DECLARATION}<${root} xmlns="${model.xmlNamespace ?? S3_NAMESPACE}">${encodeMembers(shape, output)}</${root}>` };
}

/** S3's error document (no body for HEAD, as S3 sends none). */
export function encodeRestXmlError(error: AwsErrorShape, requestId: string, method: string): RestResponse {
  const headers: Record<string, string> = { ...error.headers, "x-amz-request-id": requestId, "x-amz-id-2": hostId(requestId) };
  if (method === "HEAD") return { status: error.httpStatus, headers, body: "" };
  let extra = "";
  if (error.extra) for (const [k, v] of Object.entries(error.extra)) extra += `<${k}>${escapeXml(v)}</${k}>`;
  headers["Content-Type"] = "application/xml";
  return {
    status: error.httpStatus,
    headers,
    body:
      `${XML_DECLARATION}<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${extra}` +
      `<RequestId>${escapeXml(requestId)}</RequestId><HostId>${hostId(requestId)}</HostId></Error>`,
  };
}

/** S3's second request id (x-amz-id-2), derived so that one request has one of each. */
function hostId(requestId: string): string {
  return Buffer.from(requestId).toString("base64");
}
