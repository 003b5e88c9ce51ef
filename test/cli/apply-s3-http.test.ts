// examples/s3-static-website applied, re-planned and destroyed through the real CLI with AWS_ENDPOINT_URL pointing
// at a real `tfsim cloud serve` (in this process, on 127.0.0.1 and a free port): every S3 call of the provider
// goes over HTTP as REST-XML with SigV4, path style. The site is then served by the website endpoint.
import { spawn } from "node:child_process";
import { request } from "node:http";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../src/cloud/index.js";
import { startServer, type RunningServer } from "../../src/cloud/server.js";
import { repoRoot, tempDir, tfsimBin } from "../helpers/cli.js";

/** A GET with a given Host header (fetch may not set Host). */
function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((res, rej) => {
    const r = request(url, { headers: { host } }, (resp) => {
      let body = "";
      resp.on("data", (d: Buffer) => (body += d.toString()));
      resp.on("end", () => res({ status: resp.statusCode ?? 0, body }));
    });
    r.on("error", rej);
    r.end();
  });
}

/** The CLI as a child process, without blocking this process (the server answering it lives here). */
function tfsim(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [tfsimBin, ...args], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

let home: string;
let cloud: LocalCloud;
let server: RunningServer;
let audited: () => { s3: number; other: number };

beforeEach(async () => {
  home = tempDir("tfsim-s3http-home-");
  cloud = openCloud({ home });
  server = await startServer({ cloud, port: 0 });
  // Every call the server saw, counted by service, to show the provider really went over HTTP.
  const base = cloud.call.bind(cloud);
  const seen = { s3: 0, other: 0 };
  cloud.call = (req) => {
    if (req.service === "s3") seen.s3++;
    else seen.other++;
    return base(req);
  };
  audited = () => ({ ...seen });
});
afterEach(async () => {
  await server.close();
  cloud.close();
});

describe("the aws provider's S3 resources over HTTP", () => {
  it("examples/s3-static-website: apply, no changes, the site served, destroy", { timeout: 120_000 }, async () => {
    const cwd = join(tempDir("tfsim-s3http-cfg-"), "site");
    cpSync(join(repoRoot, "examples", "s3-static-website"), cwd, { recursive: true });
    const env = { TFSIM_HOME: home, HOME: home, AWS_ENDPOINT_URL: server.url };

    const apply = await tfsim(["apply", "-auto-approve", "-no-color"], cwd, env);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain("Apply complete! Resources: 6 added, 0 changed, 0 destroyed.");
    expect(audited().s3).toBeGreaterThan(10);

    const plan = await tfsim(["plan", "-no-color", "-detailed-exitcode"], cwd, env);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain("No changes.");

    // The page, from the website endpoint the output names (Host header, as a browser through DNS would send it).
    const endpoint = /website_endpoint = "([^"]+)"/.exec(apply.stdout)![1]!;
    const page = await get(`${server.url}/`, endpoint);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<html");
    const missing = await get(`${server.url}/nope.html`, endpoint);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("Not found");

    const destroy = await tfsim(["destroy", "-auto-approve", "-no-color"], cwd, env);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect(destroy.stdout).toContain("Destroy complete! Resources: 6 destroyed.");
    const buckets = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "s3", action: "ListBuckets", params: {} });
    expect(buckets.ok && (buckets.output.Buckets as unknown[] | undefined)?.length).toBeFalsy();
  });
});
