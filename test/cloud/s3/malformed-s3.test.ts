// Malformed and refused S3 requests (signed, raw: see malformed-s3.py) are S3 4xx error documents, never 5xx.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { awsEnv, rootKeys, serve, type Served } from "../server/serve.js";

let server: Served;
let home: string;

beforeAll(async () => {
  home = tempDir("tfsim-s3-malformed-");
  server = await serve(home);
});

afterAll(async () => {
  await server?.stop();
});

it("answers every malformed request with an S3 4xx error", () => {
  const env = awsEnv(rootKeys(home));
  delete env.AWS_SESSION_TOKEN;
  const r = spawnSync("python3", [join(import.meta.dirname, "malformed-s3.py"), server.url], { env, encoding: "utf8" });
  expect(r.stderr).toBe("");
  const lines = r.stdout.trim().split("\n");
  expect(lines.at(-1)).toBe("BAD 0");
  expect(lines).toContain("400 MalformedPolicy PUT /mal-bucket?policy");
  expect(lines).toContain("404 NoSuchUpload POST /mal-bucket/k?uploadId=nope");
  expect(lines).toContain("400 BadDigest PUT /mal-bucket/k2");
  // 100,000 nested elements: MalformedXML, not a stack overflow; S3's limits on keys, metadata and tags.
  expect(lines).toContain("400 MalformedXML PUT /mal-bucket?tagging");
  // Configuration documents S3 checks beyond their schema: CORS rules and methods, lifecycle status and actions.
  expect(lines.filter((l) => l.endsWith("PUT /mal-bucket?cors"))).toEqual(["400 MalformedXML PUT /mal-bucket?cors", "400 InvalidRequest PUT /mal-bucket?cors"]);
  expect(lines.filter((l) => l.endsWith("PUT /mal-bucket?lifecycle"))).toEqual(["400 MalformedXML PUT /mal-bucket?lifecycle", "400 InvalidRequest PUT /mal-bucket?lifecycle"]);
  expect(lines).toContain(`400 KeyTooLongError PUT /mal-bucket/${"k".repeat(1025)}`);
  expect(lines).toContain("400 MetadataTooLarge PUT /mal-bucket/meta");
  expect(lines).toContain("400 BadRequest PUT /mal-bucket/tags");
  expect(lines).toContain("400 BadRequest PUT /mal-bucket/k?tagging");
  expect(lines.filter((l) => / - /.test(l))).toHaveLength(2); // only the two setup calls succeed
});
