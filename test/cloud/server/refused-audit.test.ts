// Calls refused before they reach the pipeline (a wrong secret, an unknown key) land in the audit trail with their
// error code, as CloudTrail records failed calls; the real `aws` CLI makes them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { openCloud } from "../../../src/cloud/index.js";
import { runTfsim, tempDir } from "../../helpers/cli.js";
import { aws, rootKeys, serve, type Keys, type Served } from "./serve.js";

let server: Served;
let home: string;
let root: Keys;

beforeAll(async () => {
  home = tempDir("tfsim-refused-audit-");
  server = await serve(home);
  root = rootKeys(home);
});

afterAll(async () => {
  await server?.stop();
});

interface TrailRecord {
  eventName: string;
  eventSource: string;
  errorCode?: string;
  errorMessage?: string;
  userIdentity?: { accessKeyId?: string };
  requestID?: string;
}

it("records a wrong signature and an unknown key in the trail, for Query and S3 calls", () => {
  const badSecret = aws(server, { AccessKeyId: root.AccessKeyId, SecretAccessKey: "x".repeat(40) }, ["iam", "list-users"]);
  expect(badSecret.code).not.toBe(0);
  expect(badSecret.stderr).toContain("SignatureDoesNotMatch");
  const unknown = aws(server, { AccessKeyId: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "x".repeat(40) }, ["ec2", "describe-instances", "--region", "eu-west-1"]);
  expect(unknown.stderr).toContain("AuthFailure");
  const s3 = aws(server, { AccessKeyId: root.AccessKeyId, SecretAccessKey: "y".repeat(40) }, ["s3api", "list-buckets"]);
  expect(s3.stderr).toContain("SignatureDoesNotMatch");

  const r = runTfsim(["cloud", "trail", "-json"], { env: { TFSIM_HOME: home } });
  expect(r.code).toBe(0);
  const records = JSON.parse(r.stdout) as TrailRecord[];
  const find = (name: string, code: string) => records.find((x) => x.eventName === name && x.errorCode === code);
  expect(find("ListUsers", "SignatureDoesNotMatch")?.userIdentity?.accessKeyId).toBe(root.AccessKeyId);
  expect(find("DescribeInstances", "AuthFailure")?.userIdentity?.accessKeyId).toBe("AKIAIOSFODNN7EXAMPLE");
  expect(find("ListBuckets", "SignatureDoesNotMatch")?.eventSource).toBe("s3.amazonaws.com");
});

it("refuses a key another process deactivated after the server verified a call with it (EC2 in its words: AuthFailure)", () => {
  expect(aws(server, root, ["iam", "create-user", "--user-name", "late"]).code).toBe(0);
  const key = (aws(server, root, ["iam", "create-access-key", "--user-name", "late"]).json as { AccessKey: Keys }).AccessKey;
  const late = { AccessKeyId: key.AccessKeyId, SecretAccessKey: key.SecretAccessKey };
  // Accepted (then denied: the user has no policy), so the server knows the key.
  expect(aws(server, late, ["ec2", "create-volume", "--availability-zone", "us-east-1a", "--size", "8"]).stderr).toContain("UnauthorizedOperation");
  const other = openCloud({ home });
  try {
    const r = other.call({ credentials: { accessKeyId: root.AccessKeyId, secretAccessKey: root.SecretAccessKey }, authenticatedBy: "secret", region: "us-east-1", service: "iam", action: "UpdateAccessKey", params: { UserName: "late", AccessKeyId: late.AccessKeyId, Status: "Inactive" } });
    expect(r.ok).toBe(true);
  } finally {
    other.close();
  }
  expect(aws(server, late, ["ec2", "create-volume", "--availability-zone", "us-east-1a", "--size", "8"]).stderr).toContain("AuthFailure");
  expect(aws(server, late, ["ec2", "describe-volumes"]).stderr).toContain("AuthFailure");
  expect(aws(server, late, ["iam", "list-users"]).stderr).toContain("InvalidClientTokenId");
});
