// `tfsim cloud serve` driven by the real aws CLI, as a user would: keys from `tfsim cloud credentials`, every call
// signed with SigV4 by botocore, authorization by the account's policies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/cli.js";
import { aws, rootKeys, serve, type Keys, type Served } from "./serve.js";

let home: string;
let server: Served;
let root: Keys;
let account: string;
let dev: Keys;

beforeAll(async () => {
  home = tempDir("tfsim-serve-");
  server = await serve(home);
  root = rootKeys(home);
});

afterAll(async () => {
  await server?.stop();
});

describe("the aws CLI against tfsim cloud serve", () => {
  it("prints its endpoint on start", () => {
    expect(server.output()).toMatch(/^tfsim cloud: serving account \d{12} at http:\/\/127\.0\.0\.1:\d+$/m);
  });

  it("answers sts get-caller-identity for the root user", () => {
    const r = aws(server, root, ["sts", "get-caller-identity"]);
    expect(r.stderr).toBe("");
    const id = r.json as { Account: string; Arn: string; UserId: string };
    expect(id.Account).toMatch(/^\d{12}$/);
    expect(id.Arn).toBe(`arn:aws:iam::${id.Account}:root`);
    account = id.Account;
  });

  it("creates a user with tags, an access key, and attaches IAMReadOnlyAccess", () => {
    const u = aws(server, root, ["iam", "create-user", "--user-name", "dev", "--tags", "Key=team,Value=a b+c:/=@"]);
    expect(u.stderr).toBe("");
    expect(u.json).toMatchObject({ User: { UserName: "dev", Arn: `arn:aws:iam::${account}:user/dev`, Path: "/", Tags: [{ Key: "team", Value: "a b+c:/=@" }] } });
    expect((u.json as { User: { UserId: string } }).User.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);

    const k = aws(server, root, ["iam", "create-access-key", "--user-name", "dev"]);
    const key = (k.json as { AccessKey: { AccessKeyId: string; SecretAccessKey: string; Status: string } }).AccessKey;
    expect(key.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(key.Status).toBe("Active");
    dev = { AccessKeyId: key.AccessKeyId, SecretAccessKey: key.SecretAccessKey };

    const a = aws(server, root, ["iam", "attach-user-policy", "--user-name", "dev", "--policy-arn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"]);
    expect(a.code).toBe(0);
    const listed = aws(server, root, ["iam", "list-attached-user-policies", "--user-name", "dev"]);
    expect(listed.json).toEqual({ AttachedPolicies: [{ PolicyName: "IAMReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" }] });
  });

  it("lets the read-only user read and refuses CreateRole with AWS's AccessDenied message", () => {
    const me = aws(server, dev, ["sts", "get-caller-identity"]);
    expect(me.json).toMatchObject({ Arn: `arn:aws:iam::${account}:user/dev`, Account: account });
    const users = aws(server, dev, ["iam", "list-users"]);
    expect((users.json as { Users: Array<{ UserName: string }> }).Users.map((u) => u.UserName)).toEqual(["dev"]);

    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const denied = aws(server, dev, ["iam", "create-role", "--role-name", "r", "--assume-role-policy-document", trust]);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain(
      `An error occurred (AccessDenied) when calling the CreateRole operation: User: arn:aws:iam::${account}:user/dev is not authorized to perform: ` +
        `iam:CreateRole on resource: arn:aws:iam::${account}:role/r because no identity-based policy allows the iam:CreateRole action`,
    );
  });

  it("refuses a wrong secret with SignatureDoesNotMatch", () => {
    const r = aws(server, { ...dev, SecretAccessKey: dev.SecretAccessKey.slice(0, -1) + (dev.SecretAccessKey.endsWith("A") ? "B" : "A") }, ["iam", "list-users"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      "An error occurred (SignatureDoesNotMatch) when calling the ListUsers operation: The request signature we calculated does not match the signature you provided.",
    );
  });

  it("refuses an unknown access key with InvalidClientTokenId", () => {
    const r = aws(server, { AccessKeyId: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "x" }, ["sts", "get-caller-identity"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.");
  });

  it("answers NoSuchEntity and validation errors as AWS does", () => {
    const r = aws(server, root, ["iam", "get-user", "--user-name", "nobody"]);
    expect(r.stderr).toContain("An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name nobody cannot be found.");
    const dup = aws(server, root, ["iam", "create-user", "--user-name", "DEV"]);
    expect(dup.stderr).toContain("(EntityAlreadyExists)");
  });

  it("keeps the account across a server restart (same TFSIM_HOME)", async () => {
    await server.stop();
    server = await serve(home);
    const users = aws(server, root, ["iam", "list-users"]);
    expect((users.json as { Users: Array<{ UserName: string }> }).Users.map((u) => u.UserName)).toEqual(["dev"]);
    expect(aws(server, dev, ["sts", "get-caller-identity"]).json).toMatchObject({ Arn: `arn:aws:iam::${account}:user/dev` });
  });

  it("stops cleanly on SIGINT", async () => {
    const other = await serve(tempDir("tfsim-serve-int-"));
    const code = await other.stop("SIGINT");
    expect(code).toBe(0);
    expect(other.output()).toContain("tfsim cloud: stopped.");
  });
});
