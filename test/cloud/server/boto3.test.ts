// boto3 against `tfsim cloud serve`: AssumeRole and the temporary credentials it returns, session tokens,
// expiry (through the account's clock offset), presigned URLs.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { aws, awsEnv, rootKeys, serve, type Keys, type Served } from "./serve.js";

interface Attempt<T = Record<string, unknown>> {
  ok?: T;
  error?: string;
  message?: string;
  status?: number;
}

interface Flow {
  account: string;
  role: { Arn: string; RoleId: string; MaxSessionDuration: number; CreateDateType: string };
  ops_identity: Attempt;
  ops_assume_other: Attempt;
  assume: { AssumedRoleUser?: { Arn: string; AssumedRoleId: string }; AccessKeyIdPrefix?: string; ExpirationType?: string; error?: string; message?: string };
  session_keys: Keys;
  session_identity: Attempt<{ Arn: string }>;
  session_list_roles: Attempt<{ names: string[] }>;
  session_create_user: Attempt;
  session_bad_token: Attempt;
  presigned_session: { status: number; body: string };
  presigned_root: { status: number; body: string };
  presigned_expired: { status: number; body: string };
}

let home: string;
let server: Served;
let flow: Flow;

beforeAll(async () => {
  home = tempDir("tfsim-boto3-");
  server = await serve(home);
  const root = rootKeys(home);
  const r = spawnSync("python3", [join(import.meta.dirname, "boto3-flow.py")], {
    env: { ...awsEnv(root), TFSIM_ENDPOINT: server.url },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`boto3 flow failed:\n${r.stderr}`);
  flow = JSON.parse(r.stdout) as Flow;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("boto3 against tfsim cloud serve", () => {
  it("creates a role whose fields boto3 parses (timestamps as datetime)", () => {
    expect(flow.role.Arn).toBe(`arn:aws:iam::${flow.account}:role/reader`);
    expect(flow.role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(flow.role.MaxSessionDuration).toBe(7200);
    expect(flow.role.CreateDateType).toBe("datetime");
  });

  it("signs as the IAM user with its own key", () => {
    expect(flow.ops_identity.ok).toMatchObject({ Arn: `arn:aws:iam::${flow.account}:user/ops`, Account: flow.account });
  });

  it("refuses AssumeRole on a role the user may not assume", () => {
    expect(flow.ops_assume_other.error).toBe("AccessDenied");
    expect(flow.ops_assume_other.status).toBe(403);
    expect(flow.ops_assume_other.message).toContain(`User: arn:aws:iam::${flow.account}:user/ops is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${flow.account}:role/missing`);
  });

  it("assumes the role and returns ASIA credentials with an expiry", () => {
    expect(flow.assume.error).toBeUndefined();
    expect(flow.assume.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${flow.account}:assumed-role/reader/s1`);
    expect(flow.assume.AssumedRoleUser!.AssumedRoleId).toBe(`${flow.role.RoleId}:s1`);
    expect(flow.assume.AccessKeyIdPrefix).toBe("ASIA");
    expect(flow.assume.ExpirationType).toBe("datetime");
  });

  it("calls with the temporary credentials as the assumed role, within the role's permissions", () => {
    expect(flow.session_identity.ok!.Arn).toBe(`arn:aws:sts::${flow.account}:assumed-role/reader/s1`);
    expect(flow.session_list_roles.ok!.names).toEqual(["reader"]);
    expect(flow.session_create_user.error).toBe("AccessDenied");
    expect(flow.session_create_user.message).toBe(
      `User: arn:aws:sts::${flow.account}:assumed-role/reader/s1 is not authorized to perform: iam:CreateUser on resource: ` +
        `arn:aws:iam::${flow.account}:user/x because no identity-based policy allows the iam:CreateUser action`,
    );
  });

  it("refuses a tampered session token", () => {
    expect(flow.session_bad_token.status).toBe(403);
    expect(["InvalidClientTokenId", "InvalidToken", "SignatureDoesNotMatch"]).toContain(flow.session_bad_token.error);
  });

  it("serves presigned URLs (query-string SigV4), with and without a session token", () => {
    expect(flow.presigned_root.status).toBe(200);
    expect(flow.presigned_root.body).toContain(`<Arn>arn:aws:iam::${flow.account}:root</Arn>`);
    expect(flow.presigned_root.body).toMatch(/^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult>/);
    expect(flow.presigned_session.status).toBe(200);
    expect(flow.presigned_session.body).toContain(`<Arn>arn:aws:sts::${flow.account}:assumed-role/reader/s1</Arn>`);
  });

  it("refuses an expired presigned URL", () => {
    expect(flow.presigned_expired.status).toBe(403);
    expect(flow.presigned_expired.body).toContain("<Code>AccessDenied</Code><Message>Request has expired</Message>");
  });

  it("refuses the session once it has expired (the account's clock moved on by TFSIM_CLOCK_OFFSET_SECONDS)", async () => {
    const later = await serve(home, { TFSIM_CLOCK_OFFSET_SECONDS: "3600" });
    try {
      const r = aws(later, flow.session_keys, ["sts", "get-caller-identity"]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain("An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired");
      // The same server still serves long-term keys: only the session aged.
      const root = rootKeys(home);
      expect(aws(later, root, ["sts", "get-caller-identity"]).code).toBe(0);
    } finally {
      await later.stop();
    }
  });
});
