// A sample of policy evaluation end to end through `tfsim cloud serve` with boto3, chiefly the condition keys
// whose values only the server knows: aws:SourceIp (the client's address), aws:SecureTransport (false over
// plain HTTP) and aws:UserAgent; plus explicit deny and ${aws:username}.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { awsEnv, rootKeys, serve, type Served } from "./serve.js";

interface Outcome {
  ok?: boolean;
  error?: string;
  message?: string;
}

let server: Served;
let r: Record<string, Outcome> & { account: string };

beforeAll(async () => {
  const home = tempDir("tfsim-policy-");
  server = await serve(home);
  const p = spawnSync("python3", [join(import.meta.dirname, "policy-flow.py")], {
    env: { ...awsEnv(rootKeys(home)), TFSIM_ENDPOINT: server.url },
    encoding: "utf8",
  });
  if (p.status !== 0) throw new Error(p.stderr);
  r = JSON.parse(p.stdout) as typeof r;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("policy evaluation through the server", () => {
  it("allows by a wildcard action and lets an explicit deny win over it", () => {
    expect(r.list_users).toEqual({ ok: true });
    expect(r.list_roles!.error).toBe("AccessDenied");
    expect(r.list_roles!.message).toMatch(
      new RegExp(`^User: arn:aws:iam::${r.account}:user/alice is not authorized to perform: iam:ListRoles on resource: .* with an explicit deny in an identity-based policy$`),
    );
  });

  it("sees the client's address as aws:SourceIp", () => {
    expect(r.get_user_from_loopback).toEqual({ ok: true });
    expect(r.get_role_from_ten_net!.error).toBe("AccessDenied");
  });

  it("sets aws:SecureTransport to false over plain HTTP", () => {
    expect(r.list_policies_over_http!.error).toBe("AccessDenied");
    expect(r.list_policies_over_http!.message).toContain("with an explicit deny in an identity-based policy");
  });

  it("substitutes ${aws:username} in resources", () => {
    expect(r.own_key).toEqual({ ok: true });
    expect(r.bobs_key!.error).toBe("AccessDenied");
    expect(r.bobs_key!.message).toContain(`on resource: arn:aws:iam::${r.account}:user/bob because no identity-based policy allows the iam:CreateAccessKey action`);
  });

  it("passes the client's User-Agent as aws:UserAgent", () => {
    expect(r.policy_plain_agent!.error).toBe("AccessDenied");
    expect(r.policy_tool_agent).toEqual({ ok: true });
  });
});
