// Import by id for every importable resource type, with the ids hashicorp/aws documents for `terraform import`:
// each object is created through the provider, imported by that id, and the imported object must be the created
// one (but for what AWS never returns, such as an access key's secret), and a plan of the same configuration
// against the imported state must replace nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../helpers/cli.js";
import { Harness, type Obj } from "./harness.js";

let h: Harness;
const made: Record<string, Obj> = {};
let amiId = "";
const ami = (): string => amiId;

beforeAll(async () => {
  h = new Harness();
  await h.configure({ region: "us-east-1", default_tags: [{ tags: { Owner: "import-test" } }] });
  amiId = String((await h.data("aws_ami", { most_recent: true, owners: ["amazon"], filter: [{ name: "name", values: ["al2023-ami-2023*-x86_64"] }] })).obj!.id);
});
afterAll(async () => h.close());

const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });

/**
 * In creation order: the type, its configuration (from what was made before), its import id, and what an import
 * cannot know: secrets AWS shows once, and the ids the provider generates at create for attachments and
 * memberships (an imported one is its import id, as in hashicorp/aws).
 */
const cases: [string, string, () => Obj, (o: Obj) => string, string[]][] = [
  ["vpc", "aws_vpc", () => ({ cidr_block: "10.9.0.0/16", tags: { Name: "imp" } }), (o) => String(o.id), []],
  ["subnet", "aws_subnet", () => ({ vpc_id: made.vpc!.id, cidr_block: "10.9.1.0/24", availability_zone: "us-east-1a" }), (o) => String(o.id), []],
  ["sg", "aws_security_group", () => ({ name: "imp", vpc_id: made.vpc!.id, ingress: [{ from_port: 22, to_port: 22, protocol: "tcp", cidr_blocks: ["10.0.0.0/8"] }] }), (o) => String(o.id), []],
  ["ingress", "aws_vpc_security_group_ingress_rule", () => ({ security_group_id: made.sg!.id, cidr_ipv4: "10.1.0.0/16", from_port: 443, to_port: 443, ip_protocol: "tcp" }), (o) => String(o.id), []],
  ["rule", "aws_security_group_rule", () => ({ type: "ingress", security_group_id: made.sg!.id, protocol: "tcp", from_port: 8000, to_port: 8080, cidr_blocks: ["10.0.3.0/24", "10.0.4.0/24"] }), (o) => `${String(o.security_group_id)}_ingress_tcp_8000_8080_10.0.3.0/24_10.0.4.0/24`, ["security_group_rule_id"]],
  ["self_rule", "aws_security_group_rule", () => ({ type: "egress", security_group_id: made.sg!.id, protocol: "tcp", from_port: 5432, to_port: 5432, self: true }), (o) => `${String(o.security_group_id)}_egress_tcp_5432_5432_self`, ["security_group_rule_id"]],
  ["egress", "aws_vpc_security_group_egress_rule", () => ({ security_group_id: made.sg!.id, cidr_ipv4: "0.0.0.0/0", ip_protocol: "-1" }), (o) => String(o.id), []],
  ["keypair", "aws_key_pair", () => ({ key_name: "imp", public_key: readFileSync(join(repoRoot, "examples/quickstart/admin.pub"), "utf8") }), (o) => String(o.key_name), []],
  ["instance", "aws_instance", () => ({ ami: ami(), instance_type: "t3.micro", subnet_id: made.subnet!.id, user_data: "#!/bin/sh\n", tags: { Name: "imp" } }), (o) => String(o.id), []],
  ["volume", "aws_ebs_volume", () => ({ availability_zone: "us-east-1a", size: 2 }), (o) => String(o.id), []],
  ["attachment", "aws_volume_attachment", () => ({ device_name: "/dev/sdh", volume_id: made.volume!.id, instance_id: made.instance!.id }), (o) => `/dev/sdh:${String(o.volume_id)}:${String(o.instance_id)}`, []],
  ["snapshot", "aws_ebs_snapshot", () => ({ volume_id: made.volume!.id }), (o) => String(o.id), []],
  ["bucket", "aws_s3_bucket", () => ({ bucket: "tfsim-import-test" }), (o) => String(o.id), []],
  ["object", "aws_s3_object", () => ({ bucket: "tfsim-import-test", key: "a/b.txt", content: "hi" }), (o) => `${String(o.bucket)}/${String(o.key)}`, ["content"]],
  ["bucket_policy", "aws_s3_bucket_policy", () => ({ bucket: "tfsim-import-test", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::tfsim-import-test/*" }] }) }), (o) => String(o.bucket), []],
  ["website", "aws_s3_bucket_website_configuration", () => ({ bucket: "tfsim-import-test", index_document: [{ suffix: "index.html" }] }), (o) => String(o.bucket), []],
  ["versioning", "aws_s3_bucket_versioning", () => ({ bucket: "tfsim-import-test", versioning_configuration: [{ status: "Enabled" }] }), (o) => String(o.bucket), []],
  ["pab", "aws_s3_bucket_public_access_block", () => ({ bucket: "tfsim-import-test", block_public_acls: true }), (o) => String(o.bucket), []],
  ["user", "aws_iam_user", () => ({ name: "imp-user", path: "/imp/" }), (o) => String(o.name), []],
  ["group", "aws_iam_group", () => ({ name: "imp-group" }), (o) => String(o.name), []],
  ["membership", "aws_iam_user_group_membership", () => ({ user: "imp-user", groups: ["imp-group"] }), (o) => `${String(o.user)}/imp-group`, ["id"]],
  ["key", "aws_iam_access_key", () => ({ user: "imp-user" }), (o) => String(o.id), ["secret", "ses_smtp_password_v4"]],
  ["role", "aws_iam_role", () => ({ name: "imp-role", assume_role_policy: trust }), (o) => String(o.name), []],
  ["policy", "aws_iam_policy", () => ({ name: "imp-policy", policy }), (o) => String(o.arn), []],
  ["role_policy", "aws_iam_role_policy", () => ({ role: "imp-role", name: "inline", policy }), (o) => `imp-role:inline`, []],
  ["user_policy", "aws_iam_user_policy", () => ({ user: "imp-user", name: "inline", policy }), () => `imp-user:inline`, []],
  ["group_policy", "aws_iam_group_policy", () => ({ group: "imp-group", name: "inline", policy }), () => `imp-group:inline`, []],
  ["role_attach", "aws_iam_role_policy_attachment", () => ({ role: "imp-role", policy_arn: made.policy!.arn }), (o) => `imp-role/${String(o.policy_arn)}`, ["id"]],
  ["user_attach", "aws_iam_user_policy_attachment", () => ({ user: "imp-user", policy_arn: made.policy!.arn }), (o) => `imp-user/${String(o.policy_arn)}`, ["id"]],
  ["group_attach", "aws_iam_group_policy_attachment", () => ({ group: "imp-group", policy_arn: made.policy!.arn }), (o) => `imp-group/${String(o.policy_arn)}`, ["id"]],
  ["profile", "aws_iam_instance_profile", () => ({ name: "imp-profile", role: "imp-role" }), (o) => String(o.name), []],
];

describe("import by id", () => {
  for (const [key, type, cfg, importId, unknowable] of cases) {
    it(`${type} (${key}) by ${importId.toString().replace(/^\(o?\) => /, "")}`, async () => {
      const c = cfg();
      const created = await h.apply(type, h.nullState(type), c);
      expect(created.errors).toEqual([]);
      made[key] = created.obj!;
      const imported = await h.importId(type, importId(created.obj!));
      expect(imported.errors).toEqual([]);
      const strip = (o: Obj) => Object.fromEntries(Object.entries(o).filter(([k]) => !unknowable.includes(k)));
      const got = strip(imported.obj!);
      const want = strip(created.obj!);
      // What the configuration alone decides and AWS does not return is in the plan, not the import.
      for (const k of Object.keys(want)) if (got[k] === null && want[k] !== null && k in c) got[k] = want[k];
      expect(got).toEqual(want);
      const again = await h.plan(type, imported.state, c);
      expect(again.errors).toEqual([]);
      expect(again.replace).toEqual([]);
    });
  }
});
