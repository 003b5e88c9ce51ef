// The quickstart's resources through the plugin interface, in dependency order: default VPC, a security group
// with inline rules, an instance in it, a volume in the instance's zone attached to it; a rule added outside
// tfsim shows up on the next read (drift); then everything is destroyed in reverse.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { volumeAttachmentId } from "../../../providers/aws/resources/ec2-ebs.js";
import { Harness } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = new Harness();
  await h.configure({ region: "us-east-1" });
});
afterEach(async () => h.close());

const rule = (port: number, cidr: string, description = ""): Record<string, unknown> => ({
  description,
  from_port: port,
  to_port: port,
  protocol: "tcp",
  cidr_blocks: [cidr],
  ipv6_cidr_blocks: [],
  prefix_list_ids: [],
  security_groups: [],
  self: false,
});

describe("quickstart resources", () => {
  it("security group, instance, volume, attachment; drift on the group; destroy", async () => {
    const vpc = await h.data("aws_vpc", { default: true });
    expect(vpc.errors).toEqual([]);
    const vpcId = String(vpc.obj!.id);
    const ingress = [rule(22, "10.0.0.0/8", "SSH"), rule(80, "0.0.0.0/0", "HTTP")];
    const egress = [{ ...rule(0, "0.0.0.0/0"), protocol: "-1" }];
    const sgCfg = { name: "quickstart-web", description: "web", vpc_id: vpcId, ingress, egress };
    const sg = await h.apply("aws_security_group", h.nullState("aws_security_group"), sgCfg);
    expect(sg.errors).toEqual([]);
    const sgId = String(sg.obj!.id);
    expect(sg.obj!.ingress).toEqual(expect.arrayContaining(ingress));
    expect(sg.obj!.egress).toEqual(egress);
    expect((await h.plan("aws_security_group", sg.state, sgCfg)).replace).toEqual([]);

    const ami = String((await h.data("aws_ami", { most_recent: true, owners: ["amazon"], filter: [{ name: "name", values: ["al2023-ami-*-x86_64"] }] })).obj!.id);
    const inst = await h.apply("aws_instance", h.nullState("aws_instance"), { ami, instance_type: "t3.micro", vpc_security_group_ids: [sgId] });
    expect(inst.errors).toEqual([]);
    expect(inst.obj!.vpc_security_group_ids).toEqual([sgId]);
    const az = String(inst.obj!.availability_zone);
    const vol = await h.apply("aws_ebs_volume", h.nullState("aws_ebs_volume"), { availability_zone: az, size: 20, type: "gp3" });
    expect(vol.errors).toEqual([]);
    expect(vol.obj).toMatchObject({ size: 20, type: "gp3", availability_zone: az });
    const attCfg = { device_name: "/dev/sdf", volume_id: vol.obj!.id, instance_id: inst.obj!.id };
    const att = await h.apply("aws_volume_attachment", h.nullState("aws_volume_attachment"), attCfg);
    expect(att.errors).toEqual([]);
    expect(att.obj!.id).toBe(volumeAttachmentId("/dev/sdf", String(inst.obj!.id), String(vol.obj!.id)));

    // Drift: a rule added with the API directly appears in the next read.
    const c = h.cloud();
    const added = c.call({ credentials: c.rootCredentials(), authenticatedBy: "secret", region: "us-east-1", service: "ec2", action: "AuthorizeSecurityGroupIngress", params: { GroupId: sgId, IpPermissions: [{ IpProtocol: "tcp", FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] } });
    expect(added.ok).toBe(true);
    const drifted = await h.read("aws_security_group", sg.state);
    expect(drifted.obj!.ingress).toEqual(expect.arrayContaining([rule(3306, "0.0.0.0/0")]));
    // Applying the config again revokes it in place.
    const fixed = await h.apply("aws_security_group", h.configValue("aws_security_group", drifted.obj!), sgCfg);
    expect(fixed.errors).toEqual([]);
    expect((fixed.obj!.ingress as unknown[]).length).toBe(2);

    for (const [t, s] of [
      ["aws_volume_attachment", att.state],
      ["aws_ebs_volume", vol.state],
      ["aws_instance", inst.state],
    ] as const) {
      expect((await h.apply(t, s, null)).errors).toEqual([]);
    }
  });
});
