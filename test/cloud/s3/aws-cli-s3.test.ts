// S3 through `tfsim cloud serve` with the real aws CLI (high-level `aws s3` and `aws s3api`) and unsigned
// requests: buckets, objects, ranges, a 20 MB multipart upload, bucket policies with anonymous public read,
// public access block, versioning, and data surviving a server restart.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { aws, rootKeys, serve, type Keys, type Served } from "../server/serve.js";

let home: string;
let work: string;
let server: Served;
let root: Keys;

beforeAll(async () => {
  home = tempDir("tfsim-s3-");
  work = tempDir("tfsim-s3-files-");
  server = await serve(home);
  root = rootKeys(home);
});

afterAll(async () => {
  await server?.stop();
});

/** An unsigned request (node:http, since fetch will not send a Host header of our choosing). */
function anonymous(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("S3 with the aws CLI", () => {
  it("makes a bucket, copies a file in, lists it, and reads a range", () => {
    expect(aws(server, root, ["s3", "mb", "s3://cli-bucket"]).code).toBe(0);
    const f = join(work, "hello.txt");
    writeFileSync(f, "hello world\n");
    expect(aws(server, root, ["s3", "cp", f, "s3://cli-bucket/dir/hello.txt"]).code).toBe(0);
    const ls = aws(server, root, ["s3", "ls", "s3://cli-bucket/"]);
    expect(ls.stdout).toMatch(/PRE dir\//);
    const rec = aws(server, root, ["s3", "ls", "s3://cli-bucket/", "--recursive"]);
    expect(rec.stdout).toMatch(/\s12 dir\/hello\.txt/);

    const out = join(work, "range.out");
    const g = aws(server, root, ["s3api", "get-object", "--bucket", "cli-bucket", "--key", "dir/hello.txt", "--range", "bytes=0-4", out]);
    expect(g.json).toMatchObject({ ContentRange: "bytes 0-4/12", ContentLength: 5, ETag: '"6f5902ac237024bdd0c176cb93063dc4"', ContentType: "text/plain" });
    expect(readFileSync(out, "utf8")).toBe("hello");
  });

  it("answers NoSuchKey, NoSuchBucket, InvalidBucketName, BucketNotEmpty and InvalidRange in S3's words", () => {
    const nk = aws(server, root, ["s3api", "get-object", "--bucket", "cli-bucket", "--key", "nope", join(work, "x")]);
    expect(nk.stderr).toContain("An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.");
    const nb = aws(server, root, ["s3api", "list-objects-v2", "--bucket", "no-such-bucket-here"]);
    expect(nb.stderr).toContain("(NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist");
    const bad = aws(server, root, ["s3api", "create-bucket", "--bucket", "Bad_Name"]);
    expect(bad.stderr).toContain("(InvalidBucketName)");
    // Bucket names are global: a well-known public bucket belongs to another account.
    const taken = aws(server, root, ["s3api", "create-bucket", "--bucket", "commoncrawl"]);
    expect(taken.stderr).toContain("(BucketAlreadyExists) when calling the CreateBucket operation: The requested bucket name is not available.");
    expect(aws(server, root, ["s3api", "head-bucket", "--bucket", "commoncrawl"]).stderr).toContain("(403)");
    expect(aws(server, root, ["s3api", "create-bucket", "--bucket", "tables--table-s3"]).stderr).toContain("(InvalidBucketName)");
    const ne = aws(server, root, ["s3api", "delete-bucket", "--bucket", "cli-bucket"]);
    expect(ne.stderr).toContain("(BucketNotEmpty) when calling the DeleteBucket operation: The bucket you tried to delete is not empty");
    const r = aws(server, root, ["s3api", "get-object", "--bucket", "cli-bucket", "--key", "dir/hello.txt", "--range", "bytes=100-", join(work, "x")]);
    expect(r.stderr).toContain("(InvalidRange)");
    // us-east-1's quirk: creating a bucket you already own there succeeds; elsewhere it is BucketAlreadyOwnedByYou.
    expect(aws(server, root, ["s3api", "create-bucket", "--bucket", "cli-bucket"]).code).toBe(0);
    const loc = aws(server, root, ["s3api", "create-bucket", "--bucket", "eu-bucket", "--region", "eu-west-1"]);
    expect(loc.stderr).toContain("(IllegalLocationConstraintException)");
  });

  it("uploads and downloads a 20 MB file with multipart (ETag of the -N form)", () => {
    const big = join(work, "big");
    const bytes = randomBytes(20 * 1024 * 1024);
    writeFileSync(big, bytes);
    expect(aws(server, root, ["s3", "cp", big, "s3://cli-bucket/big"]).code).toBe(0);
    const head = aws(server, root, ["s3api", "head-object", "--bucket", "cli-bucket", "--key", "big"]);
    expect(head.json).toMatchObject({ ContentLength: 20 * 1024 * 1024 });
    expect((head.json as { ETag: string }).ETag).toMatch(/^"[0-9a-f]{32}-\d+"$/);
    const back = join(work, "big.back");
    expect(aws(server, root, ["s3", "cp", "s3://cli-bucket/big", back]).code).toBe(0);
    expect(readFileSync(back).equals(bytes)).toBe(true);
  });

  it("serves unsigned reads only under a public-read bucket policy, and honours the public access block", async () => {
    expect((await anonymous("/cli-bucket/dir/hello.txt")).status).toBe(403);
    const denied = await anonymous("/cli-bucket/dir/hello.txt");
    expect(denied.body).toMatch(/<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><RequestId>[^<]+<\/RequestId><HostId>[^<]+<\/HostId><\/Error>/);
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::cli-bucket/*" }],
    });
    expect(aws(server, root, ["s3api", "put-bucket-policy", "--bucket", "cli-bucket", "--policy", policy]).code).toBe(0);
    const got = aws(server, root, ["s3api", "get-bucket-policy", "--bucket", "cli-bucket"]);
    expect(JSON.parse((got.json as { Policy: string }).Policy)).toEqual(JSON.parse(policy));
    const ok = await anonymous("/cli-bucket/dir/hello.txt");
    expect(ok.status).toBe(200);
    expect(ok.body).toBe("hello world\n");
    // The policy grants GetObject only: listing stays closed to anonymous callers.
    expect((await anonymous("/cli-bucket?list-type=2")).status).toBe(403);

    const pab = ["s3api", "put-public-access-block", "--bucket", "cli-bucket", "--public-access-block-configuration"];
    expect(aws(server, root, [...pab, "RestrictPublicBuckets=true,BlockPublicPolicy=true"]).code).toBe(0);
    expect((await anonymous("/cli-bucket/dir/hello.txt")).status).toBe(403);
    const refused = aws(server, root, ["s3api", "put-bucket-policy", "--bucket", "cli-bucket", "--policy", policy]);
    expect(refused.stderr).toContain("(AccessDenied) when calling the PutBucketPolicy operation: Access Denied");
    expect(aws(server, root, ["s3api", "delete-public-access-block", "--bucket", "cli-bucket"]).code).toBe(0);
    expect((await anonymous("/cli-bucket/dir/hello.txt")).status).toBe(200);

    const bad = aws(server, root, ["s3api", "put-bucket-policy", "--bucket", "cli-bucket", "--policy", '{"bad"']);
    expect(bad.stderr).toContain("(MalformedPolicy)");
  });

  it("serves `aws s3 presign` URLs (SigV2 query authentication) without a policy", async () => {
    expect(aws(server, root, ["s3", "mb", "s3://private-bucket"]).code).toBe(0);
    const f = join(work, "secret.txt");
    writeFileSync(f, "secret\n");
    expect(aws(server, root, ["s3", "cp", f, "s3://private-bucket/secret.txt"]).code).toBe(0);
    expect((await anonymous("/private-bucket/secret.txt")).status).toBe(403);
    const url = aws(server, root, ["s3", "presign", "s3://private-bucket/secret.txt"]).stdout.trim();
    const u = new URL(url);
    expect(u.searchParams.has("Signature")).toBe(true);
    const r = await anonymous(u.pathname + u.search);
    expect(r.status).toBe(200);
    expect(r.body).toBe("secret\n");
  });

  it("routes virtual-hosted-style requests by the Host header", async () => {
    const r = await anonymous("/dir/hello.txt", { Host: "cli-bucket.s3.amazonaws.com" });
    expect(r.status).toBe(200);
    expect(r.body).toBe("hello world\n");
  });

  it("keeps versions and delete markers once versioning is enabled", () => {
    expect(aws(server, root, ["s3", "mb", "s3://versioned"]).code).toBe(0);
    expect(aws(server, root, ["s3api", "put-bucket-versioning", "--bucket", "versioned", "--versioning-configuration", "Status=Enabled"]).code).toBe(0);
    expect(aws(server, root, ["s3api", "get-bucket-versioning", "--bucket", "versioned"]).json).toEqual({ Status: "Enabled" });
    const f = join(work, "v");
    writeFileSync(f, "one");
    const v1 = aws(server, root, ["s3api", "put-object", "--bucket", "versioned", "--key", "k", "--body", f]).json as { VersionId: string };
    writeFileSync(f, "two!");
    const v2 = aws(server, root, ["s3api", "put-object", "--bucket", "versioned", "--key", "k", "--body", f]).json as { VersionId: string };
    expect(v1.VersionId).not.toBe(v2.VersionId);
    const del = aws(server, root, ["s3api", "delete-object", "--bucket", "versioned", "--key", "k"]).json as { DeleteMarker: boolean; VersionId: string };
    expect(del.DeleteMarker).toBe(true);
    expect(aws(server, root, ["s3api", "head-object", "--bucket", "versioned", "--key", "k"]).code).not.toBe(0);
    const old = join(work, "old");
    expect(aws(server, root, ["s3api", "get-object", "--bucket", "versioned", "--key", "k", "--version-id", v1.VersionId, old]).code).toBe(0);
    expect(readFileSync(old, "utf8")).toBe("one");
    const list = aws(server, root, ["s3api", "list-object-versions", "--bucket", "versioned"]).json as {
      Versions: { VersionId: string; IsLatest: boolean; Size: number }[];
      DeleteMarkers: { VersionId: string; IsLatest: boolean }[];
    };
    expect(list.Versions.map((v) => [v.VersionId, v.IsLatest, v.Size])).toEqual([
      [v2.VersionId, false, 4],
      [v1.VersionId, false, 3],
    ]);
    expect(list.DeleteMarkers).toMatchObject([{ VersionId: del.VersionId, IsLatest: true }]);
    // Removing the delete marker brings the last version back.
    expect(aws(server, root, ["s3api", "delete-object", "--bucket", "versioned", "--key", "k", "--version-id", del.VersionId]).code).toBe(0);
    expect(aws(server, root, ["s3api", "head-object", "--bucket", "versioned", "--key", "k"]).json).toMatchObject({ ContentLength: 4, VersionId: v2.VersionId });
  });

  it("keeps buckets and bytes across a server restart", async () => {
    await server.stop();
    server = await serve(home);
    const out = join(work, "after");
    expect(aws(server, root, ["s3", "cp", "s3://cli-bucket/dir/hello.txt", out]).code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe("hello world\n");
  });
});
