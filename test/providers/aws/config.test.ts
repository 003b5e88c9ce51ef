// The provider block and the credential chain, seen through aws_caller_identity: provider block, then the
// AWS_* environment, then a profile in the shared files, then the account's root keys (with a warning);
// assume_role on top of any of them; bad keys fail at configure as the real provider words it.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseIni } from "../../../providers/aws/config.js";
import { Harness } from "./harness.js";

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

/** A fresh account with user `dev` (AdministratorAccess) and its access key. */
function account(): { seed: Harness; key: { id: string; secret: string }; accountId: string } {
  const seed = new Harness();
  open.push(seed);
  seed.root("iam", "CreateUser", { UserName: "dev" });
  seed.root("iam", "AttachUserPolicy", { UserName: "dev", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
  const k = seed.root("iam", "CreateAccessKey", { UserName: "dev" }).output!.AccessKey as { AccessKeyId: string; SecretAccessKey: string };
  return { seed, key: { id: k.AccessKeyId, secret: k.SecretAccessKey }, accountId: seed.cloud().accountId };
}

async function whoAmI(home: string, env: NodeJS.ProcessEnv, config: Record<string, unknown>): Promise<{ arn?: string; errors: string[]; warnings: string[] }> {
  const h = new Harness({ ...env, TFSIM_HOME: home });
  open.push(h);
  const diags = await h.configure({ region: "us-east-1", ...config } as never);
  const errors = diags.filter((d) => d.severity === "error").map((d) => `${d.summary}: ${d.detail ?? ""}`);
  const warnings = diags.filter((d) => d.severity === "warning").map((d) => d.detail ?? d.summary);
  if (errors.length) return { errors, warnings };
  const r = await h.data("aws_caller_identity", {});
  return { arn: String(r.obj!.arn), errors: r.errors, warnings };
}

describe("credential chain", () => {
  it("root keys with a one-line warning when nothing else is configured", async () => {
    const { seed, accountId } = account();
    const r = await whoAmI(seed.home, {}, {});
    expect(r.arn).toBe(`arn:aws:iam::${accountId}:root`);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/root should not be used day to day/);
  });

  it("environment keys, and the provider block's keys before them", async () => {
    const { seed, key, accountId } = account();
    const env = { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret };
    expect((await whoAmI(seed.home, env, {})).arn).toBe(`arn:aws:iam::${accountId}:user/dev`);
    const bad = await whoAmI(seed.home, env, { access_key: "AKIAIOSFODNN7EXAMPLE", secret_key: "nope" });
    expect(bad.errors[0]).toMatch(
      /^Retrieving AWS account details: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: [0-9a-f-]+, api error InvalidClientTokenId: The security token included in the request is invalid\.?$/,
    );
  });

  it("a profile from the shared credentials file (AWS_PROFILE, or `profile`)", async () => {
    const { seed, key, accountId } = account();
    const dir = join(seed.home, ".aws");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "credentials"), `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = bad\n\n[dev]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`);
    writeFileSync(join(dir, "config"), "[profile dev]\nregion = eu-west-1\n");
    const env = { HOME: seed.home };
    expect((await whoAmI(seed.home, { ...env, AWS_PROFILE: "dev" }, {})).arn).toBe(`arn:aws:iam::${accountId}:user/dev`);
    expect((await whoAmI(seed.home, env, { profile: "dev" })).arn).toBe(`arn:aws:iam::${accountId}:user/dev`);
    const missing = await whoAmI(seed.home, env, { profile: "nobody" });
    expect(missing.errors[0]).toMatch(/failed to get shared config profile, nobody/);
  });

  it("assume_role gives the role's session", async () => {
    const { seed, key, accountId } = account();
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "sts:AssumeRole" }] });
    seed.root("iam", "CreateRole", { RoleName: "deployer", AssumeRolePolicyDocument: trust });
    const r = await whoAmI(
      seed.home,
      { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret },
      { assume_role: [{ role_arn: `arn:aws:iam::${accountId}:role/deployer`, session_name: "ci", duration: "15m" }] },
    );
    expect(r.errors).toEqual([]);
    expect(r.arn).toBe(`arn:aws:sts::${accountId}:assumed-role/deployer/ci`);
  });

  it("environment keys come before AWS_PROFILE; `profile` in the block before the environment's keys", async () => {
    const { seed, key, accountId } = account();
    const dir = join(seed.home, ".aws");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "credentials"), `[dev]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`);
    const bad = { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "nope" };
    expect((await whoAmI(seed.home, { HOME: seed.home, ...bad, AWS_PROFILE: "dev" }, {})).errors[0]).toMatch(/InvalidClientTokenId/);
    expect((await whoAmI(seed.home, { HOME: seed.home, ...bad }, { profile: "dev" })).arn).toBe(`arn:aws:iam::${accountId}:user/dev`);
  });

  it("shared_credentials_files and shared_config_files name the files; the profile's region comes from the config file", async () => {
    const { seed, key, accountId } = account();
    const creds = join(seed.home, "team-credentials");
    const conf = join(seed.home, "team-config");
    writeFileSync(creds, `[ops]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`);
    writeFileSync(conf, "[profile ops]\nregion = eu-west-1\n");
    const h = new Harness({ HOME: join(seed.home, "nowhere"), TFSIM_HOME: seed.home });
    open.push(h);
    expect(await h.configure({ profile: "ops", shared_credentials_files: [creds], shared_config_files: [conf] } as never)).toEqual([]);
    expect((await h.data("aws_caller_identity", {})).obj!.arn).toBe(`arn:aws:iam::${accountId}:user/dev`);
    expect((await h.data("aws_region", {})).obj!.name).toBe("eu-west-1");
  });

  it("token: temporary credentials in the provider block", async () => {
    const { seed, key, accountId } = account();
    const c = seed.cloud();
    const got = c.call({ credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, authenticatedBy: "secret", region: "us-east-1", service: "sts", action: "GetSessionToken", params: {} });
    const t = (got.ok ? got.output.Credentials : {}) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    const r = await whoAmI(seed.home, {}, { access_key: t.AccessKeyId, secret_key: t.SecretAccessKey, token: t.SessionToken });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.arn).toBe(`arn:aws:iam::${accountId}:user/dev`);
    expect((await whoAmI(seed.home, {}, { access_key: t.AccessKeyId, secret_key: t.SecretAccessKey })).errors[0]).toMatch(/InvalidClientTokenId/);
  });

  it("assume_role blocks chain: each role is assumed with the one before's session", async () => {
    const { seed, key, accountId } = account();
    // Session tags need sts:TagSession in the trust policy too, as in AWS.
    const trust = (principal: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: ["sts:AssumeRole", "sts:TagSession"] }] });
    seed.root("iam", "CreateRole", { RoleName: "hop", AssumeRolePolicyDocument: trust(`arn:aws:iam::${accountId}:user/dev`) });
    seed.root("iam", "PutRolePolicy", { RoleName: "hop", PolicyName: "next", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] }) });
    seed.root("iam", "CreateRole", { RoleName: "target", AssumeRolePolicyDocument: trust(`arn:aws:iam::${accountId}:role/hop`) });
    const env = { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret };
    const hop = { role_arn: `arn:aws:iam::${accountId}:role/hop`, session_name: "one" };
    const target = { role_arn: `arn:aws:iam::${accountId}:role/target`, session_name: "two", external_id: "ext-1", tags: { Team: "ops" }, transitive_tag_keys: ["Team"] };
    const r = await whoAmI(seed.home, env, { assume_role: [hop, target] });
    expect(r.errors).toEqual([]);
    expect(r.arn).toBe(`arn:aws:sts::${accountId}:assumed-role/target/two`);
    // dev may not assume target directly: its trust names hop only.
    const direct = await whoAmI(seed.home, env, { assume_role: [target] });
    expect(direct.errors[0]).toMatch(/^Cannot assume IAM Role: IAM Role \(arn:aws:iam::\d{12}:role\/target\) cannot be assumed\.\n\noperation error STS: AssumeRole, https response error StatusCode: 403, .*AccessDenied/);
  });

  it("allowed_account_ids and forbidden_account_ids", async () => {
    const { seed, key, accountId } = account();
    const env = { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret };
    expect((await whoAmI(seed.home, env, { allowed_account_ids: [accountId] })).arn).toBe(`arn:aws:iam::${accountId}:user/dev`);
    expect((await whoAmI(seed.home, env, { allowed_account_ids: ["111111111111"] })).errors).toEqual([`AWS account ID not allowed: ${accountId}: `]);
    expect((await whoAmI(seed.home, env, { forbidden_account_ids: [accountId] })).errors).toEqual([`AWS account ID not allowed: ${accountId}: `]);
  });

  it("a region is required", async () => {
    const h = new Harness();
    open.push(h);
    const diags = await h.configure({});
    expect(diags.filter((d) => d.severity === "error").map((d) => d.summary)).toEqual(["Invalid provider configuration"]);
  });
});

describe("shared file parsing", () => {
  it("sections, `profile` prefixes, comments and spacing", () => {
    const ini = parseIni("# c\n[default]\naws_access_key_id=A\n ; x\n[profile dev]\n Region = us-west-2 \n");
    expect([...ini]).toEqual([
      ["default", { aws_access_key_id: "A" }],
      ["dev", { region: "us-west-2" }],
    ]);
  });
});

describe("data sources", () => {
  it("aws_region and aws_iam_role / aws_iam_policy", async () => {
    const h = new Harness();
    open.push(h);
    await h.configure({ region: "eu-west-1" });
    expect((await h.data("aws_region", {})).obj).toEqual({ name: "eu-west-1", id: "eu-west-1", endpoint: "ec2.eu-west-1.amazonaws.com", description: "Europe (Ireland)" });
    expect((await h.data("aws_region", { name: "us-east-1" })).obj!.description).toBe("US East (N. Virginia)");
    const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    h.root("iam", "CreateRole", { RoleName: "app", AssumeRolePolicyDocument: doc, Tags: [{ Key: "a", Value: "b" }] });
    const role = (await h.data("aws_iam_role", { name: "app" })).obj!;
    expect(role).toMatchObject({ name: "app", assume_role_policy: doc, tags: { a: "b" }, max_session_duration: 3600 });
    const pol = (await h.data("aws_iam_policy", { name: "AmazonEC2ReadOnlyAccess" })).obj!;
    expect(pol.arn).toBe("arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess");
    expect(JSON.parse(String(pol.policy)).Statement.length).toBeGreaterThan(0);
    const missing = await h.data("aws_iam_role", { name: "nope" });
    expect(missing.errors[0]).toMatch(/^reading iam role: operation error IAM: GetRole, .*NoSuchEntity: /);
  });
});
