// The S3 family through the plugin interface: a static website (bucket, website configuration, public access
// block, public-read policy, index and error objects), versioning, object updates, drift, force_destroy; in process
// and over HTTP (REST-XML, SigV4, path style) to a real `tfsim cloud serve`.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../../src/cloud/index.js";
import { startServer, type RunningServer } from "../../../src/cloud/server.js";
import { Harness } from "./harness.js";

for (const overHttp of [false, true]) {
  let h: Harness;
  let served: { cloud: LocalCloud; server: RunningServer } | undefined;
  beforeEach(async () => {
    h = new Harness();
    if (overHttp) {
      const cloud = openCloud({ home: h.home });
      served = { cloud, server: await startServer({ cloud, port: 0 }) };
    }
    const url = served?.server.url;
    await h.configure({ region: "us-east-1", default_tags: [{ tags: { Site: "demo" } }], ...(url ? { endpoints: [{ s3: url, iam: url, sts: url, ec2: url }] } : {}) });
  });
  afterEach(async () => {
    await h.close();
    if (served) {
      await served.server.close();
      served.cloud.close();
      served = undefined;
    }
  });

  describe(overHttp ? "S3 over HTTP" : "S3 in process", () => {
    it("a static website, then versioning, an object update, drift and force_destroy", async () => {
      const b = await h.apply("aws_s3_bucket", h.nullState("aws_s3_bucket"), { bucket: "tfsim-site", force_destroy: true });
      expect(b.errors).toEqual([]);
      expect(b.obj).toMatchObject({ id: "tfsim-site", arn: "arn:aws:s3:::tfsim-site", bucket_regional_domain_name: "tfsim-site.s3.us-east-1.amazonaws.com", tags_all: { Site: "demo" }, region: "us-east-1" });

      const web = await h.apply("aws_s3_bucket_website_configuration", h.nullState("aws_s3_bucket_website_configuration"), {
        bucket: "tfsim-site",
        index_document: [{ suffix: "index.html" }],
        error_document: [{ key: "error.html" }],
      });
      expect(web.errors).toEqual([]);
      expect(web.obj!.website_endpoint).toBe("tfsim-site.s3-website-us-east-1.amazonaws.com");

      const pab = await h.apply("aws_s3_bucket_public_access_block", h.nullState("aws_s3_bucket_public_access_block"), { bucket: "tfsim-site", block_public_policy: false });
      expect(pab.errors).toEqual([]);
      const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::tfsim-site/*" }] });
      const pol = await h.apply("aws_s3_bucket_policy", h.nullState("aws_s3_bucket_policy"), { bucket: "tfsim-site", policy });
      expect(pol.errors).toEqual([]);
      expect(pol.obj!.policy).toBe(policy);

      const idx = await h.apply("aws_s3_object", h.nullState("aws_s3_object"), { bucket: "tfsim-site", key: "index.html", content: "<h1>hi</h1>", content_type: "text/html" });
      expect(idx.errors).toEqual([]);
      expect(idx.obj).toMatchObject({ id: "index.html", etag: expect.stringMatching(/^[0-9a-f]{32}$/), content_type: "text/html", tags_all: { Site: "demo" } });
      // An anonymous reader gets the page through the bucket policy.
      const c = h.cloud();
      const anon = c.call({ credentials: { accessKeyId: "" }, authenticatedBy: "anonymous", region: "us-east-1", service: "s3", action: "GetObject", params: { Bucket: "tfsim-site", Key: "index.html" } });
      expect(anon.ok).toBe(true);

      const ver = await h.apply("aws_s3_bucket_versioning", h.nullState("aws_s3_bucket_versioning"), { bucket: "tfsim-site", versioning_configuration: [{ status: "Enabled" }] });
      expect(ver.errors).toEqual([]);
      expect(ver.obj!.versioning_configuration).toEqual([{ status: "Enabled", mfa_delete: null }]);

      const plan = await h.plan("aws_s3_object", idx.state, { bucket: "tfsim-site", key: "index.html", content: "<h1>v2</h1>", content_type: "text/html" });
      expect(plan.replace).toEqual([]);
      expect(plan.planned.entries().get("version_id")!.isKnown()).toBe(false);
      const v2 = await h.apply("aws_s3_object", idx.state, { bucket: "tfsim-site", key: "index.html", content: "<h1>v2</h1>", content_type: "text/html" });
      expect(v2.errors).toEqual([]);
      expect(v2.obj!.version_id).not.toBe("");
      expect(v2.obj!.etag).not.toBe(idx.obj!.etag);

      // Drift: the policy removed outside tfsim → the next read says it is gone.
      c.call({ credentials: c.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "s3", action: "DeleteBucketPolicy", params: { Bucket: "tfsim-site" } });
      expect((await h.read("aws_s3_bucket_policy", pol.state)).obj).toBeNull();

      expect((await h.importId("aws_s3_object", "tfsim-site/index.html")).obj).toMatchObject({ bucket: "tfsim-site", key: "index.html" });
      // force_destroy empties every version first.
      expect((await h.apply("aws_s3_bucket", b.state, null)).errors).toEqual([]);
      expect((await h.read("aws_s3_bucket", b.state)).obj).toBeNull();
    });
  });
}
