// A body over the server's limit: an S3 object gets S3's own EntityTooLarge (400, S3's error document with the
// sizes), as a PUT over 5 GB does on AWS; any other service RequestEntityTooLarge (413). The server runs in process
// with a small object limit so the test need not send 256 MB; boto3 runs as a child process meanwhile.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../../src/cloud/index.js";
import { startServer, type RunningServer } from "../../../src/cloud/server.js";
import { tempDir } from "../../helpers/cli.js";
import { awsEnv } from "./serve.js";

let cloud: LocalCloud;
let server: RunningServer;

beforeAll(async () => {
  cloud = openCloud({ home: tempDir("tfsim-too-large-") });
  server = await startServer({ cloud, port: 0, maxObjectBytes: 64 * 1024 });
});

afterAll(async () => {
  await server?.close();
  cloud?.close();
});

const SCRIPT = `
import json, sys, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
s3 = boto3.client("s3", endpoint_url=sys.argv[1], config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
s3.create_bucket(Bucket="limits")
s3.put_object(Bucket="limits", Key="small", Body=b"x" * 1024)
out = {}
try:
    s3.put_object(Bucket="limits", Key="big", Body=b"x" * 100000)
except ClientError as e:
    out = {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "error": e.response["Error"]}
out["keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket="limits").get("Contents", [])]
print(json.dumps(out))
`;

function boto3(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const k = cloud.rootCredentials();
  const env = awsEnv({ AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey });
  delete env.AWS_SESSION_TOKEN;
  return new Promise((resolve) => {
    const p = spawn("python3", ["-c", SCRIPT, server.url], { env });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

it("answers an oversized PutObject with S3's EntityTooLarge, and keeps serving", async () => {
  const r = await boto3();
  expect(r.stderr).toBe("");
  const out = JSON.parse(r.stdout) as { code: string; status: number; error: Record<string, string>; keys: string[] };
  expect(out).toMatchObject({ code: "EntityTooLarge", status: 400, error: { Message: "Your proposed upload exceeds the maximum allowed size", MaxSizeAllowed: String(64 * 1024) } });
  expect(Number(out.error.ProposedSize)).toBeGreaterThan(64 * 1024);
  expect(out.keys).toEqual(["small"]);
});
