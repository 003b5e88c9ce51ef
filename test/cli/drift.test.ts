// Refresh and drift detection through the real CLI and the embedded cloud: objects changed out of band with
// the cloud's own API (as the aws CLI would) are found by the next plan, shown as Terraform 1.11 shows them,
// counted by -detailed-exitcode, accepted into state by apply -refresh-only, and undone by a normal apply.
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openCloud, type LocalCloud } from "../../src/cloud/index.js";
import { repoRoot, runTfsim, tempDir, tfsimBin } from "../helpers/cli.js";
import { aws, rootKeys, serve } from "../cloud/server/serve.js";

const opened: LocalCloud[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

interface StateFile {
  resources: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[];
}

function setup(): { cwd: string; env: NodeJS.ProcessEnv; tfsim: (...args: string[]) => { code: number; stdout: string; stderr: string }; call: (service: string, action: string, params: Record<string, unknown>) => void; attr: (type: string, name: string, a: string) => string } {
  const home = tempDir("tfsim-drift-home-");
  const cwd = join(tempDir("tfsim-drift-cfg-"), "cfg");
  cpSync(join(repoRoot, "test/testdata/drift"), cwd, { recursive: true });
  const env = { TFSIM_HOME: home, HOME: home };
  let cloud: LocalCloud | undefined;
  return {
    cwd,
    env,
    tfsim: (...args) => runTfsim(args, { cwd, env }),
    call: (service, action, params) => {
      if (!cloud) opened.push((cloud = openCloud({ home })));
      const r = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service, action, params });
      expect(r.ok, `${action}: ${JSON.stringify(r)}`).toBe(true);
      // The CLI opens the same account; let it see every write.
      cloud.close();
      opened.splice(opened.indexOf(cloud), 1);
      cloud = undefined;
    },
    attr: (type, name, a) => {
      const st = JSON.parse(readFileSync(join(cwd, "terraform.tfstate"), "utf8")) as StateFile;
      return String(st.resources.find((r) => r.type === type && r.name === name)!.instances[0]!.attributes[a]);
    },
  };
}

/** The drift section of a plan: from its note to the end of its closing paragraph. */
function driftSection(out: string): string {
  const i = out.indexOf("Note: Objects have changed outside of tfsim");
  if (i < 0) return "";
  const rule = out.indexOf("─", i);
  return rule < 0 ? out.slice(i) : out.slice(i, rule);
}

describe("drift detection", () => {
  it("finds every out-of-band change, reports it, and refresh-only accepts it", { timeout: 180_000 }, () => {
    const t = setup();
    expect(t.tfsim("init").code).toBe(0);
    let r = t.tfsim("apply", "-auto-approve", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    r = t.tfsim("plan", "-refresh-only", "-detailed-exitcode", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("No changes. Your infrastructure still matches the configuration.");

    const sg = t.attr("aws_security_group", "web", "id");
    const stopped = t.attr("aws_instance", "stopped", "id");
    const resized = t.attr("aws_instance", "resized", "id");
    t.call("ec2", "AuthorizeSecurityGroupIngress", { GroupId: sg, IpPermissions: [{ IpProtocol: "tcp", FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] });
    t.call("ec2", "StopInstances", { InstanceIds: [stopped] });
    t.call("ec2", "StopInstances", { InstanceIds: [resized] });
    t.call("ec2", "ModifyInstanceAttribute", { InstanceId: resized, InstanceType: { Value: "t3.large" } });
    t.call("ec2", "CreateTags", { Resources: [resized], Tags: [{ Key: "Team", Value: "data" }] });
    t.call("s3", "DeleteBucketPolicy", { Bucket: "drift-site" });
    t.call("s3", "DeleteObject", { Bucket: "drift-site", Key: "index.html" });
    t.call("iam", "DetachRolePolicy", { RoleName: "drift-app", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
    t.call("iam", "DeleteUser", { UserName: "drift-ci" });

    // -refresh-only shows all of it, and exits 2 because there is drift.
    r = t.tfsim("plan", "-refresh-only", "-detailed-exitcode", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(2);
    const d = driftSection(r.stdout);
    expect(d).toContain(`tfsim detected the following changes made outside of tfsim since the last\n"tfsim apply" which may have affected this plan:`);
    expect(d).toContain("  # aws_security_group.web has changed");
    expect(d).toMatch(/\+ from_port += 3306/);
    expect(d).toContain("  # aws_instance.stopped has changed");
    expect(d).toMatch(/~ instance_state += "running" -> "stopped"/);
    expect(d).toContain("  # aws_instance.resized has changed");
    expect(d).toMatch(/~ instance_type += "t3.micro" -> "t3.large"/);
    expect(d).toMatch(/~ "Team" = "web" -> "data"/);
    expect(d).toContain("  # aws_s3_bucket_policy.site has been deleted");
    expect(d).toContain("  # aws_s3_object.index has been deleted");
    expect(d).toContain("  # aws_iam_role_policy_attachment.read has been deleted");
    expect(d).toContain("  # aws_iam_user.ci has been deleted");
    expect(d).toMatch(/  - resource "aws_iam_user" "ci" \{\n(.*\n)*?      - name += "drift-ci" -> null/);
    expect(d).toContain("This is a refresh-only plan, so tfsim will not take any actions to undo\nthese.");
    expect(r.stdout).not.toContain("Plan:");
    // In colour (Terraform's default): the same text with its codes, the note's "Note:" bold cyan, headers bold.
    const esc = "\u001b[";
    const colored = runTfsim(["plan", "-refresh-only"], { cwd: t.cwd, env: { ...t.env, NO_COLOR: "" } });
    expect(colored.stdout).toContain(`\n${esc}1m${esc}36mNote:${esc}0m${esc}1m Objects have changed outside of tfsim\n${esc}0m\n`);
    expect(colored.stdout).toContain(`${esc}1m  # aws_iam_user.ci${esc}0m has been deleted\n${esc}0m  ${esc}31m-${esc}0m${esc}0m resource "aws_iam_user" "ci" {`);
    // (up to the warnings after it, which colour frames in a box)
    const notes = (text: string): string => text.slice(0, text.indexOf("remote\nobjects.\n"));
    expect(notes(driftSection(colored.stdout.replace(/\u001b\[[0-9;]*m/g, "")))).toBe(notes(d));

    // A normal plan re-creates what is gone and reverts what changed (the tag, the type, the rule).
    r = t.tfsim("plan", "-detailed-exitcode", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toContain("  # aws_iam_user.ci will be created");
    expect(r.stdout).toContain("  # aws_s3_object.index will be created");
    expect(r.stdout).toContain("  # aws_security_group.web will be updated in-place");
    expect(r.stdout).toMatch(/- from_port += 3306/);
    // Deletions are always relevant to the plan.
    expect(driftSection(r.stdout)).toContain("  # aws_iam_user.ci has been deleted");
    expect(driftSection(r.stdout)).toContain("Unless you have made equivalent changes to your configuration, or ignored the\nrelevant attributes using ignore_changes, the following plan may include\nactions to undo or respond to these changes.");

    // apply -refresh-only accepts the drift: the state now has no user, and refresh-only finds nothing more.
    r = t.tfsim("apply", "-refresh-only", "-auto-approve", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.");
    expect(readFileSync(join(t.cwd, "terraform.tfstate"), "utf8")).not.toContain("drift-ci");
    expect(t.attr("aws_instance", "resized", "instance_type")).toBe("t3.large");
    r = t.tfsim("plan", "-refresh-only", "-detailed-exitcode", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);

    // -refresh=false plans against the stored state: the deleted user is not noticed... but it is gone from state.
    r = t.tfsim("plan", "-refresh=false", "-no-color");
    expect(r.stdout).not.toContain("Refreshing state...");

    // A normal apply converges, and then nothing is left to do.
    r = t.tfsim("apply", "-auto-approve", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    r = t.tfsim("plan", "-detailed-exitcode", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("No changes. Your infrastructure matches the configuration.");
  });
});

describe("the issue's story with the real aws CLI", () => {
  it("apply examples/quickstart, add a rule with aws, plan -detailed-exitcode exits 2 and names it", { timeout: 180_000 }, async () => {
    const home = tempDir("tfsim-drift-story-");
    const dir = join(tempDir("tfsim-drift-story-cfg-"), "quickstart");
    cpSync(join(repoRoot, "examples/quickstart"), dir, { recursive: true });
    const env = { TFSIM_HOME: home, HOME: home };
    const run = (...args: string[]): { code: number; stdout: string; stderr: string } => runTfsim(["-chdir=" + dir, ...args], { env });
    expect(run("init").code).toBe(0);
    let r = run("apply", "-auto-approve", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const sg = /security_group_id = "(sg-[0-9a-f]+)"/.exec(r.stdout)![1]!;
    const server = await serve(home);
    try {
      const a = aws(server, rootKeys(home), ["ec2", "authorize-security-group-ingress", "--group-id", sg, "--protocol", "tcp", "--port", "5432", "--cidr", "203.0.113.0/24"]);
      expect(a.code, a.stderr).toBe(0);
    } finally {
      await server.stop();
    }
    r = run("plan", "-detailed-exitcode", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).toContain("  # aws_security_group.web will be updated in-place");
    expect(r.stdout).toMatch(/- from_port += 5432/);
    expect(r.stdout).toContain('- "203.0.113.0/24",');
    r = run("plan", "-refresh-only", "-detailed-exitcode", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(driftSection(r.stdout)).toMatch(/# aws_security_group\.web has changed[\s\S]*\+ from_port += 5432/);
  });
});

describe("examples/ci/drift-check.sh", () => {
  it("exits 0 without drift and 2 with a readable report when a tag was edited out of band", { timeout: 120_000 }, () => {
    const home = tempDir("tfsim-drift-ci-");
    const dir = tempDir("tfsim-drift-ci-cfg-");
    writeFileSync(join(dir, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_iam_user" "ci" {\n  name = "ci-bot"\n  tags = {\n    Team = "platform"\n  }\n}\n`);
    const env = { ...process.env, TFSIM_HOME: home, HOME: home, TFSIM: `node ${tfsimBin}` };
    const check = (): { code: number; stdout: string } => {
      const p = spawnSync(join(repoRoot, "examples/ci/drift-check.sh"), [dir], { env, encoding: "utf8" });
      return { code: p.status ?? -1, stdout: p.stdout + p.stderr };
    };
    expect(runTfsim(["init"], { cwd: dir, env }).code).toBe(0);
    expect(runTfsim(["apply", "-auto-approve"], { cwd: dir, env }).code).toBe(0);
    let r = check();
    expect(r, r.stdout).toMatchObject({ code: 0 });
    expect(r.stdout).toContain("drift-check: no drift in");

    const cloud = openCloud({ home });
    const tagged = cloud.call({ credentials: cloud.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "iam", action: "TagUser", params: { UserName: "ci-bot", Tags: [{ Key: "Team", Value: "data" }] } });
    cloud.close();
    expect(tagged.ok).toBe(true);
    r = check();
    expect(r.code, r.stdout).toBe(2);
    expect(r.stdout).toContain("drift-check: DRIFT in");
    expect(r.stdout).toContain("  # aws_iam_user.ci has changed");
    expect(r.stdout).toMatch(/~ "Team" += "platform" -> "data"/);
    expect(r.stdout).toContain("drift-check: 1 object(s) drifted.");
    expect(r.stdout).not.toContain("Refreshing state...");
  });
});

describe("saved plans after drift", () => {
  it("plan -out re-creates a deleted object when applied; plan -refresh-only -out records drift when applied", { timeout: 120_000 }, () => {
    const home = tempDir("tfsim-drift-saved-");
    const dir = tempDir("tfsim-drift-saved-cfg-");
    writeFileSync(join(dir, "main.tf"), `provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_iam_user" "a" {\n  name = "saved-a"\n}\nresource "aws_iam_user" "b" {\n  name = "saved-b"\n  tags = {\n    Team = "x"\n  }\n}\n`);
    const env = { TFSIM_HOME: home, HOME: home };
    const run = (...args: string[]): { code: number; stdout: string; stderr: string } => runTfsim(args, { cwd: dir, env });
    const iam = (action: string, params: Record<string, unknown>): void => {
      const c = openCloud({ home });
      const r = c.call({ credentials: c.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "iam", action, params });
      c.close();
      expect(r.ok).toBe(true);
    };
    expect(run("init").code).toBe(0);
    expect(run("apply", "-auto-approve").code).toBe(0);
    iam("DeleteUser", { UserName: "saved-a" });
    let r = run("plan", "-out=p1", "-no-color");
    expect(r.stdout).toContain("  # aws_iam_user.a will be created");
    r = run("apply", "-no-color", "p1");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");

    iam("TagUser", { UserName: "saved-b", Tags: [{ Key: "Team", Value: "y" }] });
    r = run("plan", "-refresh-only", "-out=p2", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("  # aws_iam_user.b has changed");
    expect(r.stdout).toContain('Saved the plan to: p2');
    r = run("apply", "-no-color", "p2");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(dir, "terraform.tfstate"), "utf8")).toContain('"Team": "y"');
    r = run("plan", "-refresh-only", "-detailed-exitcode", "-no-color");
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

describe("drift relevant to the plan", () => {
  it("a normal plan shows only the drifted attributes its changes reference; refresh-only shows all", { timeout: 120_000 }, () => {
    const home = tempDir("tfsim-drift-rel-");
    const dir = tempDir("tfsim-drift-rel-cfg-");
    writeFileSync(
      join(dir, "main.tf"),
      `provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_iam_user" "a" {\n  name = "rel-a"\n  tags = {\n    Team = "x"\n  }\n}\nresource "aws_iam_user" "b" {\n  name = "rel-b"\n  tags = aws_iam_user.a.tags\n}\nresource "aws_iam_user" "c" {\n  name = "rel-c"\n  tags = {\n    Team = "x"\n  }\n}\n`,
    );
    const env = { TFSIM_HOME: home, HOME: home };
    const run = (...args: string[]): { code: number; stdout: string; stderr: string } => runTfsim(args, { cwd: dir, env });
    expect(run("init").code).toBe(0);
    expect(run("apply", "-auto-approve").code).toBe(0);
    const c = openCloud({ home });
    for (const u of ["rel-a", "rel-c"]) expect(c.call({ credentials: c.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "iam", action: "TagUser", params: { UserName: u, Tags: [{ Key: "Team", Value: "y" }] } }).ok).toBe(true);
    c.close();
    // b changes, and its configuration references a's tags.
    writeFileSync(join(dir, "main.tf"), readFileSync(join(dir, "main.tf"), "utf8").replace("tags = aws_iam_user.a.tags", 'tags = merge(aws_iam_user.a.tags, { Role = "ci" })'));
    let r = run("plan", "-no-color");
    const d = driftSection(r.stdout);
    // a's drifted tags are relevant to b's change; its tags_all and c's drift are not.
    expect(d).toContain("  # aws_iam_user.a has changed");
    expect(d).toMatch(/~ tags += \{\n +~ "Team" = "x" -> "y"/);
    expect(d).not.toMatch(/~ tags_all/);
    expect(d).not.toContain("aws_iam_user.c");
    expect(r.stdout).toContain("  # aws_iam_user.c will be updated in-place");
    r = run("plan", "-refresh-only", "-no-color");
    expect(driftSection(r.stdout)).toContain("  # aws_iam_user.c has changed");
    expect(driftSection(r.stdout)).toMatch(/~ tags_all += \{/);
  });
});
