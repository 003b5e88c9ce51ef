// Driven by botocore's models: for every operation tfsim serves in IAM, STS, EC2 and S3, a request with each
// required member dropped, a number member that is not a number, and an enum member outside its set (see
// malformed-models.py) is answered over HTTP with a 4xx in the service's own words, never a 5xx.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ec2Service } from "../../../src/cloud/ec2/actions.js";
import { iamService } from "../../../src/cloud/iam/actions.js";
import { s3Service } from "../../../src/cloud/s3/actions.js";
import { stsService } from "../../../src/cloud/sts/actions.js";
import { tempDir } from "../../helpers/cli.js";
import { awsEnv, rootKeys, serve, type Served } from "./serve.js";

let server: Served;
let home: string;

beforeAll(async () => {
  home = tempDir("tfsim-malformed-models-");
  server = await serve(home);
});

afterAll(async () => {
  await server?.stop();
});

interface Answer {
  service: string;
  op: string;
  kind: "missing" | "type" | "enum";
  member: string;
  status: number;
  code: string;
  message: string;
}

/** AWS's wording for each service's faults. */
const wording: Record<string, Partial<Record<Answer["kind"], RegExp>>> = {
  ec2: {
    missing: /^The request must contain the parameter \w+$/,
    type: /^Value \(.*\) for parameter [\w.]+ is invalid\./,
    enum: /^Value \(NotAnEnumValue\) for parameter [\w.]+ is invalid\./,
  },
  iam: {
    missing: /^\d+ validation errors? detected: Value null at '\w+' failed to satisfy constraint: Member must not be null/,
    type: /^\d+ validation errors? detected: Value '.*' at '[\w.]+' failed to satisfy constraint: Member must/,
    enum: /^\d+ validation errors? detected: Value 'NotAnEnumValue' at '[\w.]+' failed to satisfy constraint: Member must satisfy enum value set: \[/,
  },
  sts: {
    missing: /^\d+ validation errors? detected: Value null at '\w+' failed to satisfy constraint: Member must not be null/,
    type: /^\d+ validation errors? detected: Value '.*' at '[\w.]+' failed to satisfy constraint: Member must/,
  },
};

/** The codes each service answers a fault with, as AWS does. */
const expected: Record<string, Record<Answer["kind"], readonly string[]>> = {
  iam: { missing: ["ValidationError"], type: ["ValidationError"], enum: ["ValidationError"] },
  sts: { missing: ["ValidationError"], type: ["ValidationError"], enum: ["ValidationError"] },
  ec2: { missing: ["MissingParameter"], type: ["InvalidParameterValue"], enum: ["InvalidParameterValue"] },
  // A required XML document that is absent is MissingRequestBodyError; a bad header or query value InvalidArgument.
  s3: { missing: ["MissingRequestBodyError", "MalformedPolicy"], type: ["InvalidArgument"], enum: ["InvalidArgument", "InvalidStorageClass"] },
};

/** Requests that are not faults on the wire, each with the reason. */
const notFaults: Record<string, string> = {
  "s3 CopyObject missing CopySource": "without x-amz-copy-source the request is a PutObject",
  "s3 UploadPart missing PartNumber": "without ?partNumber the request is a PutObject",
  "s3 UploadPart missing UploadId": "without ?uploadId the request is a PutObject",
  "s3 AbortMultipartUpload missing UploadId": "without ?uploadId the request is a DeleteObject",
  "s3 UploadPartCopy missing CopySource": "without x-amz-copy-source the request is an UploadPart (NoSuchUpload: the test's upload id is made up)",
  "s3 UploadPartCopy missing PartNumber": "without ?partNumber the request is a CopyObject (InvalidArgument for the test's made-up copy source)",
  "s3 UploadPartCopy missing UploadId": "without ?uploadId the request is a CopyObject (InvalidArgument for the test's made-up copy source)",
  "s3 ListParts missing UploadId": "without ?uploadId the request is a GetObject (NoSuchKey)",
  "s3 CompleteMultipartUpload missing UploadId": "without ?uploadId a POST to a key is MethodNotAllowed",
  "s3 PutObject type ContentLength": "a non-numeric Content-Length is refused by the HTTP parser itself (400, no body)",
  "s3 UploadPart type ContentLength": "a non-numeric Content-Length is refused by the HTTP parser itself (400, no body)",
  "s3 HeadObject type PartNumber": "HEAD answers carry no error document: the status alone (400)",
};

/** S3 acts on x-amz-request-payer: requester and x-amz-checksum-mode: ENABLED only, and ignores other values. */
const ignoredEnums = new Set(["RequestPayer", "ChecksumMode"]);

it("answers every malformed request built from botocore's models with the service's 4xx error", () => {
  const ops = {
    iam: Object.keys(iamService.actions),
    sts: Object.keys(stsService.actions),
    ec2: Object.keys(ec2Service.actions),
    s3: Object.keys(s3Service.actions),
  };
  const env = awsEnv(rootKeys(home));
  delete env.AWS_SESSION_TOKEN;
  const r = spawnSync("python3", [join(import.meta.dirname, "malformed-models.py"), server.url, JSON.stringify(ops)], { env, encoding: "utf8", maxBuffer: 1 << 26 });
  expect(r.stderr).toBe("");
  const answers = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Answer);
  const wrong: string[] = [];
  const seen = { missing: 0, type: 0, enum: 0 };
  for (const a of answers) {
    const key = `${a.service} ${a.op} ${a.kind} ${a.member}`;
    seen[a.kind]++;
    if (a.status >= 500 || a.status === 0) {
      wrong.push(`${key}: ${a.status} ${a.code}`);
      continue;
    }
    if (key in notFaults || (a.kind === "enum" && a.service === "s3" && ignoredEnums.has(a.member))) continue;
    if (a.status < 400 || !expected[a.service]![a.kind].includes(a.code)) wrong.push(`${key}: ${a.status} ${a.code}`);
    else if (wording[a.service]?.[a.kind] && !wording[a.service]![a.kind]!.test(a.message)) wrong.push(`${key}: ${a.code} "${a.message}"`);
  }
  expect(wrong).toEqual([]);
  // Every service's operations were tried, in every kind of fault.
  expect(new Set(answers.map((a) => a.service))).toEqual(new Set(["iam", "sts", "ec2", "s3"]));
  expect(seen.missing).toBeGreaterThan(150);
  expect(seen.type).toBeGreaterThan(50);
  expect(seen.enum).toBeGreaterThan(40);
  for (const k of Object.keys(notFaults)) expect(answers.some((a) => `${a.service} ${a.op} ${a.kind} ${a.member}` === k), k).toBe(true);
});
