// `npm run bench -- cloud-core`: CPU per call of the cloud's pipeline in process (authenticate, validate,
// authorize, act, commit, audit), without HTTP; `bench cloud` compares the served account with moto's server.
import { rmSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AwsCredentials, ServiceName } from "../src/cloud/api.js";
import { openCloud } from "../src/cloud/index.js";

export async function run(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), "tfsim-bench-core-"));
  const cloud = openCloud({ home });
  try {
    const keys = cloud.rootCredentials();
    const root: AwsCredentials = { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
    const call = (service: ServiceName, action: string, params: Record<string, unknown>, credentials: AwsCredentials) => {
      const r = cloud.call({ credentials, authenticatedBy: "secret", region: "us-east-1", service, action, params });
      if (!r.ok) throw new Error(`${action}: ${r.error.code}: ${r.error.message}`);
      return r.output;
    };
    call("iam", "CreateUser", { UserName: "dev" }, root);
    for (const p of ["IAMFullAccess", "ReadOnlyAccess", "AmazonEC2FullAccess", "AmazonS3ReadOnlyAccess"]) {
      call("iam", "AttachUserPolicy", { UserName: "dev", PolicyArn: `arn:aws:iam::aws:policy/${p}` }, root);
    }
    const k = call("iam", "CreateAccessKey", { UserName: "dev" }, root).AccessKey as { AccessKeyId: string; SecretAccessKey: string };
    const dev: AwsCredentials = { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey };
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });

    const measure = (name: string, n: number, f: (i: number) => void) => {
      for (let i = 0; i < 200; i++) f(n + i);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) f(i);
      const cpu = process.cpuUsage(cpu0);
      const wall = performance.now() - t0;
      console.log(
        `${name.padEnd(52)} ${(((cpu.user + cpu.system) / n) | 0).toString().padStart(5)} µs CPU/call  ${((wall * 1000) / n).toFixed(0).padStart(5)} µs wall/call  (${n} calls)`,
      );
    };
    measure("sts GetCallerIdentity (root)", 5000, () => call("sts", "GetCallerIdentity", {}, root));
    measure("sts GetCallerIdentity (user with 4 managed policies)", 5000, () => call("sts", "GetCallerIdentity", {}, dev));
    measure("iam GetUser (user with 4 managed policies)", 5000, () => call("iam", "GetUser", { UserName: "dev" }, dev));
    measure("iam CreateRole (root)", 2000, (i) => call("iam", "CreateRole", { RoleName: `root${i}`, AssumeRolePolicyDocument: trust }, root));
    measure("iam CreateRole (user with 4 managed policies)", 2000, (i) => call("iam", "CreateRole", { RoleName: `dev${i}`, AssumeRolePolicyDocument: trust }, dev));
    console.log("moto's server, measured here (issue 6): ~2,100 µs CPU per get_caller_identity, ~2,700 µs per create_role (HTTP included; see bench cloud)");
  } finally {
    cloud.close();
    rmSync(home, { recursive: true, force: true });
  }
}
