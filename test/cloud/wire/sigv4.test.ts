import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  canonicalUri,
  checkTime,
  parseAmzDate,
  parseAuth,
  signSigV4,
  verifySignature,
  type SigV4Auth,
  type WireRequest,
} from "../../../src/cloud/wire/sigv4.js";

function authOf(req: WireRequest): SigV4Auth {
  const p = parseAuth(req);
  if (p.kind !== "sigv4") throw new Error(`expected a SigV4 request, got ${JSON.stringify(p)}`);
  return p.auth;
}

function splitUrl(url: string): { path: string; query: string } {
  // Keep the path and query exactly as sent: new URL() would re-encode them.
  const afterHost = url.indexOf("/", url.indexOf("//") + 2);
  const rest = afterHost < 0 ? "/" : url.slice(afterHost);
  const q = rest.indexOf("?");
  return q < 0 ? { path: rest, query: "" } : { path: rest.slice(0, q), query: rest.slice(q + 1) };
}

// AWS's published SigV4 test suite (aws-sig-v4-test-suite): credentials, date, scope and expected signatures are
// AWS's own; each request is verified as the server would see it.
describe("AWS's published SigV4 test suite", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  const scope = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
  const vectors: Array<{ name: string; method: string; target: string; headers: string[]; body: string; signed: string; signature: string }> = [
    { name: "get-vanilla", method: "GET", target: "/", headers: [], body: "", signed: "host;x-amz-date", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
    {
      name: "get-unreserved",
      method: "GET",
      target: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
      headers: [],
      body: "",
      signed: "host;x-amz-date",
      signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
    },
    { name: "get-slashes", method: "GET", target: "//example//", headers: [], body: "", signed: "host;x-amz-date", signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84" },
    {
      name: "get-vanilla-query-order-key-case",
      method: "GET",
      target: "/?Param2=value2&Param1=value1",
      headers: [],
      body: "",
      signed: "host;x-amz-date",
      signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    },
    {
      name: "get-vanilla-query-order-value",
      method: "GET",
      target: "/?Param1=value2&Param1=value1",
      headers: [],
      body: "",
      signed: "host;x-amz-date",
      signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694",
    },
    {
      name: "get-header-value-order",
      method: "GET",
      target: "/",
      headers: ["My-Header1", "value4", "My-Header1", "value1", "My-Header1", "value3", "My-Header1", "value2"],
      body: "",
      signed: "host;my-header1;x-amz-date",
      signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01",
    },
    {
      name: "get-header-value-trim",
      method: "GET",
      target: "/",
      headers: ["My-Header1", " value1", "My-Header2", '"a   b   c"'],
      body: "",
      signed: "host;my-header1;my-header2;x-amz-date",
      signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
    },
    {
      name: "post-x-www-form-urlencoded",
      method: "POST",
      target: "/",
      headers: ["Content-Type", "application/x-www-form-urlencoded"],
      body: "Param1=value1",
      signed: "content-type;host;x-amz-date",
      signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
    },
  ];
  for (const v of vectors) {
    it(v.name, () => {
      const q = v.target.indexOf("?");
      const req: WireRequest = {
        method: v.method,
        path: q < 0 ? v.target : v.target.slice(0, q),
        query: q < 0 ? "" : v.target.slice(q + 1),
        rawHeaders: [
          "Host",
          "example.amazonaws.com",
          "X-Amz-Date",
          "20150830T123600Z",
          ...v.headers,
          "Authorization",
          `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=${v.signed}, Signature=${v.signature}`,
        ],
        body: Buffer.from(v.body),
      };
      const auth = authOf(req);
      expect(auth.credential).toEqual({ accessKeyId: "AKIDEXAMPLE", date: "20150830", region: "us-east-1", service: "service" });
      expect(verifySignature(req, auth, secret)).toBeUndefined();
      expect(verifySignature(req, auth, secret.replace("K7", "K8"))?.code).toBe("SignatureDoesNotMatch");
    });
  }
});

interface BotocoreCase {
  name: string;
  service: string;
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string;
  secret: string;
}

describe("requests signed by botocore", () => {
  const cases = JSON.parse(execFileSync("python3", [join(import.meta.dirname, "botocore-sign.py")], { encoding: "utf8" })) as BotocoreCase[];
  const toWire = (c: BotocoreCase): WireRequest => ({
    method: c.method,
    ...splitUrl(c.url),
    rawHeaders: c.headers.flat(),
    body: Buffer.from(c.body, "latin1"),
  });

  it("covers the header and presigned forms of iam, sts, s3 and a path-encoding service", () => {
    expect(cases.map((c) => c.name)).toHaveLength(8);
  });

  for (const name of [
    "iam CreateUser, header form",
    "sts GetCallerIdentity with a session token",
    "query string with reserved characters and repeats",
    "path needing double encoding",
    "s3 path signed as sent",
    "s3 unsigned payload",
    "sts presigned query form",
    "s3 presigned GET",
  ]) {
    it(`verifies: ${name}`, () => {
      const c = cases.find((x) => x.name === name)!;
      const req = toWire(c);
      const auth = authOf(req);
      expect(auth.credential.service).toBe(c.service);
      expect(auth.credential.accessKeyId).toBe("AKIAIOSFODNN7EXAMPLE");
      expect(checkTime(auth, Date.now())).toBeUndefined();
      expect(verifySignature(req, auth, c.secret)).toBeUndefined();
      // Any change to what was signed breaks the signature.
      expect(verifySignature(req, auth, c.secret + "x")?.code).toBe("SignatureDoesNotMatch");
      if (req.body.length > 0 && !c.headers.some(([k, v]) => k.toLowerCase() === "x-amz-content-sha256" && v === "UNSIGNED-PAYLOAD")) {
        const signedHash = c.headers.some(([k]) => k.toLowerCase() === "x-amz-content-sha256");
        expect(verifySignature({ ...req, body: Buffer.concat([req.body, Buffer.from("&x=1")]) }, auth, c.secret)?.code).toBe(
          signedHash ? "XAmzContentSHA256Mismatch" : "SignatureDoesNotMatch",
        );
      }
      expect(verifySignature({ ...req, method: req.method === "GET" ? "HEAD" : "GET" }, auth, c.secret)?.code).toBe("SignatureDoesNotMatch");
    });
  }

  it("reads the session token from the header and from the presigned query", () => {
    expect(authOf(toWire(cases.find((x) => x.name.startsWith("sts GetCallerIdentity"))!)).sessionToken).toBe("FwoGZXIvYXdzEXAMPLETOKEN+/==");
    const presigned = authOf(toWire(cases.find((x) => x.name === "sts presigned query form")!));
    expect(presigned.form).toBe("query");
    expect(presigned.sessionToken).toBe("FwoGZXIvYXdzEXAMPLETOKEN+/==");
    expect(presigned.expires).toBe(900);
  });

  it("answers a non-S3 signature mismatch with the canonical request and string to sign AWS expected", () => {
    const c = cases[0]!;
    const req = toWire(c);
    const e = verifySignature(req, authOf(req), "wrong")!;
    expect(e.httpStatus).toBe(403);
    expect(e.message).toMatch(/^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\./);
    expect(e.message).toContain("The Canonical String for this request should have been\n'POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:127.0.0.1:4566\n");
    expect(e.message).toContain("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n");
  });
});

describe("request time", () => {
  const base = (amzDate: string, form: "header" | "query", expires?: number): SigV4Auth => ({
    form,
    credential: { accessKeyId: "AKIA", date: amzDate.slice(0, 8), region: "us-east-1", service: "iam" },
    sessionToken: undefined,
    amzDate,
    time: parseAmzDate(amzDate),
    signedHeaders: ["host"],
    signature: "",
    expires,
  });
  const now = parseAmzDate("20150830T125600Z");

  it("accepts a request 15 minutes old and refuses one older, in AWS's words", () => {
    expect(checkTime(base("20150830T124100Z", "header"), now)).toBeUndefined();
    const e = checkTime(base("20150830T123600Z", "header"), now)!;
    expect(e).toMatchObject({ code: "SignatureDoesNotMatch", httpStatus: 403 });
    expect(e.message).toBe("Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T125600Z - 15 min.)");
  });

  it("refuses a request dated more than 15 minutes ahead", () => {
    const e = checkTime(base("20150830T131600Z", "header"), now)!;
    expect(e.message).toBe("Signature not yet current: 20150830T131600Z is still later than 20150830T131100Z (20150830T125600Z + 15 min.)");
  });

  it("lets a presigned URL live for X-Amz-Expires seconds, then answers AccessDenied", () => {
    expect(checkTime(base("20150830T120000Z", "query", 3600), now)).toBeUndefined();
    expect(checkTime(base("20150830T120000Z", "query", 900), now)).toMatchObject({ code: "AccessDenied", message: "Request has expired", httpStatus: 403 });
  });

  it("answers S3's RequestTimeTooSkewed for S3", () => {
    const a = base("20150830T120000Z", "header");
    expect(checkTime({ ...a, credential: { ...a.credential, service: "s3" } }, now)?.code).toBe("RequestTimeTooSkewed");
  });
});

describe("malformed authentication", () => {
  const req = (authorization: string, extra: string[] = ["X-Amz-Date", "20150830T123600Z"]): WireRequest => ({
    method: "POST",
    path: "/",
    query: "",
    rawHeaders: ["Host", "h", ...extra, "Authorization", authorization],
    body: Buffer.alloc(0),
  });

  it("names every missing Authorization part", () => {
    const p = parseAuth(req("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request", []));
    expect(p.kind).toBe("error");
    if (p.kind !== "error") return;
    expect(p.error.code).toBe("IncompleteSignature");
    expect(p.error.httpStatus).toBe(400);
    expect(p.error.message).toContain("Authorization header requires 'Signature' parameter.");
    expect(p.error.message).toContain("Authorization header requires 'SignedHeaders' parameter.");
    expect(p.error.message).toContain("'X-Amz-Date' or a 'Date' header");
  });

  it("refuses a credential with the wrong terminator", () => {
    const p = parseAuth(req("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws5_request, SignedHeaders=host, Signature=00"));
    expect(p.kind === "error" && p.error.message).toBe("Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.");
  });

  it("treats a request without Authorization or X-Amz-* query as anonymous", () => {
    expect(parseAuth({ method: "GET", path: "/", query: "Action=ListUsers", rawHeaders: ["Host", "h"], body: Buffer.alloc(0) }).kind).toBe("anonymous");
  });

  it("reports an incomplete presigned query", () => {
    const p = parseAuth({ method: "GET", path: "/", query: "X-Amz-Algorithm=AWS4-HMAC-SHA256", rawHeaders: ["Host", "h"], body: Buffer.alloc(0) });
    expect(p.kind === "error" && p.error.code).toBe("AuthorizationQueryParametersError");
  });
});

describe("canonical forms", () => {
  it("double-encodes and normalises paths except for S3", () => {
    expect(canonicalUri("/a%2Fb", "iam")).toBe("/a%252Fb");
    expect(canonicalUri("//example//", "iam")).toBe("/example/");
    expect(canonicalUri("/a/./b/../c", "sts")).toBe("/a/c");
    expect(canonicalUri("", "iam")).toBe("/");
    expect(canonicalUri("/b/a%20b//c", "s3")).toBe("/b/a%20b//c");
  });

  it("sorts by key then value, re-encoding each", () => {
    expect(canonicalQuery("a=y&a-b=x", false)).toBe("a=y&a-b=x");
    expect(canonicalQuery("q=a+b&p=%2f&r", false)).toBe("p=%2F&q=a%2Bb&r=");
    expect(canonicalQuery("X-Amz-Signature=abc&b=1", true)).toBe("b=1");
  });
});

describe("signSigV4", () => {
  it("signs requests that botocore's rules verify (round trip through the verifier)", () => {
    const headers = signSigV4({
      method: "POST",
      url: "http://127.0.0.1:4566/",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
      region: "us-east-1",
      service: "sts",
      accessKeyId: "AKIAEXAMPLE",
      secretAccessKey: "secret",
      sessionToken: "tok",
    });
    const req: WireRequest = {
      method: "POST",
      path: "/",
      query: "",
      rawHeaders: Object.entries(headers).flat(),
      body: Buffer.from("Action=GetCallerIdentity&Version=2011-06-15"),
    };
    const auth = authOf(req);
    expect(auth.sessionToken).toBe("tok");
    expect(verifySignature(req, auth, "secret")).toBeUndefined();
  });
});
