// Opens a real cloud (real SQLite) in a temp TFSIM_HOME and calls it in process, as the AWS provider will.
import { rmSync } from "node:fs";
import type { AwsCredentials, CallResult, ServiceName } from "../../../src/cloud/api.js";
import type { Clock } from "../../../src/cloud/clock.js";
import { type LocalCloud, openCloud } from "../../../src/cloud/index.js";
import { tempDir } from "../../helpers/cli.js";

export interface TestCloud {
  readonly cloud: LocalCloud;
  readonly home: string;
  readonly root: AwsCredentials;
  /** Calls as `creds` (root by default) and returns the CallResult. */
  call(service: ServiceName, action: string, params?: Record<string, unknown>, creds?: AwsCredentials): CallResult;
  /** Calls and expects success; returns the output. */
  ok(service: ServiceName, action: string, params?: Record<string, unknown>, creds?: AwsCredentials): Record<string, unknown>;
  /** Calls and expects an error; returns it. */
  fail(service: ServiceName, action: string, params?: Record<string, unknown>, creds?: AwsCredentials): { code: string; message: string; httpStatus: number };
  /** Creates a user with access keys and the given managed policy ARNs / inline documents attached. */
  user(name: string, opts?: { managed?: string[]; inline?: Record<string, unknown>[] }): AwsCredentials;
  close(): void;
}

export function openTestCloud(opts: { home?: string; clock?: Clock } = {}): TestCloud {
  const home = opts.home ?? tempDir("tfsim-cloud-");
  const cloud = openCloud({ home, ...(opts.clock ? { clock: opts.clock } : {}) });
  const rootKeys = cloud.rootCredentials();
  const root: AwsCredentials = { accessKeyId: rootKeys.accessKeyId, secretAccessKey: rootKeys.secretAccessKey };
  const call = (service: ServiceName, action: string, params: Record<string, unknown> = {}, creds: AwsCredentials = root): CallResult =>
    cloud.call({ credentials: creds, authenticatedBy: "secret", region: "us-east-1", service, action, params });
  const ok = (service: ServiceName, action: string, params: Record<string, unknown> = {}, creds: AwsCredentials = root) => {
    const r = call(service, action, params, creds);
    if (!r.ok) throw new Error(`${service}:${action} failed: ${r.error.code}: ${r.error.message}`);
    return r.output;
  };
  const fail = (service: ServiceName, action: string, params: Record<string, unknown> = {}, creds: AwsCredentials = root) => {
    const r = call(service, action, params, creds);
    if (r.ok) throw new Error(`${service}:${action} succeeded, expected an error: ${JSON.stringify(r.output)}`);
    return r.error;
  };
  return {
    cloud,
    home,
    root,
    call,
    ok,
    fail,
    user(name, o = {}) {
      ok("iam", "CreateUser", { UserName: name });
      for (const arn of o.managed ?? []) ok("iam", "AttachUserPolicy", { UserName: name, PolicyArn: arn });
      (o.inline ?? []).forEach((doc, i) => ok("iam", "PutUserPolicy", { UserName: name, PolicyName: `inline${i}`, PolicyDocument: JSON.stringify(doc) }));
      const k = ok("iam", "CreateAccessKey", { UserName: name }).AccessKey as { AccessKeyId: string; SecretAccessKey: string };
      return { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey };
    },
    close() {
      cloud.close();
      if (!opts.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

export const allowAll = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

export function trustPolicy(principalArn: string): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principalArn }, Action: "sts:AssumeRole" }] });
}
