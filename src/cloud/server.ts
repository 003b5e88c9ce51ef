// The simulated AWS over HTTP, so that the real aws CLI, boto3 and Terraform's AWS provider work against it
// unchanged. One endpoint serves every service: the SigV4 credential scope names the service (as AWS's own
// hostnames would), the signature is verified with the key's secret from the account, and the request is decoded
// by the service's wire protocol into the params of Cloud.call, whose result is encoded back the same way.
//
//   HTTP request → SigV4 (parse, look up secret, check time, verify) → protocol decode → cloud.call → encode
//
// Every failure is an AWS error document with AWS's status; a malformed request is never a 5xx.
import type { AddressInfo } from "node:net";
import type { AwsErrorShape, CallRequest, Cloud, ServiceName } from "./api.js";
import { loadServiceModel, type ServiceModel } from "./wire/model.js";
import { decodeQueryInput, encodeQueryError, encodeQueryOutput, parseForm, type FormParams } from "./wire/query.js";
import { decodeRestXmlRequest, encodeRestXmlError, encodeRestXmlOutput, RestRouter, type RestRequest, type RestResponse } from "./wire/restxml.js";
import { checkTime, headerValue, parseAuth, queryPairs, verifySignature, type WireRequest } from "./wire/sigv4.js";
import { randomUUID } from "node:crypto";
import { handleImds, imdsTarget } from "./imds/http.js";
import { MetadataSource } from "./imds/metadata.js";
import { isPresignedV2, V2_QUERY_AUTH, verifyPresignedV2 } from "./s3/sigv2.js";
import type { LocalCloud } from "./index.js";
import { type Db, openStore } from "./store/db.js";
import { createHttp1Server, type Http1Handler, type Http1Request, type Http1Response } from "./http1.js";

export interface ServeOptions {
  readonly cloud: Cloud;
  /** Defaults to 127.0.0.1: the simulated account is for this machine unless asked otherwise. */
  readonly host?: string;
  /** 0 picks a free port. Defaults to 4566, the port AWS emulators customarily use. */
  readonly port?: number;
  /** Largest request body accepted (AWS Query bodies are small; IAM's largest policy is 128 KiB). */
  readonly maxBodyBytes?: number;
  /** Largest S3 request body accepted (bodies are held in memory; AWS's own single-PUT limit is 5 GiB). */
  readonly maxObjectBytes?: number;
  /** How often connections are checked for idleness: one that moved no byte since the last check is ended. */
  readonly idleSweepMs?: number;
  /** Services to serve; defaults to every service whose protocol this server speaks. */
  readonly services?: readonly ServiceName[];
}

export interface RunningServer {
  /** "http://127.0.0.1:4566" */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops accepting requests, ends idle keep-alive connections, and resolves once the server is closed. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4566;
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
const DEFAULT_MAX_OBJECT_BODY = 256 * 1024 * 1024;
const SERVED: readonly ServiceName[] = ["iam", "sts", "ec2", "s3"];
/** Idle keep-alive connections end after 40 to 80 s (node:http's keepAliveTimeout was 65 s here). */
const IDLE_SWEEP_MS = 40_000;
/** A request not read whole this long after its first byte is answered 408 (node:http's requestTimeout). */
const REQUEST_TIMEOUT_MS = 60_000;
/** Characters of an XML body past which it is written as one encoded Buffer (see Handler.write). */
const LARGE_BODY = 64 * 1024;

function awsError(code: string, message: string, httpStatus: number, type: "Sender" | "Receiver" = "Sender"): AwsErrorShape {
  return { code, message, httpStatus, type };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const models = new Map<string, ServiceModel>();
  for (const s of options.services ?? SERVED) models.set(s, await loadServiceModel(s));
  // An unsigned request names no service; its API version does (Version=2010-05-08 is IAM).
  const byVersion = new Map<string, ServiceModel>();
  for (const m of models.values()) if (m.protocol !== "rest-xml") byVersion.set(m.apiVersion, m);
  const handler = new Handler(options.cloud, models, byVersion, maxBody, options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BODY);

  // A connection idle for a whole sweep (40 to 80 s) is ended; AWS SDKs reconnect as they must.
  const http = createHttp1Server(handler, { idleSweepMs: options.idleSweepMs ?? IDLE_SWEEP_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  const server = http.server;
  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once("error", onError);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          handler.imdsStore?.close();
          resolve();
        });
        http.closeIdleConnections();
        // Requests in flight finish (each is one synchronous call into the store); then nothing holds the server.
        setTimeout(() => http.closeAllConnections(), 2000).unref();
      }),
  };
}

class Handler implements Http1Handler {
  private readonly s3Router: RestRouter | undefined;
  /** EC2's instance metadata service, when the cloud is a local one (its store is where instances live). */
  readonly imds: MetadataSource | undefined;
  readonly imdsStore: Db | undefined;

  constructor(
    private readonly cloud: Cloud,
    private readonly models: ReadonlyMap<string, ServiceModel>,
    private readonly byVersion: ReadonlyMap<string, ServiceModel>,
    private readonly maxBody: number,
    private readonly maxObjectBody: number,
  ) {
    const s3 = models.get("s3");
    this.s3Router = s3 ? new RestRouter(s3) : undefined;
    const local = cloud as Partial<LocalCloud>;
    if (typeof local.home === "string") {
      this.imdsStore = openStore(local.home);
      const clock = local.clock;
      this.imds = new MetadataSource(this.imdsStore, cloud.accountId, () => (clock ? clock.nowMs() : Date.now()));
    }
  }

  /** S3 carries objects; every other service small documents. The signature's scope says which, before the body. */
  private isS3(req: Http1Request): boolean {
    return /\/s3\/aws4_request|%2Fs3%2Faws4_request/.test((headerValue(req.rawHeaders, "authorization") ?? "") + req.url);
  }

  bodyLimit(req: Http1Request): number {
    return this.isS3(req) ? this.maxObjectBody : this.maxBody;
  }

  tooLarge(req: Http1Request, res: Http1Response, proposed: number): void {
    if (this.isS3(req)) this.objectTooLarge(res, req.method, proposed, this.maxObjectBody);
    else this.send(res, undefined, awsError("RequestEntityTooLarge", `Request body must be no larger than ${this.maxBody} bytes.`, 413), newRequestId());
  }

  request(req: Http1Request, res: Http1Response, body: Buffer): void {
    try {
      this.process(req, res, body);
    } catch (e) {
      // A bug in tfsim, not in the request: AWS's words for it, and the server keeps serving.
      if (process.env.TFSIM_DEBUG) console.error(e);
      this.send(res, undefined, awsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500, "Receiver"), newRequestId());
    }
  }

  /** An S3 body over the object limit: S3's own EntityTooLarge (400, with the sizes), as a PUT over 5 GB gets. */
  private objectTooLarge(res: Http1Response, method: string, proposed: number, limit: number): void {
    const error = { ...awsError("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400), extra: { ProposedSize: String(proposed), MaxSizeAllowed: String(limit) } };
    this.writeRest(res, method, encodeRestXmlError(error, newRequestId(), method));
  }

  private process(req: Http1Request, res: Http1Response, body: Buffer): void {
    const url = req.url;
    const q = url.indexOf("?");
    const wire: WireRequest = {
      method: req.method,
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? "" : url.slice(q + 1),
      rawHeaders: req.rawHeaders,
      body,
    };
    const host = headerValue(req.rawHeaders, "host");
    const ip = clientIp(req);
    const site = websiteBucket(host);
    if (site !== undefined && this.models.has("s3")) return this.processWebsite(req, res, wire, site);
    const auth = parseAuth(wire);
    if (this.imds) {
      const imdsReq = { method: wire.method, path: wire.path, header: (n: string) => headerValue(req.rawHeaders, n), signed: auth.kind !== "anonymous" };
      const target = imdsTarget(imdsReq);
      if (target) {
        const r = handleImds(this.imds, imdsReq, target);
        res.send(r.status, r.headers, r.body);
        return;
      }
    }
    const contentType = headerValue(req.rawHeaders, "content-type") ?? "";

    let model: ServiceModel | undefined;
    let form: FormParams | undefined;
    if (auth.kind === "sigv4") {
      model = this.models.get(auth.auth.credential.service);
      if (!model) {
        const service = auth.auth.credential.service;
        const served = [...this.models.keys()].join(", ");
        return this.send(res, undefined, awsError("NotImplemented", `tfsim cloud serve does not serve the ${service} API yet (it serves ${served}).`, 501), newRequestId());
      }
    } else {
      // An unsigned request names no service: a Query API version does (Version=2010-05-08 is IAM), or the
      // Host (iam.amazonaws.com); anything else is taken as S3, the one service with anonymous access.
      form = this.queryForm(wire, contentType);
      model = this.byVersion.get(form.get("Version") ?? "") ?? this.modelFromHost(host) ?? (form.has("Action") ? undefined : this.models.get("s3"));
    }
    const rest = model?.protocol === "rest-xml";
    const fail = (error: AwsErrorShape) =>
      rest ? this.writeRest(res, wire.method, encodeRestXmlError(error, newRequestId(), wire.method)) : this.send(res, model, error, newRequestId());
    if (auth.kind === "error") return fail(auth.error);

    let credentials: CallRequest["credentials"] = { accessKeyId: "" };
    let region = "us-east-1";
    if (auth.kind === "sigv4") {
      const a = auth.auth;
      const secret = this.cloud.signingSecret(a.credential.accessKeyId, a.sessionToken);
      // Real time, not the account's clock: TFSIM_CLOCK_OFFSET_SECONDS ages credentials, it does not skew clients.
      let refused = "secretAccessKey" in secret ? (checkTime(a, Date.now()) ?? verifySignature(wire, a, secret.secretAccessKey)) : secret;
      if (refused && model?.protocol === "ec2") refused = inEc2Words(refused);
      if (refused) {
        const requestId = newRequestId();
        this.cloud.recordRefused?.({
          requestId,
          accessKeyId: a.credential.accessKeyId,
          region: a.credential.region,
          service: a.credential.service,
          action: rest ? this.restOperation(wire, host) : (this.queryForm(wire, contentType).get("Action") ?? ""),
          error: refused,
          ...(ip ? { sourceIp: ip } : {}),
        });
        return rest ? this.writeRest(res, wire.method, encodeRestXmlError(refused, requestId, wire.method)) : this.send(res, model, refused, requestId);
      }
      credentials = a.sessionToken === undefined ? { accessKeyId: a.credential.accessKeyId } : { accessKeyId: a.credential.accessKeyId, sessionToken: a.sessionToken };
      region = a.credential.region;
    } else if (!model) {
      return this.send(res, undefined, awsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403), newRequestId());
    }
    // S3's legacy presigned URLs (SigV2 query authentication), as `aws s3 presign` makes them.
    let presignedV2 = false;
    if (auth.kind === "anonymous" && rest && isPresignedV2(wire.query)) {
      const v2 = verifyPresignedV2(wire, hostBucket(host), this.cloud, Date.now());
      if ("code" in v2) return fail(v2);
      credentials = v2;
      presignedV2 = true;
    }
    const userAgent = headerValue(req.rawHeaders, "user-agent");
    const base = {
      credentials,
      authenticatedBy: auth.kind === "sigv4" || presignedV2 ? ("sigv4" as const) : ("anonymous" as const),
      region,
      service: model!.service as ServiceName,
      secureTransport: false,
      ...(ip ? { sourceIp: ip } : {}),
      ...(userAgent ? { userAgent } : {}),
    };
    if (rest) return this.processRest(res, wire, host, model!, base);
    return this.processQuery(res, model!, form ?? this.queryForm(wire, contentType), base);
  }

  /** The Query form: query-string parameters (presigned and GET requests), then a urlencoded body. */
  private queryForm(wire: WireRequest, contentType: string): FormParams {
    const form: FormParams = new Map();
    if (wire.query !== "") {
      parseForm(wire.query, form);
      for (const k of [...form.keys()]) if (k.startsWith("X-Amz-")) form.delete(k);
    }
    if (wire.body.length > 0 && (contentType === "" || contentType.startsWith("application/x-www-form-urlencoded"))) {
      parseForm(wire.body.toString("utf8"), form);
    }
    return form;
  }

  private processQuery(res: Http1Response, model: ServiceModel, form: FormParams, base: Omit<CallRequest, "action" | "params">): void {
    const action = form.get("Action") ?? "";
    if (action === "") return this.send(res, model, awsError("MissingAction", "Missing Action", 400), newRequestId());
    const op = model.operations.get(action);
    let params: Record<string, unknown> = {};
    if (op) {
      const decoded = decodeQueryInput(op, form, model.protocol === "ec2" ? "ec2" : "query");
      if (!decoded.ok) return this.send(res, model, decoded.error, newRequestId());
      params = decoded.params;
    }
    // An action the model does not know still goes to the cloud, which answers InvalidAction and records it.
    const result = this.cloud.call({ ...base, action, params });
    if (result.ok) {
      if (!op) throw new Error(`the cloud answered ${action}, which the ${model.service} model does not define`);
      this.write(res, 200, encodeQueryOutput(model, op, result.output, result.requestId), result.requestId);
    } else {
      // The key can also be refused here, when another process deactivated it after its secret was looked up.
      this.send(res, model, model.protocol === "ec2" && base.authenticatedBy === "sigv4" ? inEc2Words(result.error) : result.error, result.requestId);
    }
  }

  /** The REST request the S3 codec reads, with the body given (aws-chunked decoded). */
  private restRequest(wire: WireRequest, host: string | undefined, body: Buffer): RestRequest {
    const bucket = hostBucket(host);
    let headers: Array<readonly [string, string]> | undefined;
    return {
      method: wire.method,
      path: wire.path,
      query: queryPairs(wire.query).filter(([k]) => !k.startsWith("X-Amz-") && !V2_QUERY_AUTH.has(k)),
      // Only user metadata (x-amz-meta-*) reads them all.
      get headers() {
        if (headers === undefined) {
          headers = [];
          for (let i = 0; i < wire.rawHeaders.length; i += 2) headers.push([wire.rawHeaders[i]!.toLowerCase(), wire.rawHeaders[i + 1]!]);
        }
        return headers;
      },
      header: (name) => headerValue(wire.rawHeaders, name),
      body,
      ...(bucket !== undefined ? { hostBucket: bucket } : {}),
    };
  }

  /** The S3 operation a request is (for the audit record of a refused call), or "" when none fits. */
  private restOperation(wire: WireRequest, host: string | undefined): string {
    const routed = this.s3Router?.route(this.restRequest(wire, host, wire.body));
    return routed && "op" in routed ? routed.op.name : "";
  }

  private processRest(res: Http1Response, wire: WireRequest, host: string | undefined, model: ServiceModel, base: Omit<CallRequest, "action" | "params">): void {
    let body = wire.body;
    if (/aws-chunked/.test(headerValue(wire.rawHeaders, "content-encoding") ?? "")) {
      const decoded = decodeAwsChunked(body);
      if (!decoded) return this.writeRest(res, wire.method, encodeRestXmlError(awsError("IncompleteBody", "The request body terminated unexpectedly", 400), newRequestId(), wire.method));
      body = decoded;
    }
    const decoded = decodeRestXmlRequest(this.s3Router!, this.restRequest(wire, host, body));
    if (!decoded.ok) return this.writeRest(res, wire.method, encodeRestXmlError(decoded.error, newRequestId(), wire.method));
    const result = this.cloud.call({ ...base, action: decoded.operation.name, params: decoded.params });
    if (result.ok) {
      const encoded = encodeRestXmlOutput(model, decoded.operation, result.output, result.requestId);
      // S3's partial content (206 for a Range) is not a member of the model's output: the action says it.
      const status = result.output.$httpStatus;
      this.writeRest(res, wire.method, typeof status === "number" ? { ...encoded, status } : encoded);
    }
    else this.writeRest(res, wire.method, encodeRestXmlError(result.error, result.requestId, wire.method));
  }

  /** S3's static website endpoint: anonymous GET/HEAD, answered with pages rather than XML. */
  private processWebsite(req: Http1Request, res: Http1Response, wire: WireRequest, bucket: string): void {
    const method = wire.method;
    if (method !== "GET" && method !== "HEAD") {
      res.send(405, { "Content-Type": "text/html; charset=utf-8", Allow: "GET, HEAD" }, "<html><body><h1>405 Method Not Allowed</h1></body></html>\n");
      return;
    }
    let key: string;
    try {
      key = decodeURIComponent(wire.path.replace(/^\//, ""));
    } catch {
      key = wire.path.replace(/^\//, "");
    }
    const ip = clientIp(req);
    const result = this.cloud.call({
      credentials: { accessKeyId: "" },
      authenticatedBy: "anonymous",
      region: "us-east-1",
      service: "s3",
      action: "WebsiteGet",
      params: { Bucket: bucket, Key: key, Host: headerValue(req.rawHeaders, "host") ?? "" },
      ...(ip ? { sourceIp: ip } : {}),
    });
    const page = result.ok ? (result.output.response as { status: number; headers: Record<string, string>; body: Buffer }) : undefined;
    if (!page) {
      res.send(500, { "Content-Type": "text/html; charset=utf-8" }, "<html><body><h1>500 Internal Server Error</h1></body></html>\n");
      return;
    }
    res.send(page.status, { ...page.headers, "Content-Length": page.body.length, "x-amz-request-id": result.requestId }, page.body);
  }

  private modelFromHost(host: string | undefined): ServiceModel | undefined {
    if (!host) return undefined;
    const first = host.split(".")[0]!;
    return first === "s3" ? undefined : this.models.get(first);
  }

  private send(res: Http1Response, model: ServiceModel | undefined, error: AwsErrorShape, requestId: string): void {
    this.write(res, error.httpStatus, encodeQueryError(model, error, requestId), requestId);
  }

  private write(res: Http1Response, status: number, xml: string, requestId: string): void {
    // A large body (a page of 100 instances is ~340 KB) is encoded once: measuring and then writing the string
    // would flatten and encode it twice.
    const body = xml.length > LARGE_BODY ? Buffer.from(xml, "utf8") : xml;
    res.send(status, { "Content-Type": "text/xml", "x-amzn-RequestId": requestId }, body);
  }

  private writeRest(res: Http1Response, method: string, r: RestResponse): void {
    const headers: Record<string, string | number> = { ...r.headers };
    // Not Modified carries no body (and so no length of one).
    if (r.status === 304) delete headers["Content-Type"];
    // HEAD answers with the headers a GET would have (Content-Length included) and no body.
    else if (method !== "HEAD" || headers["Content-Length"] === undefined) headers["Content-Length"] = Buffer.byteLength(r.body);
    res.send(r.status, headers, r.body);
  }
}

/**
 * The bucket of a website endpoint Host: AWS's "site.s3-website-us-east-1.amazonaws.com" or
 * "site.s3-website.eu-west-1.…", or the same under this server's own name ("site.s3-website.localhost:4566",
 * which a browser resolves to this machine), as virtual-hosted style has "BUCKET.s3.<endpoint host>".
 */
export function websiteBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  return /^(.+?)\.s3-website[.-]/.exec(host)?.[1];
}

/** The bucket of a virtual-hosted-style Host: "photos.s3.amazonaws.com", "photos.s3.us-east-1.…", "photos.localhost". */
export function hostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, "");
  const m = /^(.+?)\.s3[.-]/.exec(name);
  if (m) return m[1];
  if (name.endsWith(".localhost")) return name.slice(0, -".localhost".length);
  return undefined;
}

/**
 * The payload of an aws-chunked body ("<hex size>[;chunk-signature=…]\r\n<data>\r\n…0\r\n<trailers>\r\n"), or
 * undefined when it is cut short. Chunk signatures are not checked: the seed signature covered the headers.
 */
export function decodeAwsChunked(body: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = body.indexOf("\r\n", pos);
    if (eol < 0) return undefined;
    const sizeText = body.toString("latin1", pos, eol).split(";")[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return undefined;
    const size = parseInt(sizeText, 16);
    if (size === 0) return Buffer.concat(parts);
    const start = eol + 2;
    if (start + size > body.length) return undefined;
    parts.push(body.subarray(start, start + size));
    pos = start + size + 2;
  }
}

/** EC2 answers an unknown key, a wrong signature or a stale one in its own words. */
function inEc2Words(refused: AwsErrorShape): AwsErrorShape {
  if (refused.code !== "InvalidClientTokenId" && refused.code !== "SignatureDoesNotMatch") return refused;
  return refused.message.startsWith("Signature expired")
    ? awsError("RequestExpired", "Request has expired.", 400)
    : awsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
}

function clientIp(req: Http1Request): string | undefined {
  const a = req.remoteAddress;
  return a?.startsWith("::ffff:") ? a.slice(7) : a;
}

function newRequestId(): string {
  return randomUUID();
}
