// Whatever arrives, `tfsim cloud serve` answers with an AWS error document and a 4xx, never a 5xx or a hang.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signSigV4 } from "../../../src/cloud/wire/sigv4.js";
import { tempDir } from "../../helpers/cli.js";
import { rootKeys, serve, type Keys, type Served } from "./serve.js";

let server: Served;
let root: Keys;

beforeAll(async () => {
  const home = tempDir("tfsim-malformed-");
  server = await serve(home);
  root = rootKeys(home);
});

afterAll(async () => {
  await server?.stop();
});

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(method: string, path: string, headers: Record<string, string>, body: string | Buffer = ""): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

function signed(body: string | Buffer, service = "iam", keys: Keys = root, path = "/"): Promise<Reply> {
  const headers = signSigV4({
    method: "POST",
    url: `${server.url}${path}`,
    headers: FORM,
    body,
    region: "us-east-1",
    service,
    accessKeyId: keys.AccessKeyId,
    secretAccessKey: keys.SecretAccessKey,
  });
  return send("POST", path, headers, body);
}

function code(r: Reply): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(r.body)?.[1];
}

describe("malformed requests", () => {
  it("answers an unsigned request with MissingAuthenticationToken", async () => {
    const r = await send("POST", "/", FORM, "Action=ListUsers&Version=2010-05-08");
    expect(r.status).toBe(403);
    expect(r.body).toContain("<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>");
    expect(r.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers a broken Authorization header with IncompleteSignature", async () => {
    const r = await send("POST", "/", { ...FORM, authorization: "AWS4-HMAC-SHA256 Credential=AKIA/20240101/us-east-1/iam/aws4_request" }, "Action=ListUsers");
    expect(r.status).toBe(400);
    expect(code(r)).toBe("IncompleteSignature");
  });

  it("answers a request signed more than 15 minutes ago with Signature expired", async () => {
    const body = "Action=ListUsers&Version=2010-05-08";
    const headers = signSigV4({
      method: "POST",
      url: `${server.url}/`,
      headers: FORM,
      body,
      region: "us-east-1",
      service: "iam",
      accessKeyId: root.AccessKeyId,
      secretAccessKey: root.SecretAccessKey,
      now: Date.now() - 20 * 60 * 1000,
    });
    const r = await send("POST", "/", headers, body);
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/<Code>SignatureDoesNotMatch<\/Code><Message>Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)<\/Message>/);
  });

  it("answers a signed request without an Action", async () => {
    const r = await signed("%%%&&==&Version");
    expect(r.status).toBe(400);
    expect(code(r)).toBe("MissingAction");
  });

  it("answers an unknown action with InvalidAction", async () => {
    const r = await signed("Action=LaunchRockets&Version=2010-05-08");
    expect(r.status).toBe(400);
    expect(r.body).toContain("<Code>InvalidAction</Code><Message>Could not find operation LaunchRockets for version 2010-05-08</Message>");
  });

  it("answers a value of the wrong type with ValidationError", async () => {
    const r = await signed("Action=ListUsers&Version=2010-05-08&MaxItems=lots");
    expect(r.status).toBe(400);
    expect(r.body).toContain("Value &apos;lots&apos; at &apos;maxItems&apos; failed to satisfy constraint: Member must be a valid integer");
  });

  it("survives binary garbage in a signed body", async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const r = await signed(garbage);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  it("refuses a body over the limit with 413", async () => {
    const r = await send("POST", "/", FORM, Buffer.alloc(11 * 1024 * 1024, 97));
    expect(r.status).toBe(413);
    expect(code(r)).toBe("RequestEntityTooLarge");
  });

  it("answers EC2 requests in EC2's error dialect", async () => {
    const r = await signed("Action=DescribeInstances&Version=2016-11-15&MaxResults=x", "ec2");
    expect(r.status).toBe(400);
    expect(r.body).toContain("<Response><Errors><Error><Code>InvalidParameterValue</Code>");
  });

  it("answers a list item given as a bare value where EC2 expects a structure (Filter.1=x)", async () => {
    const r = await signed("Action=DescribeRegions&Version=2016-11-15&Filter.1=x", "ec2");
    expect(r.status).toBe(200);
    const tags = await signed("Action=DescribeTags&Version=2016-11-15&Filter.1=null&Filter.2.Name=bogus&Filter.2.Value.1=x", "ec2");
    expect(tags.status).toBe(400);
    expect(code(tags)).toBe("InvalidParameterValue");
  });

  it("answers a login profile call without UserName from root with ValidationError", async () => {
    for (const action of ["GetLoginProfile", "DeleteLoginProfile"]) {
      const r = await signed(`Action=${action}&Version=2010-05-08`);
      expect(r.status).toBe(400);
      expect(r.body).toContain("<Code>ValidationError</Code><Message>Must specify userName when calling with non-User credentials</Message>");
    }
  });

  it("keeps serving after all of that, on a kept-alive connection", async () => {
    const a = await signed("Action=GetCallerIdentity&Version=2011-06-15", "sts");
    const b = await signed("Action=GetCallerIdentity&Version=2011-06-15", "sts");
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toContain(`<Arn>arn:aws:iam::`);
  });
});
