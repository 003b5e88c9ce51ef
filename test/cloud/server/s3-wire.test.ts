// S3's side of the wire through `tfsim cloud serve` with the real aws CLI: SigV4 as S3 signs it (paths not
// double-encoded, x-amz-content-sha256, presigned GETs) and S3's error documents. The S3 service itself comes with
// the cloud's S3 actions; until then the cloud answers every S3 operation with an error, which is enough here.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { aws, awsEnv, rootKeys, serve, type Keys, type Served } from "./serve.js";

let server: Served;
let root: Keys;
let wrong: Keys;
let file: string;

beforeAll(async () => {
  const home = tempDir("tfsim-s3wire-");
  server = await serve(home);
  root = rootKeys(home);
  wrong = { ...root, SecretAccessKey: root.SecretAccessKey.slice(0, -2) + "zz" };
  file = join(home, "object.txt");
  writeFileSync(file, "hello, object\n");
});

afterAll(async () => {
  await server?.stop();
});

function errorCode(stderr: string): string | undefined {
  return /An error occurred \(([^)]+)\)/.exec(stderr)?.[1];
}

describe("S3 requests through the server", () => {
  it("verifies S3 signatures over keys that need encoding, and refuses a wrong secret in S3's words", () => {
    const key = "photos/a b+c/ü%20.txt";
    const bad = aws(server, wrong, ["s3api", "put-object", "--bucket", "my-bucket", "--key", key, "--body", file]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    const good = aws(server, root, ["s3api", "put-object", "--bucket", "my-bucket", "--key", key, "--body", file]);
    // Past the signature: whatever the cloud answers, it is not a signature failure.
    expect(errorCode(good.stderr) ?? "ok").not.toBe("SignatureDoesNotMatch");
    const list = aws(server, root, ["s3api", "list-objects-v2", "--bucket", "my-bucket", "--prefix", "photos/", "--max-keys", "5"]);
    expect(errorCode(list.stderr) ?? "ok").not.toBe("SignatureDoesNotMatch");
  });

  it("serves presigned S3 URLs past the signature check, and refuses tampered ones", async () => {
    // boto3 with SigV4 (the aws CLI v1 presigns S3 with the legacy SigV2 unless configured otherwise).
    const script =
      "import boto3, os; from botocore.config import Config; " +
      "c = boto3.client('s3', endpoint_url=os.environ['TFSIM_ENDPOINT'], config=Config(signature_version='s3v4')); " +
      "print(c.generate_presigned_url('get_object', Params={'Bucket': 'my-bucket', 'Key': 'some key.txt'}, ExpiresIn=60))";
    const p = spawnSync("python3", ["-c", script], { env: { ...awsEnv(root), TFSIM_ENDPOINT: server.url }, encoding: "utf8" });
    expect(p.status).toBe(0);
    const url = p.stdout.trim();
    expect(url).toContain("X-Amz-Signature=");
    const ok = await fetch(url);
    expect(await ok.text()).not.toContain("<Code>SignatureDoesNotMatch</Code>");
    const tampered = await fetch(url.replace("some%20key", "other%20key"));
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>SignatureDoesNotMatch<\/Code>.*<StringToSign>AWS4-HMAC-SHA256\n/s);
  });

  it("answers HEAD errors with a status and no body", async () => {
    const r = aws(server, wrong, ["s3api", "head-object", "--bucket", "my-bucket", "--key", "k"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("An error occurred (403) when calling the HeadObject operation: Forbidden");
  });
});
