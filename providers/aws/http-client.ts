// The provider over HTTP to `tfsim cloud serve` (endpoints {} or AWS_ENDPOINT_URL): Query-protocol requests
// (IAM, STS; EC2's dialect) form-encoded from the botocore model, S3's REST-XML requests path style
// (rest-xml-request.ts), all signed with SigV4, answers decoded back into the same shapes the in-process client
// returns, so resources cannot tell the two apart.
import type { AwsCredentials, AwsErrorShape, ServiceName } from "../../src/cloud/api.js";
import { loadServiceModel, type Shape, type ShapeRef, type ServiceModel } from "../../src/cloud/wire/model.js";
import { decodeNode, parseXmlDocument } from "../../src/cloud/wire/shape-xml.js";
import { sha256Hex, signSigV4 } from "../../src/cloud/wire/sigv4.js";
import type { AwsClient } from "./client.js";
import { AwsCallError } from "./errors.js";
import { child, decodeRestXmlError, decodeRestXmlOutput, encodeRestXmlRequest, text } from "./rest-xml-request.js";


function scalar(shape: Shape, v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v.toString("base64");
  if (shape.type === "boolean") return v ? "true" : "false";
  return String(v);
}

/** botocore's query serializer (and its EC2 variant: lists always flattened, names from queryName/locationName). */
export function encodeQuery(ref: Pick<ShapeRef, "shape" | "flattened">, v: unknown, prefix: string, out: [string, string][], ec2: boolean): void {
  const shape = ref.shape;
  if (v === undefined || v === null) return;
  switch (shape.type) {
    case "structure": {
      const o = v as Record<string, unknown>;
      for (const m of shape.members) {
        if (o[m.name] === undefined) continue;
        const name = ec2 ? (m.queryName ?? (m.locationName ? m.locationName[0]!.toUpperCase() + m.locationName.slice(1) : m.name)) : (m.locationName ?? m.name);
        encodeQuery(m, o[m.name], prefix ? `${prefix}.${name}` : name, out, ec2);
      }
      return;
    }
    case "list": {
      const items = v as unknown[];
      const member = shape.member!;
      if (items.length === 0) {
        if (!ec2) out.push([prefix, ""]);
        return;
      }
      items.forEach((item, i) => {
        const key = ec2 || ref.flattened ? `${prefix}.${i + 1}` : `${prefix}.${member.locationName ?? "member"}.${i + 1}`;
        encodeQuery(member, item, key, out, ec2);
      });
      return;
    }
    case "map": {
      const entries = Object.entries(v as Record<string, unknown>);
      entries.forEach(([k, val], i) => {
        const base = ref.flattened ? `${prefix}.${i + 1}` : `${prefix}.entry.${i + 1}`;
        out.push([`${base}.${shape.key!.locationName ?? "key"}`, k]);
        encodeQuery(shape.value!, val, `${base}.${shape.value!.locationName ?? "value"}`, out, ec2);
      });
      return;
    }
    default:
      out.push([prefix, scalar(shape, v)]);
  }
}

export class HttpClient implements AwsClient {
  constructor(
    private readonly endpointFor: (service: ServiceName) => string | undefined,
    private readonly credentials: AwsCredentials,
    readonly region: string,
  ) {}

  async call(service: ServiceName, action: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const endpoint = this.endpointFor(service);
    const fail = (code: string, message: string, status = 400): never => {
      throw new AwsCallError(service, action, "", { code, message, httpStatus: status, type: "Sender" });
    };
    if (!endpoint) return fail("EndpointNotConfigured", `no endpoint for ${service}`);
    const model: ServiceModel = await loadServiceModel(service);
    const op = model.operations.get(action);
    if (!op) return fail("InvalidAction", `Could not find operation ${action} for version ${model.apiVersion}`);
    if (model.protocol === "rest-xml") return this.callRest(service, endpoint, model, op, params, fail);
    const pairs: [string, string][] = [
      ["Action", action],
      ["Version", model.apiVersion],
    ];
    if (op.input) encodeQuery({ shape: op.input, flattened: false }, params, "", pairs, model.protocol === "ec2");
    const body = new URLSearchParams(pairs).toString();
    const url = new URL("/", endpoint).toString();
    const headers = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
    const res = await this.signedFetch(model, "POST", url, headers, body, fail);
    const xml = await res.text();
    const doc = parseXmlDocument(xml);
    if (!res.ok) {
      const err = doc.name === "Response" ? child(child(doc.node, "Errors")!, "Error") : child(doc.node, "Error");
      const requestId = text(child(doc.node, "RequestId") ?? child(doc.node, "RequestID"));
      const shape: AwsErrorShape = {
        code: text(err && child(err, "Code")),
        message: text(err && child(err, "Message")),
        httpStatus: res.status,
        type: text(err && child(err, "Type")) === "Receiver" ? "Receiver" : "Sender",
      };
      throw new AwsCallError(service, action, requestId, shape);
    }
    if (!op.output) return {};
    const resultNode = op.resultWrapper ? child(doc.node, op.resultWrapper) : doc.node;
    if (resultNode === undefined) return {};
    return decodeNode({ shape: op.output } as ShapeRef, resultNode) as Record<string, unknown>;
  }

  private async callRest(
    service: ServiceName,
    endpoint: string,
    model: ServiceModel,
    op: NonNullable<ReturnType<ServiceModel["operations"]["get"]>>,
    params: Record<string, unknown>,
    fail: (code: string, message: string, status?: number) => never,
  ): Promise<Record<string, unknown>> {
    const req = encodeRestXmlRequest(op, params);
    const url = new URL(req.pathAndQuery, endpoint).toString();
    const headers = { ...req.headers, "x-amz-content-sha256": sha256Hex(req.body) };
    const res = await this.signedFetch(model, req.method, url, headers, req.body, fail);
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status >= 300) {
      const { requestId, error } = decodeRestXmlError(res.status, res.headers, body);
      throw new AwsCallError(service, op.name, requestId, error);
    }
    return decodeRestXmlOutput(op, res.status, res.headers, body);
  }

  // Signs with SigV4 for the model's signing name and sends; a connection failure is the SDK's RequestError.
  private async signedFetch(
    model: ServiceModel,
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | Buffer,
    fail: (code: string, message: string, status?: number) => never,
  ): Promise<Response> {
    const signed = signSigV4({
      method,
      url,
      headers,
      body,
      region: this.region,
      service: model.signingName,
      accessKeyId: this.credentials.accessKeyId,
      secretAccessKey: this.credentials.secretAccessKey ?? "",
      ...(this.credentials.sessionToken ? { sessionToken: this.credentials.sessionToken } : {}),
    });
    delete signed.host;
    const sendsBody = body.length > 0 || method === "PUT" || method === "POST";
    try {
      return await fetch(url, { method, headers: signed, ...(sendsBody ? { body } : {}) });
    } catch (e) {
      return fail("RequestError", `send request failed: ${e instanceof Error ? e.message : String(e)}`, 0);
    }
  }

  close(): void {}
}
