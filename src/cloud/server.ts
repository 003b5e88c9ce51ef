// The simulated AWS over HTTP, so that the real aws CLI, boto3 and Terraform's AWS provider work against it
// unchanged. One endpoint serves every service: the SigV4 credential scope names the service (as AWS's own
// hostnames would), the signature is verified with the key's secret from the account, and the request is decoded
// by the service's wire protocol into the params of Cloud.call, whose result is encoded back the same way.
//
//   HTTP request → SigV4 (parse, look up secret, check time, verify) → protocol decode → cloud.call → encode
//
// Every failure is an AWS error document with AWS's status; a malformed request is never a 5xx.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AwsErrorShape, CallRequest, Cloud, ServiceName } from "./api.js";
import { loadServiceModel, type ServiceModel } from "./wire/model.js";
import { decodeQueryInput, encodeQueryError, encodeQueryOutput, parseForm, type FormParams } from "./wire/query.js";
import { checkTime, headerValue, parseAuth, verifySignature, type WireRequest } from "./wire/sigv4.js";
import { randomUUID } from "node:crypto";

export interface ServeOptions {
  readonly cloud: Cloud;
  /** Defaults to 127.0.0.1: the simulated account is for this machine unless asked otherwise. */
  readonly host?: string;
  /** 0 picks a free port. Defaults to 4566, the port AWS emulators customarily use. */
  readonly port?: number;
  /** Largest request body accepted (AWS Query bodies are small; IAM's largest policy is 128 KiB). */
  readonly maxBodyBytes?: number;
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
const QUERY_SERVICES: readonly ServiceName[] = ["iam", "sts", "ec2"];

function awsError(code: string, message: string, httpStatus: number, type: "Sender" | "Receiver" = "Sender"): AwsErrorShape {
  return { code, message, httpStatus, type };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const models = new Map<string, ServiceModel>();
  for (const s of options.services ?? QUERY_SERVICES) models.set(s, await loadServiceModel(s));
  // An unsigned request names no service; its API version does (Version=2010-05-08 is IAM).
  const byVersion = new Map<string, ServiceModel>();
  for (const m of models.values()) byVersion.set(m.apiVersion, m);
  const handler = new Handler(options.cloud, models, byVersion, maxBody);

  const server: Server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 60_000 }, (req, res) => handler.handle(req, res));
  server.headersTimeout = 30_000;
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
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests in flight finish (each is one synchronous call into the store); then nothing holds the server.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}

class Handler {
  constructor(
    private readonly cloud: Cloud,
    private readonly models: ReadonlyMap<string, ServiceModel>,
    private readonly byVersion: ReadonlyMap<string, ServiceModel>,
    private readonly maxBody: number,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = Number(req.headers["content-length"] ?? "0") > this.maxBody;
    if (refused) this.tooLarge(res);
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        // The answer is sent; the rest is read and dropped so the client sees the 413 rather than a reset,
        // up to a point past which it is not worth reading.
        if (size > this.maxBody * 4) req.destroy();
        return;
      }
      if (size > this.maxBody) {
        refused = true;
        chunks.length = 0;
        this.tooLarge(res);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      try {
        this.process(req, res, body);
      } catch (e) {
        // A bug in tfsim, not in the request: AWS's words for it, and the server keeps serving.
        if (process.env.TFSIM_DEBUG) console.error(e);
        this.send(res, undefined, awsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500, "Receiver"), newRequestId());
      }
    });
    req.on("error", () => res.destroy());
  }

  private tooLarge(res: ServerResponse): void {
    this.send(res, undefined, awsError("RequestEntityTooLarge", `Request body must be no larger than ${this.maxBody} bytes.`, 413), newRequestId());
  }

  private process(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const wire: WireRequest = {
      method: req.method ?? "GET",
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? "" : url.slice(q + 1),
      rawHeaders: req.rawHeaders,
      body,
    };
    const auth = parseAuth(wire);

    // The form: query-string parameters (presigned and GET requests), then the urlencoded body.
    const form: FormParams = new Map();
    if (wire.query !== "") {
      parseForm(wire.query, form);
      for (const k of [...form.keys()]) if (k.startsWith("X-Amz-")) form.delete(k);
    }
    if (body.length > 0) parseForm(body.toString("utf8"), form);

    let model: ServiceModel | undefined;
    if (auth.kind === "sigv4") {
      model = this.models.get(auth.auth.credential.service);
      if (!model) {
        const service = auth.auth.credential.service;
        const served = [...this.models.keys()].join(", ");
        return this.send(res, undefined, awsError("NotImplemented", `tfsim cloud serve does not serve the ${service} API yet (it serves ${served}).`, 501), newRequestId());
      }
    } else {
      model = this.byVersion.get(form.get("Version") ?? "") ?? this.modelFromHost(headerValue(req.rawHeaders, "host"));
    }
    if (auth.kind === "error") return this.send(res, model, auth.error, newRequestId());

    let request: CallRequest;
    const sourceIp = clientIp(req);
    const userAgent = headerValue(req.rawHeaders, "user-agent");
    if (auth.kind === "sigv4") {
      const a = auth.auth;
      const secret = this.cloud.signingSecret(a.credential.accessKeyId, a.sessionToken);
      if (!("secretAccessKey" in secret)) return this.send(res, model, secret, newRequestId());
      // Real time, not the account's clock: TFSIM_CLOCK_OFFSET_SECONDS ages credentials, it does not skew clients.
      const timeError = checkTime(a, Date.now()) ?? verifySignature(wire, a, secret.secretAccessKey);
      if (timeError) return this.send(res, model, timeError, newRequestId());
      request = this.callRequest(model!, form, a.credential.region, "sigv4", sourceIp, userAgent, a.credential.accessKeyId, a.sessionToken);
    } else {
      if (!model) {
        return this.send(res, undefined, awsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403), newRequestId());
      }
      request = this.callRequest(model, form, "us-east-1", "anonymous", sourceIp, userAgent, "", undefined);
    }

    if (request.action === "") {
      return this.send(res, model, awsError("MissingAction", "Missing Action", 400), newRequestId());
    }
    const op = model!.operations.get(request.action);
    if (op) {
      const decoded = decodeQueryInput(op, form, model!.protocol === "ec2" ? "ec2" : "query");
      if (!decoded.ok) return this.send(res, model, decoded.error, newRequestId());
      request = { ...request, params: decoded.params };
    }
    // An action the model does not know still goes to the cloud, which answers InvalidAction and records it.
    const result = this.cloud.call(request);
    if (result.ok) {
      if (!op) throw new Error(`the cloud answered ${request.action}, which the ${model!.service} model does not define`);
      this.write(res, 200, encodeQueryOutput(model!, op, result.output, result.requestId), result.requestId);
    } else {
      this.send(res, model, result.error, result.requestId);
    }
  }

  private callRequest(
    model: ServiceModel,
    form: FormParams,
    region: string,
    authenticatedBy: "sigv4" | "anonymous",
    sourceIp: string | undefined,
    userAgent: string | undefined,
    accessKeyId: string,
    sessionToken: string | undefined,
  ): CallRequest {
    return {
      credentials: sessionToken === undefined ? { accessKeyId } : { accessKeyId, sessionToken },
      authenticatedBy,
      region,
      service: model.service as ServiceName,
      action: form.get("Action") ?? "",
      params: {},
      secureTransport: false,
      ...(sourceIp ? { sourceIp } : {}),
      ...(userAgent ? { userAgent } : {}),
    };
  }

  private modelFromHost(host: string | undefined): ServiceModel | undefined {
    if (!host) return undefined;
    const first = host.split(".")[0]!;
    return this.models.get(first);
  }

  private send(res: ServerResponse, model: ServiceModel | undefined, error: AwsErrorShape, requestId: string): void {
    this.write(res, error.httpStatus, encodeQueryError(model, error, requestId), requestId);
  }

  private write(res: ServerResponse, status: number, xml: string, requestId: string): void {
    if (res.headersSent) return;
    res.writeHead(status, {
      "Content-Type": "text/xml",
      "Content-Length": Buffer.byteLength(xml, "utf8"),
      "x-amzn-RequestId": requestId,
    });
    // A string body goes out in one write with the headers (a Buffer would cost a writev of two).
    res.end(xml, "utf8");
  }
}

function clientIp(req: IncomingMessage): string | undefined {
  const a = req.socket.remoteAddress;
  return a?.startsWith("::ffff:") ? a.slice(7) : a;
}

function newRequestId(): string {
  return randomUUID();
}
