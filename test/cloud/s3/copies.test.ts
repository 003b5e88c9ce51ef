// S3 copies through `tfsim cloud serve`: `aws s3 cp` from one key to another of a file large enough for the CLI to
// copy it in parts (UploadPartCopy), and boto3-s3-copies.py (copy-source preconditions, the metadata directive,
// conditional writes, UploadPartCopy with ranges, virtual-hosted-style requests signed by botocore).
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { aws, python, rootKeys, serve, type Keys, type Served } from "../server/serve.js";

let server: Served;
let home: string;
let root: Keys;

beforeAll(async () => {
  home = tempDir("tfsim-s3-copies-");
  server = await serve(home);
  root = rootKeys(home);
});

afterAll(async () => {
  await server?.stop();
});

it("copies a 9 MB object with `aws s3 cp s3://… s3://…` (a multipart copy of UploadPartCopy parts)", () => {
  const work = tempDir("tfsim-s3-copies-files-");
  const bytes = randomBytes(9 * 1024 * 1024);
  writeFileSync(join(work, "big"), bytes);
  expect(aws(server, root, ["s3", "mb", "s3://cli-copies"]).code).toBe(0);
  expect(aws(server, root, ["s3", "cp", join(work, "big"), "s3://cli-copies/a/big"]).code).toBe(0);
  const cp = aws(server, root, ["s3", "cp", "s3://cli-copies/a/big", "s3://cli-copies/b/big"]);
  expect(cp.stderr).toBe("");
  expect(cp.code).toBe(0);
  const head = aws(server, root, ["s3api", "head-object", "--bucket", "cli-copies", "--key", "b/big"]).json as { ContentLength: number; ETag: string };
  expect(head.ContentLength).toBe(bytes.length);
  expect(head.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
  expect(aws(server, root, ["s3", "cp", "s3://cli-copies/b/big", join(work, "back")]).code).toBe(0);
  expect(readFileSync(join(work, "back")).equals(bytes)).toBe(true);
});

it("passes the boto3 checks of copies, conditional writes and virtual-hosted style", () => {
  const r = python(server, root, join(import.meta.dirname, "boto3-s3-copies.py"));
  expect(r.stderr).toBe("");
  expect(r.stdout).toContain("ALL OK");
});
