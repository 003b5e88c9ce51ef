// The instance metadata service over HTTP, on the cloud server. An instance is named by the
// X-Tfsim-Instance-Id header on /latest/... or by a path prefix, /instance/i-0123…/latest/... (a real instance
// reaches 169.254.169.254 and is known by its network interface; here the caller says which instance it is).
// IMDSv2: PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds, then X-aws-ec2-metadata-token;
// IMDSv1 (no token) is answered unless the instance requires tokens (MetadataOptions HttpTokens=required), and
// nothing is answered when its HttpEndpoint is disabled. Answers are IMDS's: text/plain listings,
// JSON documents, 401/404 HTML pages.
import type { MetadataSource, InstanceRecord } from "./metadata.js";

export interface ImdsRequest {
  readonly method: string;
  readonly path: string;
  header(name: string): string | undefined;
  /** Whether the request carries AWS credentials (a signed request is never for IMDS). */
  readonly signed: boolean;
}

export interface ImdsResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export const INSTANCE_HEADER = "x-tfsim-instance-id";
const PREFIX = /^\/instance\/(i-[0-9a-f]+)(\/latest\/.*)$/;

/** The instance and metadata path this request is for, or undefined when it is not an IMDS request. */
export function imdsTarget(req: ImdsRequest): { instanceId: string; path: string } | undefined {
  if (req.signed) return undefined;
  const m = PREFIX.exec(req.path);
  if (m) return { instanceId: m[1]!, path: m[2]! };
  const id = req.header(INSTANCE_HEADER);
  if (id !== undefined && req.path.startsWith("/latest/")) return { instanceId: id, path: req.path };
  return undefined;
}

function page(status: number, title: string): ImdsResponse {
  const body = `<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n <head>\n  <title>${status} - ${title}</title>\n </head>\n <body>\n  <h1>${status} - ${title}</h1>\n </body>\n</html>\n`;
  return { status, headers: { "Content-Type": "text/html" }, body };
}

function text(body: string): ImdsResponse {
  return { status: 200, headers: { "Content-Type": "text/plain" }, body };
}

function json(value: unknown): ImdsResponse {
  return { status: 200, headers: { "Content-Type": "text/plain" }, body: JSON.stringify(value, null, 2) };
}

export function handleImds(source: MetadataSource, req: ImdsRequest, target: { instanceId: string; path: string }): ImdsResponse {
  const rec = source.instance(target.instanceId);
  if (!rec) return page(404, "Not Found");
  if (source.endpointDisabled(rec)) return page(403, "Forbidden");
  if (target.path === "/latest/api/token") {
    if (req.method !== "PUT") return page(405, "Method Not Allowed");
    const ttl = Number(req.header("x-aws-ec2-metadata-token-ttl-seconds") ?? "");
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return page(400, "Bad Request");
    return { status: 200, headers: { "Content-Type": "text/plain", "X-Aws-Ec2-Metadata-Token-Ttl-Seconds": String(ttl) }, body: source.newToken(rec.instance.id, ttl) };
  }
  if (req.method !== "GET" && req.method !== "HEAD") return page(405, "Method Not Allowed");
  const token = req.header("x-aws-ec2-metadata-token");
  if (token !== undefined) {
    if (!source.tokenValid(token, rec.instance.id)) return page(401, "Unauthorized");
  } else if (source.requiresToken(rec)) {
    return page(401, "Unauthorized");
  }
  return metadata(source, rec, target.path) ?? page(404, "Not Found");
}

function metadata(source: MetadataSource, rec: InstanceRecord, path: string): ImdsResponse | undefined {
  const i = rec.instance;
  const role = source.role(rec);
  const hostname = `ip-${i.privateIp.replace(/\./g, "-")}.${rec.region === "us-east-1" ? "ec2.internal" : `${rec.region}.compute.internal`}`;
  const groups = source.securityGroupNames(rec);
  const publicKey = source.publicKey(rec);
  const leaves: Record<string, string | undefined> = {
    // The MAC of the primary network interface, as DescribeInstances shows it.
    mac: "0a:" + i.id.slice(2, 12).replace(/(..)(?!$)/g, "$1:"),
    "security-groups": groups.length ? groups.join("\n") : undefined,
    "services/domain": "amazonaws.com",
    "services/partition": "aws",
    ...(publicKey !== undefined ? { "public-keys/0/openssh-key": publicKey } : {}),
    "ami-id": i.imageId,
    "ami-launch-index": String(i.amiLaunchIndex),
    hostname,
    "instance-id": i.id,
    "instance-type": i.instanceType,
    "local-hostname": hostname,
    "local-ipv4": i.privateIp,
    "public-ipv4": i.publicIp,
    "placement/availability-zone": i.az,
    "placement/region": rec.region,
    "reservation-id": i.reservationId,
  };
  const p = path.replace(/^\/latest\//, "");
  if (p === "" || p === "/") return text(i.userData !== undefined ? "dynamic\nmeta-data\nuser-data" : "dynamic\nmeta-data\n");
  // The launch's user data, decoded, as cloud-init reads it; 404 when there is none.
  if (p === "user-data") return i.userData !== undefined ? { status: 200, headers: { "Content-Type": "application/octet-stream" }, body: Buffer.from(i.userData, "base64").toString("utf8") } : undefined;
  if (p === "meta-data" || p === "meta-data/") {
    const names = new Set<string>();
    for (const [k, v] of Object.entries(leaves)) if (v !== undefined) names.add(k.includes("/") ? k.split("/")[0]! + "/" : k);
    if (role) names.add("iam/");
    return text([...names].sort().join("\n"));
  }
  if (p === "dynamic/instance-identity/document") {
    return json({
      accountId: source.accountId,
      architecture: i.architecture,
      availabilityZone: i.az,
      imageId: i.imageId,
      instanceId: i.id,
      instanceType: i.instanceType,
      pendingTime: new Date(i.launchTime).toISOString().replace(/\.\d{3}Z$/, "Z"),
      privateIp: i.privateIp,
      region: rec.region,
      version: "2017-09-30",
    });
  }
  if (!p.startsWith("meta-data/")) return undefined;
  const key = p.slice("meta-data/".length);
  // A directory lists the next level of the leaves under it ("public-keys/" names key 0 as "0=NAME", as EC2 does).
  const dir = key.endsWith("/") ? key : `${key}/`;
  if (dir === "public-keys/" && publicKey !== undefined) return text(`0=${i.keyName!}`);
  const below = [...new Set(Object.keys(leaves).filter((k) => k.startsWith(dir) && leaves[k] !== undefined).map((k) => k.slice(dir.length).replace(/\/.*$/, "/")))];
  if (below.length) return text(below.join("\n"));
  const leaf = leaves[key];
  if (leaf !== undefined) return text(leaf);
  if (!role) return undefined;
  if (key === "iam" || key === "iam/") return text("info\nsecurity-credentials/");
  if (key === "iam/info") {
    return json({ Code: "Success", LastUpdated: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"), InstanceProfileArn: role.profileArn, InstanceProfileId: role.profileId });
  }
  if (key === "iam/security-credentials" || key === "iam/security-credentials/") return text(role.name);
  const m = /^iam\/security-credentials\/([^/]+)$/.exec(key);
  if (m) {
    const creds = source.credentials(rec, m[1]!);
    return creds ? json(creds) : undefined;
  }
  return undefined;
}
