// boto3 against tfsim cloud serve: the checks live in boto3-s3.py (each one an assert on real behaviour).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { awsEnv, rootKeys, serve, type Served } from "../server/serve.js";

let server: Served;
let home: string;

beforeAll(async () => {
  home = tempDir("tfsim-s3-boto3-");
  server = await serve(home);
});

afterAll(async () => {
  await server?.stop();
});

it("passes every boto3 S3 check (objects, conditionals, listings, copy, tagging, presigned, multipart, website)", () => {
  const env = awsEnv(rootKeys(home));
  delete env.AWS_SESSION_TOKEN;
  const r = spawnSync("python3", [join(import.meta.dirname, "boto3-s3.py"), server.url], { env, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.stdout).toContain("ALL OK");
});
