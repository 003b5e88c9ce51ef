// EC2 in process over a real store: each rule of the service with AWS's codes and wording.
import Database from "better-sqlite3";
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestCloud, type TestCloud } from "../core/helpers.js";

let t: TestCloud;
beforeEach(() => {
  t = openTestCloud();
});
afterEach(() => t.close());

type Obj = Record<string, unknown>;
const ec2 = (action: string, params: Obj = {}): Obj => t.ok("ec2", action, params);
const ec2Fail = (action: string, params: Obj = {}) => t.fail("ec2", action, params);

function amazonLinux(arch = "x86_64"): string {
  const imgs = ec2("DescribeImages", { Owners: ["amazon"], Filters: [{ Name: "name", Values: ["al2023-ami-*"] }, { Name: "architecture", Values: [arch] }] }).Images as Obj[];
  return imgs[0]!.ImageId as string;
}

function run(params: Obj = {}): Obj[] {
  return ec2("RunInstances", { ImageId: amazonLinux(), InstanceType: "t3.micro", MinCount: 1, MaxCount: 1, ...params }).Instances as Obj[];
}

function state(id: string): string {
  const r = ec2("DescribeInstances", { InstanceIds: [id] }).Reservations as { Instances: { State: { Name: string } }[] }[];
  return r[0]!.Instances[0]!.State.Name;
}

describe("regions and defaults", () => {
  it("lists enabled regions, all with AllRegions, and the region's zones", () => {
    const names = (ec2("DescribeRegions").Regions as Obj[]).map((r) => r.RegionName);
    expect(names).toContain("us-east-1");
    expect(names).not.toContain("af-south-1");
    const all = ec2("DescribeRegions", { AllRegions: true }).Regions as Obj[];
    expect(all.find((r) => r.RegionName === "af-south-1")).toMatchObject({ OptInStatus: "not-opted-in" });
    expect((ec2("DescribeRegions", { Filters: [{ Name: "region-name", Values: ["eu-*"] }] }).Regions as Obj[]).every((r) => String(r.RegionName).startsWith("eu-"))).toBe(true);
    const zones = (ec2("DescribeAvailabilityZones").AvailabilityZones as Obj[]).map((z) => z.ZoneName);
    expect(zones).toEqual(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]);
  });

  it("answers MissingParameter for a required member, before authorization", () => {
    expect(ec2Fail("AttachVolume", { VolumeId: "vol-0123456789abcdef0", InstanceId: "i-0123456789abcdef0" })).toMatchObject({
      code: "MissingParameter",
      message: "The request must contain the parameter Device",
    });
    expect(ec2Fail("TerminateInstances", { InstanceIds: [] }).code).toBe("MissingParameter");
  });

  it("refuses an unknown region", () => {
    const r = t.cloud.call({ credentials: t.root, authenticatedBy: "secret", region: "mars-1", service: "ec2", action: "DescribeVpcs", params: {} });
    expect(r.ok).toBe(false);
  });

  it("gives each region a default VPC, a default subnet per zone and a default security group", () => {
    const vpcs = ec2("DescribeVpcs", { Filters: [{ Name: "is-default", Values: ["true"] }] }).Vpcs as Obj[];
    expect(vpcs).toHaveLength(1);
    expect(vpcs[0]).toMatchObject({ CidrBlock: "172.31.0.0/16", IsDefault: true, State: "available" });
    // The member's own name works as a filter too, as Terraform's aws_vpc data source (default = true) sends it.
    expect(ec2("DescribeVpcs", { Filters: [{ Name: "isDefault", Values: ["true"] }] }).Vpcs).toEqual(vpcs);
    const subnets = ec2("DescribeSubnets", { Filters: [{ Name: "default-for-az", Values: ["true"] }] }).Subnets as Obj[];
    expect(subnets.map((s) => s.CidrBlock)).toEqual(["172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20", "172.31.48.0/20", "172.31.64.0/20", "172.31.80.0/20"]);
    expect(subnets.every((s) => s.MapPublicIpOnLaunch === true && s.VpcId === vpcs[0]!.VpcId)).toBe(true);
    const sgs = ec2("DescribeSecurityGroups", { Filters: [{ Name: "group-name", Values: ["default"] }] }).SecurityGroups as Obj[];
    expect(sgs).toHaveLength(1);
    expect(sgs[0]!.IpPermissionsEgress).toEqual([{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] }]);
    expect((sgs[0]!.IpPermissions as { UserIdGroupPairs: Obj[] }[])[0]!.UserIdGroupPairs[0]).toMatchObject({ GroupId: sgs[0]!.GroupId });
  });
});

describe("VPCs and subnets", () => {
  it("checks subnet CIDRs and zones, pages, and refuses to delete a VPC in use", () => {
    const vpc = (ec2("CreateVpc", { CidrBlock: "10.0.0.0/16" }).Vpc as Obj).VpcId as string;
    expect(ec2Fail("CreateSubnet", { VpcId: vpc, CidrBlock: "10.1.0.0/24" }).code).toBe("InvalidSubnet.Range");
    expect(ec2Fail("CreateSubnet", { VpcId: vpc, CidrBlock: "10.0.0.0/29" }).code).toBe("InvalidSubnet.Range");
    const s1 = (ec2("CreateSubnet", { VpcId: vpc, CidrBlock: "10.0.1.0/24", AvailabilityZone: "us-east-1b" }).Subnet as Obj).SubnetId as string;
    expect(ec2Fail("CreateSubnet", { VpcId: vpc, CidrBlock: "10.0.1.128/25" }).code).toBe("InvalidSubnet.Conflict");
    expect(ec2Fail("CreateSubnet", { VpcId: vpc, CidrBlock: "10.0.2.0/24", AvailabilityZone: "us-west-2a" }).code).toBe("InvalidParameterValue");
    expect(ec2Fail("CreateVpc", { CidrBlock: "10.0.0.0/8" }).code).toBe("InvalidVpc.Range");
    expect(ec2Fail("DeleteVpc", { VpcId: vpc })).toMatchObject({ code: "DependencyViolation", message: `The vpc '${vpc}' has dependencies and cannot be deleted.` });
    const p1 = ec2("DescribeSubnets", { MaxResults: 5 });
    expect((p1.Subnets as Obj[]).length).toBe(5);
    const p2 = ec2("DescribeSubnets", { MaxResults: 5, NextToken: p1.NextToken });
    expect((p2.Subnets as Obj[]).map((s) => s.SubnetId)).toContain(s1);
    expect((p1.Subnets as Obj[]).length + (p2.Subnets as Obj[]).length).toBe(7);
    expect(p2.NextToken).toBeUndefined();
    ec2("ModifySubnetAttribute", { SubnetId: s1, MapPublicIpOnLaunch: { Value: true } });
    expect((ec2("DescribeSubnets", { SubnetIds: [s1] }).Subnets as Obj[])[0]).toMatchObject({ MapPublicIpOnLaunch: true, AvailabilityZone: "us-east-1b" });
    expect(ec2("DescribeVpcAttribute", { VpcId: vpc, Attribute: "enableDnsHostnames" }).EnableDnsHostnames).toEqual({ Value: false });
    ec2("ModifyVpcAttribute", { VpcId: vpc, EnableDnsHostnames: { Value: true } });
    expect(ec2("DescribeVpcAttribute", { VpcId: vpc, Attribute: "enableDnsHostnames" }).EnableDnsHostnames).toEqual({ Value: true });
    ec2("DeleteSubnet", { SubnetId: s1 });
    ec2("DeleteVpc", { VpcId: vpc });
    expect(ec2Fail("DescribeVpcs", { VpcIds: [vpc] }).code).toBe("InvalidVpcID.NotFound");
  });
});

describe("images", () => {
  it("finds catalog images by owner alias and name wildcard, and names malformed and missing ids", () => {
    const imgs = ec2("DescribeImages", { Owners: ["amazon"], Filters: [{ Name: "name", Values: ["al2023-ami-*-arm64"] }] }).Images as Obj[];
    expect(imgs.length).toBeGreaterThan(0);
    expect(imgs.every((i) => i.Architecture === "arm64" && i.ImageOwnerAlias === "amazon" && i.RootDeviceType === "ebs")).toBe(true);
    expect(ec2Fail("DescribeImages", { ImageIds: ["ami-xyz"] })).toMatchObject({ code: "InvalidAMIID.Malformed" });
    expect(ec2Fail("DescribeImages", { ImageIds: ["ami-0123456789abcdef0"] })).toMatchObject({ code: "InvalidAMIID.NotFound", message: "The image id '[ami-0123456789abcdef0]' does not exist" });
    const ubuntu = ec2("DescribeImages", { Owners: ["099720109477"] }).Images as Obj[];
    expect(ubuntu.every((i) => i.OwnerId === "099720109477")).toBe(true);
    expect((ec2("DescribeImages", { Owners: ["self"] }).Images as Obj[]).length).toBe(0);
  });
});

describe("instance types", () => {
  it("describes catalog types with their vCPUs and architectures", () => {
    const t3 = (ec2("DescribeInstanceTypes", { InstanceTypes: ["t3.micro"] }).InstanceTypes as Obj[])[0]!;
    expect(t3).toMatchObject({ InstanceType: "t3.micro", VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 1024 }, ProcessorInfo: { SupportedArchitectures: ["x86_64"] } });
    const arm = ec2("DescribeInstanceTypes", { Filters: [{ Name: "processor-info.supported-architecture", Values: ["arm64"] }] }).InstanceTypes as Obj[];
    expect(arm.length).toBeGreaterThan(0);
    expect(ec2Fail("DescribeInstanceTypes", { InstanceTypes: ["t9.huge"] }).code).toBe("InvalidParameterValue");
  });
});

describe("key pairs", () => {
  it("creates real RSA and ED25519 keys, refuses duplicates, imports with AWS's fingerprints", () => {
    const rsa = ec2("CreateKeyPair", { KeyName: "a" });
    expect(rsa.KeyMaterial).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(rsa.KeyFingerprint).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    const ed = ec2("CreateKeyPair", { KeyName: "b", KeyType: "ed25519" });
    expect(ed.KeyMaterial).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(ec2Fail("CreateKeyPair", { KeyName: "a" })).toMatchObject({ code: "InvalidKeyPair.Duplicate", message: "The keypair 'a' already exists." });
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = publicKey.export({ format: "jwk" });
    const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, (b.length >> 8) & 255, b.length & 255]), b]);
    const mp = (b: Buffer) => str(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
    const blob = Buffer.concat([str(Buffer.from("ssh-rsa")), mp(Buffer.from(jwk.e!, "base64url")), mp(Buffer.from(jwk.n!, "base64url"))]);
    const imported = ec2("ImportKeyPair", { KeyName: "c", PublicKeyMaterial: Buffer.from(`ssh-rsa ${blob.toString("base64")} me@host`) });
    const md5 = createHash("md5").update(publicKey.export({ type: "spki", format: "der" })).digest("hex").replace(/(..)(?!$)/g, "$1:");
    expect(imported.KeyFingerprint).toBe(md5);
    expect(ec2Fail("ImportKeyPair", { KeyName: "d", PublicKeyMaterial: Buffer.from("not a key") }).code).toBe("InvalidKeyPair.Format");
    const edKey = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
    const edBlob = Buffer.concat([str(Buffer.from("ssh-ed25519")), str(Buffer.from(edKey.x!, "base64url"))]);
    const edImported = ec2("ImportKeyPair", { KeyName: "e", PublicKeyMaterial: Buffer.from(`ssh-ed25519 ${edBlob.toString("base64")}`) });
    expect(edImported.KeyFingerprint).toBe(createHash("sha256").update(edBlob).digest("base64"));
    ec2("DeleteKeyPair", { KeyName: "e" });
    expect((ec2("DescribeKeyPairs").KeyPairs as Obj[]).map((k) => k.KeyName)).toEqual(["a", "b", "c"]);
    expect(ec2Fail("DescribeKeyPairs", { KeyNames: ["zz"] })).toMatchObject({ code: "InvalidKeyPair.NotFound", message: "The key pair 'zz' does not exist" });
    ec2("DeleteKeyPair", { KeyName: "a" });
    expect((ec2("DescribeKeyPairs").KeyPairs as Obj[]).map((k) => k.KeyName)).toEqual(["b", "c"]);
  });
});

describe("security groups", () => {
  it("authorizes and revokes rules with sgr ids, duplicates and the per-direction limit", () => {
    const g = ec2("CreateSecurityGroup", { GroupName: "web", Description: "web" }).GroupId as string;
    expect(ec2Fail("CreateSecurityGroup", { GroupName: "web", Description: "again" }).code).toBe("InvalidGroup.Duplicate");
    const perm = { IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "https" }] };
    const added = ec2("AuthorizeSecurityGroupIngress", { GroupId: g, IpPermissions: [perm] }).SecurityGroupRules as Obj[];
    expect(added[0]).toMatchObject({ GroupId: g, IsEgress: false, IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIpv4: "0.0.0.0/0", Description: "https" });
    expect(added[0]!.SecurityGroupRuleId).toMatch(/^sgr-[0-9a-f]{17}$/);
    expect(ec2Fail("AuthorizeSecurityGroupIngress", { GroupId: g, IpPermissions: [perm] })).toMatchObject({
      code: "InvalidPermission.Duplicate",
      message: 'the specified rule "peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW" already exists',
    });
    expect(ec2Fail("AuthorizeSecurityGroupIngress", { GroupId: g, IpPermissions: [{ IpProtocol: "tcp", FromPort: 90, ToPort: 80, IpRanges: [{ CidrIp: "1.2.3.4/32" }] }] }).code).toBe("InvalidParameterValue");
    expect(ec2Fail("AuthorizeSecurityGroupIngress", { GroupId: g, IpPermissions: [{ IpProtocol: "bogus", IpRanges: [{ CidrIp: "1.2.3.4/32" }] }] }).code).toBe("InvalidParameterValue");
    const many = Array.from({ length: 59 }, (_, i) => ({ IpProtocol: "tcp", FromPort: 1000 + i, ToPort: 1000 + i, IpRanges: [{ CidrIp: "10.0.0.0/8" }] }));
    ec2("AuthorizeSecurityGroupIngress", { GroupId: g, IpPermissions: many });
    expect(ec2Fail("AuthorizeSecurityGroupIngress", { GroupId: g, IpPermissions: [{ IpProtocol: "udp", FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: "10.0.0.0/8" }] }] }).code).toBe(
      "RulesPerSecurityGroupLimitExceeded",
    );
    const rules = ec2("DescribeSecurityGroupRules", { Filters: [{ Name: "group-id", Values: [g] }] }).SecurityGroupRules as Obj[];
    expect(rules.filter((r) => r.IsEgress === false)).toHaveLength(60);
    expect(rules.filter((r) => r.IsEgress === true)).toHaveLength(1);
    ec2("RevokeSecurityGroupIngress", { GroupId: g, IpPermissions: [perm] });
    expect(ec2Fail("RevokeSecurityGroupIngress", { GroupId: g, IpPermissions: [perm] }).code).toBe("InvalidPermission.NotFound");
    ec2("UpdateSecurityGroupRuleDescriptionsIngress", { GroupId: g, SecurityGroupRuleDescriptions: [{ SecurityGroupRuleId: rules[1]!.SecurityGroupRuleId, Description: "new" }] });
    const after = ec2("DescribeSecurityGroupRules", { SecurityGroupRuleIds: [rules[1]!.SecurityGroupRuleId] }).SecurityGroupRules as Obj[];
    expect(after[0]!.Description).toBe("new");
    expect(ec2Fail("DescribeSecurityGroups", { GroupIds: ["sg-0123456789abcdef0"] }).code).toBe("InvalidGroup.NotFound");
  });

  it("modifies a rule in place by its id and authorizes egress with group peers", () => {
    const g = ec2("CreateSecurityGroup", { GroupName: "db", Description: "db" }).GroupId as string;
    const app = ec2("CreateSecurityGroup", { GroupName: "app2", Description: "app" }).GroupId as string;
    const [r] = ec2("AuthorizeSecurityGroupIngress", { GroupId: g, IpPermissions: [{ IpProtocol: "tcp", FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: app }] }] })
      .SecurityGroupRules as Obj[];
    expect(r).toMatchObject({ ReferencedGroupInfo: { GroupId: app } });
    expect(ec2Fail("DeleteSecurityGroup", { GroupId: app }).code).toBe("DependencyViolation");
    ec2("ModifySecurityGroupRules", { GroupId: g, SecurityGroupRules: [{ SecurityGroupRuleId: r!.SecurityGroupRuleId, SecurityGroupRule: { IpProtocol: "tcp", FromPort: 6432, ToPort: 6432, CidrIpv4: "10.1.0.0/16", Description: "pgbouncer" } }] });
    const [after] = ec2("DescribeSecurityGroupRules", { SecurityGroupRuleIds: [r!.SecurityGroupRuleId] }).SecurityGroupRules as Obj[];
    expect(after).toMatchObject({ FromPort: 6432, ToPort: 6432, CidrIpv4: "10.1.0.0/16", Description: "pgbouncer" });
    expect(after!.ReferencedGroupInfo).toBeUndefined();
    const [e] = ec2("AuthorizeSecurityGroupEgress", { GroupId: app, IpPermissions: [{ IpProtocol: "icmp", FromPort: 8, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: "::/0" }] }] }).SecurityGroupRules as Obj[];
    expect(e).toMatchObject({ IsEgress: true, IpProtocol: "icmp", FromPort: 8, ToPort: -1, CidrIpv6: "::/0" });
    ec2("DeleteSecurityGroup", { GroupId: app });
  });

  it("refuses to delete a group in use or the default group", () => {
    const g = ec2("CreateSecurityGroup", { GroupName: "app", Description: "app" }).GroupId as string;
    const [i] = run({ SecurityGroupIds: [g] });
    expect(ec2Fail("DeleteSecurityGroup", { GroupId: g })).toMatchObject({ code: "DependencyViolation", message: `resource ${g} has a dependent object` });
    const def = (ec2("DescribeSecurityGroups", { GroupNames: ["default"] }).SecurityGroups as Obj[])[0]!.GroupId as string;
    expect(ec2Fail("DeleteSecurityGroup", { GroupId: def }).code).toBe("CannotDelete");
    ec2("TerminateInstances", { InstanceIds: [i!.InstanceId] });
    ec2("DeleteSecurityGroup", { GroupId: g });
  });
});

describe("instances", () => {
  it("launch in a default subnet with a private and a public IP, a root volume and tags", () => {
    ec2("CreateKeyPair", { KeyName: "k" });
    const [i] = run({ KeyName: "k", TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "Name", Value: "web" }] }] });
    expect(i).toMatchObject({ State: { Code: 0, Name: "pending" }, InstanceType: "t3.micro", KeyName: "k", Architecture: "x86_64", Tags: [{ Key: "Name", Value: "web" }] });
    expect(i!.InstanceId).toMatch(/^i-0[0-9a-f]{16}$/);
    expect(i!.PrivateIpAddress).toMatch(/^172\.31\.\d+\.\d+$/);
    expect(i!.PublicIpAddress).toBeDefined();
    expect(state(i!.InstanceId as string)).toBe("running");
    const root = (i!.BlockDeviceMappings as { Ebs: { VolumeId: string } }[])[0]!.Ebs.VolumeId;
    const vol = (ec2("DescribeVolumes", { VolumeIds: [root] }).Volumes as Obj[])[0]!;
    expect(vol).toMatchObject({ State: "in-use", Size: 8, AvailabilityZone: i!.Placement && (i!.Placement as Obj).AvailabilityZone });
    ec2("TerminateInstances", { InstanceIds: [i!.InstanceId] });
    expect(state(i!.InstanceId as string)).toBe("terminated");
    expect(ec2Fail("DescribeVolumes", { VolumeIds: [root] }).code).toBe("InvalidVolume.NotFound");
  });

  it("check type, architecture, counts, key pair, groups of the subnet's VPC, user data and block devices", () => {
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), InstanceType: "t9.huge", MinCount: 1, MaxCount: 1 }).message).toBe("Invalid value 't9.huge' for InstanceType.");
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux("arm64"), InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }).message).toMatch(
      /^The architecture 'x86_64' of the specified instance type does not match the architecture 'arm64' of the specified AMI/,
    );
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), MinCount: 0, MaxCount: 1 }).code).toBe("InvalidParameterValue");
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1, KeyName: "nope" })).toMatchObject({ code: "InvalidKeyPair.NotFound", message: "The key pair 'nope' does not exist" });
    const vpc = (ec2("CreateVpc", { CidrBlock: "10.0.0.0/16" }).Vpc as Obj).VpcId as string;
    const other = ec2("CreateSecurityGroup", { GroupName: "x", Description: "x", VpcId: vpc }).GroupId as string;
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1, SecurityGroupIds: [other] }).code).toBe("InvalidParameter");
    const big = Buffer.alloc(16385, 97).toString("base64");
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1, UserData: big }).message).toBe("User data is limited to 16384 bytes");
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1, BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: 4 } }] }).code).toBe("InvalidBlockDeviceMapping");
    expect(ec2Fail("RunInstances", { ImageId: "ami-0123456789abcdef0", MinCount: 1, MaxCount: 1 }).code).toBe("InvalidAMIID.NotFound");
  });

  it("launch MaxCount within the vCPU quota and refuse MinCount beyond it", () => {
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), InstanceType: "t3.micro", MinCount: 17, MaxCount: 17 }).code).toBe("VcpuLimitExceeded");
    expect(run({ MinCount: 1, MaxCount: 20 })).toHaveLength(16);
  });

  it("count the vCPUs launched and terminated through another connection to the same store", () => {
    // The quota's view of the instances is kept between calls; another process's commits must still count.
    const other = openTestCloud({ home: t.home });
    try {
      const otherRun = (n: number): Obj[] => (other.ok("ec2", "RunInstances", { ImageId: amazonLinux(), InstanceType: "t3.micro", MinCount: n, MaxCount: n }).Instances as Obj[]);
      expect(run({ MinCount: 10, MaxCount: 10 })).toHaveLength(10);
      const theirs = otherRun(6);
      expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }).code).toBe("VcpuLimitExceeded");
      other.ok("ec2", "TerminateInstances", { InstanceIds: theirs.map((i) => i.InstanceId) });
      expect(run({ MinCount: 1, MaxCount: 20 })).toHaveLength(6);
      expect(other.fail("ec2", "RunInstances", { ImageId: amazonLinux(), InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }).code).toBe("VcpuLimitExceeded");
    } finally {
      other.close();
    }
  });

  it("are idempotent by ClientToken", () => {
    const a = ec2("RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1, ClientToken: "tok" });
    const b = ec2("RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1, ClientToken: "tok" });
    expect(b.ReservationId).toBe(a.ReservationId);
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), MinCount: 2, MaxCount: 2, ClientToken: "tok" }).code).toBe("IdempotentParameterMismatch");
  });

  it("CreateVolume is idempotent by ClientToken too (a token of RunInstances is another request's)", () => {
    const a = ec2("CreateVolume", { AvailabilityZone: "us-east-1a", Size: 8, ClientToken: "tok" });
    const b = ec2("CreateVolume", { AvailabilityZone: "us-east-1a", Size: 8, ClientToken: "tok" });
    expect(b.VolumeId).toBe(a.VolumeId);
    expect(ec2Fail("CreateVolume", { AvailabilityZone: "us-east-1a", Size: 9, ClientToken: "tok" }).code).toBe("IdempotentParameterMismatch");
    expect(ec2("CreateVolume", { AvailabilityZone: "us-east-1a", Size: 8, ClientToken: "other" }).VolumeId).not.toBe(a.VolumeId);
    expect(ec2("RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1, ClientToken: "tok" }).ReservationId).toBeDefined();
    // A refused call leaves its token unclaimed; a token whose volume was deleted makes a new one.
    expect(ec2Fail("CreateVolume", { AvailabilityZone: "us-east-1z", Size: 8, ClientToken: "later" }).code).toBe("InvalidZone.NotFound");
    const later = ec2("CreateVolume", { AvailabilityZone: "us-east-1b", Size: 8, ClientToken: "later" }).VolumeId as string;
    ec2("DeleteVolume", { VolumeId: later });
    const again = ec2("CreateVolume", { AvailabilityZone: "us-east-1b", Size: 8, ClientToken: "later" }).VolumeId as string;
    expect(again).not.toBe(later);
    expect(ec2("CreateVolume", { AvailabilityZone: "us-east-1b", Size: 8, ClientToken: "later" }).VolumeId).toBe(again);
  });

  it("follow the state machine and its IncorrectInstanceState errors", () => {
    const id = run()[0]!.InstanceId as string;
    expect((ec2("StartInstances", { InstanceIds: [id] }).StartingInstances as Obj[])[0]).toMatchObject({ CurrentState: { Name: "running" } });
    expect(ec2Fail("ModifyInstanceAttribute", { InstanceId: id, InstanceType: { Value: "t3.small" } })).toMatchObject({ code: "IncorrectInstanceState" });
    expect((ec2("StopInstances", { InstanceIds: [id] }).StoppingInstances as Obj[])[0]).toMatchObject({ CurrentState: { Name: "stopping" }, PreviousState: { Name: "running" } });
    expect(state(id)).toBe("stopped");
    ec2("ModifyInstanceAttribute", { InstanceId: id, InstanceType: { Value: "t3.small" } });
    expect(ec2("DescribeInstanceAttribute", { InstanceId: id, Attribute: "instanceType" }).InstanceType).toEqual({ Value: "t3.small" });
    expect(ec2Fail("RebootInstances", { InstanceIds: [id] }).code).toBe("IncorrectInstanceState");
    ec2("StartInstances", { InstanceIds: [id] });
    expect(state(id)).toBe("running");
    ec2("ModifyInstanceAttribute", { InstanceId: id, DisableApiTermination: { Value: true } });
    expect(ec2Fail("TerminateInstances", { InstanceIds: [id] }).code).toBe("OperationNotPermitted");
    ec2("ModifyInstanceAttribute", { InstanceId: id, DisableApiTermination: { Value: false } });
    ec2("TerminateInstances", { InstanceIds: [id] });
    expect(ec2Fail("StartInstances", { InstanceIds: [id] }).code).toBe("IncorrectInstanceState");
    expect(ec2Fail("DescribeInstances", { InstanceIds: ["i-0123456789abcdef0"] })).toMatchObject({ code: "InvalidInstanceID.NotFound", message: "The instance ID 'i-0123456789abcdef0' does not exist" });
  });

  it("describe with filters and pages", () => {
    run({ MinCount: 3, MaxCount: 3, TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "env", Value: "prod" }] }] });
    run({ InstanceType: "t3.small", Placement: { AvailabilityZone: "us-east-1c" } });
    const res = (p: Obj) => (ec2("DescribeInstances", p).Reservations as { Instances: Obj[] }[]).flatMap((r) => r.Instances);
    expect(res({ Filters: [{ Name: "tag:env", Values: ["prod"] }] })).toHaveLength(3);
    expect(res({ Filters: [{ Name: "instance-type", Values: ["t3.small"] }] })[0]).toMatchObject({ Placement: { AvailabilityZone: "us-east-1c" } });
    expect(res({ Filters: [{ Name: "instance-state-name", Values: ["running"] }, { Name: "availability-zone", Values: ["us-east-1a"] }] })).toHaveLength(3);
    const p1 = ec2("DescribeInstances", { MaxResults: 5 });
    expect(p1.NextToken).toBeUndefined();
    const a = ec2("DescribeInstances", { MaxResults: 5, Filters: [{ Name: "instance-state-name", Values: ["running"] }] });
    expect((a.Reservations as { Instances: Obj[] }[]).flatMap((r) => r.Instances)).toHaveLength(4);
    const statuses = ec2("DescribeInstanceStatus").InstanceStatuses as Obj[];
    expect(statuses).toHaveLength(4);
    expect(statuses[0]).toMatchObject({ InstanceState: { Name: "running" }, InstanceStatus: { Status: "ok" } });
  });
});

describe("network interfaces", () => {
  it("lists each live instance's primary interface, by id and by filter, until the instance terminates", () => {
    const g = ec2("CreateSecurityGroup", { GroupName: "app", Description: "app" }).GroupId as string;
    const [a] = run({ SecurityGroupIds: [g] });
    const [b] = run();
    const eniOf = (i: Obj) => ((i.NetworkInterfaces as Obj[])[0]!.NetworkInterfaceId as string);
    const all = ec2("DescribeNetworkInterfaces").NetworkInterfaces as Obj[];
    expect(all.map((n) => n.NetworkInterfaceId)).toEqual([eniOf(a!), eniOf(b!)]);
    expect(all[0]).toMatchObject({
      Attachment: { InstanceId: a!.InstanceId, DeviceIndex: 0, Status: "attached", DeleteOnTermination: true, InstanceOwnerId: t.cloud.accountId },
      AvailabilityZone: (a!.Placement as Obj).AvailabilityZone,
      Groups: [{ GroupId: g, GroupName: "app" }],
      PrivateIpAddress: a!.PrivateIpAddress,
      SubnetId: a!.SubnetId,
      VpcId: a!.VpcId,
      Status: "in-use",
      InterfaceType: "interface",
      OwnerId: t.cloud.accountId,
    });
    // What Terraform's AWS provider asks before it deletes a security group.
    const inGroup = ec2("DescribeNetworkInterfaces", { Filters: [{ Name: "group-id", Values: [g] }] }).NetworkInterfaces as Obj[];
    expect(inGroup.map((n) => n.NetworkInterfaceId)).toEqual([eniOf(a!)]);
    const byInstance = ec2("DescribeNetworkInterfaces", { Filters: [{ Name: "attachment.instance-id", Values: [b!.InstanceId as string] }] }).NetworkInterfaces as Obj[];
    expect(byInstance.map((n) => n.NetworkInterfaceId)).toEqual([eniOf(b!)]);
    expect((ec2("DescribeNetworkInterfaces", { NetworkInterfaceIds: [eniOf(b!)] }).NetworkInterfaces as Obj[])).toHaveLength(1);
    expect(ec2Fail("DescribeNetworkInterfaces", { NetworkInterfaceIds: ["eni-0123456789abcdef0"] })).toMatchObject({
      code: "InvalidNetworkInterfaceID.NotFound",
      message: "The networkInterface ID 'eni-0123456789abcdef0' does not exist",
    });
    expect(ec2Fail("DescribeNetworkInterfaces", { Filters: [{ Name: "no-such-filter", Values: ["x"] }] }).code).toBe("InvalidParameterValue");
    ec2("TerminateInstances", { InstanceIds: [a!.InstanceId] });
    expect((ec2("DescribeNetworkInterfaces").NetworkInterfaces as Obj[]).map((n) => n.NetworkInterfaceId)).toEqual([eniOf(b!)]);
    expect(ec2("DescribeNetworkInterfaces", { Filters: [{ Name: "group-id", Values: [g] }] }).NetworkInterfaces).toEqual([]);
  });
});

describe("what Terraform's AWS provider asks of an instance", () => {
  it("takes an empty Placement zone with a subnet as no zone, as EC2 does", () => {
    const subnet = (ec2("DescribeSubnets", { Filters: [{ Name: "availability-zone", Values: ["us-east-1b"] }] }).Subnets as Obj[])[0]!;
    const [i] = run({ SubnetId: subnet.SubnetId, Placement: { AvailabilityZone: "" } });
    expect((i!.Placement as Obj).AvailabilityZone).toBe("us-east-1b");
    expect(ec2Fail("RunInstances", { ImageId: amazonLinux(), InstanceType: "t3.micro", MinCount: 1, MaxCount: 1, SubnetId: subnet.SubnetId, Placement: { AvailabilityZone: "us-east-1c" } }).code).toBe(
      "InvalidParameterValue",
    );
  });

  it("describes the CPU credit option of burstable instances: T2 standard, later T families unlimited", () => {
    const [t2] = run({ InstanceType: "t2.micro" });
    const [t3] = run({ InstanceType: "t3.micro" });
    const [m5] = run({ InstanceType: "m5.large" });
    expect(ec2("DescribeInstanceCreditSpecifications", { InstanceIds: [t2!.InstanceId, t3!.InstanceId] }).InstanceCreditSpecifications).toEqual([
      { InstanceId: t2!.InstanceId, CpuCredits: "standard" },
      { InstanceId: t3!.InstanceId, CpuCredits: "unlimited" },
    ]);
    expect((ec2("DescribeInstanceCreditSpecifications").InstanceCreditSpecifications as Obj[]).map((c) => c.InstanceId)).toEqual([t2!.InstanceId, t3!.InstanceId]);
    expect(ec2Fail("DescribeInstanceCreditSpecifications", { InstanceIds: [m5!.InstanceId] })).toMatchObject({ code: "InvalidInstanceType" });
    expect(ec2Fail("DescribeInstanceCreditSpecifications", { InstanceIds: ["i-0123456789abcdef0"] }).code).toBe("InvalidInstanceID.NotFound");
  });
});

describe("volumes, snapshots and tags", () => {
  it("need a zone, check type bounds, attach only in the instance's zone, and are busy while attached", () => {
    expect(ec2Fail("CreateVolume", { Size: 10 }).code).toBe("MissingParameter");
    expect(ec2Fail("CreateVolume", { Size: 10, AvailabilityZone: "us-east-1z" }).code).toBe("InvalidZone.NotFound");
    expect(ec2Fail("CreateVolume", { Size: 10, AvailabilityZone: "us-east-1a", VolumeType: "st1" }).code).toBe("InvalidParameterValue");
    expect(ec2Fail("CreateVolume", { Size: 10, AvailabilityZone: "us-east-1a", VolumeType: "io1" }).code).toBe("MissingParameter");
    expect(ec2Fail("CreateVolume", { Size: 10, AvailabilityZone: "us-east-1a", VolumeType: "gp2", Iops: 3000 }).code).toBe("InvalidParameterCombination");
    const gp3 = ec2("CreateVolume", { Size: 10, AvailabilityZone: "us-east-1a", VolumeType: "gp3" });
    expect(gp3).toMatchObject({ State: "creating", Iops: 3000, Throughput: 125, Size: 10 });
    const inst = run({ Placement: { AvailabilityZone: "us-east-1a" } })[0]!.InstanceId as string;
    const far = ec2("CreateVolume", { Size: 10, AvailabilityZone: "us-east-1b" }).VolumeId as string;
    expect(ec2Fail("AttachVolume", { VolumeId: far, InstanceId: inst, Device: "/dev/sdf" })).toMatchObject({
      code: "InvalidVolume.ZoneMismatch",
      message: `The volume '${far}' is not in the same availability zone as instance '${inst}'`,
    });
    expect(ec2Fail("AttachVolume", { VolumeId: gp3.VolumeId, InstanceId: inst, Device: "sdf" }).code).toBe("InvalidParameterValue");
    expect(ec2("AttachVolume", { VolumeId: gp3.VolumeId, InstanceId: inst, Device: "/dev/sdf" })).toMatchObject({ State: "attaching", Device: "/dev/sdf" });
    expect((ec2("DescribeVolumes", { VolumeIds: [gp3.VolumeId] }).Volumes as Obj[])[0]).toMatchObject({ State: "in-use", Attachments: [{ State: "attached", InstanceId: inst }] });
    expect(ec2Fail("AttachVolume", { VolumeId: gp3.VolumeId, InstanceId: inst, Device: "/dev/sdg" }).code).toBe("VolumeInUse");
    expect(ec2Fail("DeleteVolume", { VolumeId: gp3.VolumeId }).code).toBe("VolumeInUse");
    expect((ec2("DescribeVolumes", { Filters: [{ Name: "attachment.instance-id", Values: [inst] }] }).Volumes as Obj[])).toHaveLength(2);
    ec2("DetachVolume", { VolumeId: gp3.VolumeId });
    const mod = ec2("ModifyVolume", { VolumeId: gp3.VolumeId, Size: 20, Iops: 4000 }).VolumeModification as Obj;
    expect(mod).toMatchObject({ TargetSize: 20, OriginalSize: 10, TargetIops: 4000, ModificationState: "modifying" });
    expect((ec2("DescribeVolumesModifications", { VolumeIds: [gp3.VolumeId] }).VolumesModifications as Obj[])[0]).toMatchObject({
      VolumeId: gp3.VolumeId,
      ModificationState: "completed",
      Progress: 100,
      TargetSize: 20,
      OriginalSize: 10,
      OriginalIops: 3000,
    });
    expect(ec2Fail("DescribeVolumesModifications", { VolumeIds: [far] }).code).toBe("InvalidVolumeModification.NotFound");
    expect(ec2Fail("ModifyVolume", { VolumeId: gp3.VolumeId, Size: 19 }).code).toBe("InvalidParameterValue");
    const snap = ec2("CreateSnapshot", { VolumeId: gp3.VolumeId, Description: "backup" });
    expect((ec2("DescribeSnapshots", { OwnerIds: ["self"] }).Snapshots as Obj[])[0]).toMatchObject({ SnapshotId: snap.SnapshotId, VolumeSize: 20, Description: "backup" });
    expect(ec2Fail("CreateVolume", { AvailabilityZone: "us-east-1a", SnapshotId: "snap-0123456789abcdef0" }).code).toBe("InvalidSnapshot.NotFound");
    expect(ec2Fail("CreateVolume", { AvailabilityZone: "us-east-1a", SnapshotId: snap.SnapshotId, Size: 10 }).code).toBe("InvalidParameterValue");
    expect(ec2("CreateVolume", { AvailabilityZone: "us-east-1a", SnapshotId: snap.SnapshotId })).toMatchObject({ Size: 20, SnapshotId: snap.SnapshotId });
    ec2("CreateTags", { Resources: [gp3.VolumeId, snap.SnapshotId, inst], Tags: [{ Key: "team", Value: "a" }] });
    const tags = ec2("DescribeTags", { Filters: [{ Name: "key", Values: ["team"] }] }).Tags as Obj[];
    expect(tags.map((x) => x.ResourceType).sort()).toEqual(["instance", "snapshot", "volume"]);
    ec2("DeleteTags", { Resources: [inst], Tags: [{ Key: "team", Value: "b" }] });
    expect((ec2("DescribeTags", { Filters: [{ Name: "resource-id", Values: [inst] }] }).Tags as Obj[])).toHaveLength(1);
    ec2("DeleteTags", { Resources: [inst], Tags: [{ Key: "team" }] });
    expect((ec2("DescribeTags", { Filters: [{ Name: "resource-id", Values: [inst] }] }).Tags as Obj[])).toHaveLength(0);
    ec2("DeleteSnapshot", { SnapshotId: snap.SnapshotId });
    ec2("DeleteVolume", { VolumeId: gp3.VolumeId });
  });
});

describe("authorization", () => {
  it("denies RunInstances to AmazonEC2ReadOnlyAccess with UnauthorizedOperation and an encoded message STS decodes", () => {
    const ro = t.user("ro", { managed: ["arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"] });
    expect(t.ok("ec2", "DescribeInstances", {}, ro)).toMatchObject({ Reservations: [] });
    const e = t.fail("ec2", "RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1 }, ro);
    expect(e.code).toBe("UnauthorizedOperation");
    expect(e.httpStatus).toBe(403);
    expect(e.message).toMatch(new RegExp(`^You are not authorized to perform this operation\\. User: arn:aws:iam::${t.cloud.accountId}:user/ro is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:${t.cloud.accountId}:instance/\\* .* Encoded authorization failure message: `));
    const encoded = e.message.split("Encoded authorization failure message: ")[1]!;
    const decoded = JSON.parse(t.ok("sts", "DecodeAuthorizationMessage", { EncodedMessage: encoded }).DecodedMessage as string) as { allowed: boolean; context: { action: string } };
    expect(decoded).toMatchObject({ allowed: false, context: { action: "ec2:RunInstances" } });
    const full = t.user("full", { managed: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"] });
    expect(t.ok("ec2", "RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1 }, full).Instances).toHaveLength(1);
  });

  it("lets a policy allow RunInstances only for t3.micro (ec2:InstanceType on the instance resource)", () => {
    const doc = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "ec2:RunInstances", Resource: "arn:aws:ec2:*:*:instance/*", Condition: { StringEquals: { "ec2:InstanceType": "t3.micro" } } },
        { Effect: "Allow", Action: "ec2:RunInstances", NotResource: "arn:aws:ec2:*:*:instance/*" },
      ],
    };
    const u = t.user("small", { inline: [doc] });
    expect(t.ok("ec2", "RunInstances", { ImageId: amazonLinux(), InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }, u).Instances).toHaveLength(1);
    expect(t.fail("ec2", "RunInstances", { ImageId: amazonLinux(), InstanceType: "t3.large", MinCount: 1, MaxCount: 1 }, u).code).toBe("UnauthorizedOperation");
  });

  it("authorizes each named instance with its tags as ec2:ResourceTag/KEY", () => {
    const dev = run({ TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "env", Value: "dev" }] }] })[0]!.InstanceId as string;
    const prod = run({ TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "env", Value: "prod" }] }] })[0]!.InstanceId as string;
    const u = t.user("devops", {
      inline: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:StopInstances", Resource: "*", Condition: { StringEquals: { "ec2:ResourceTag/env": "dev" } } }] }],
    });
    expect(t.ok("ec2", "StopInstances", { InstanceIds: [dev] }, u).StoppingInstances).toHaveLength(1);
    const e = t.fail("ec2", "StopInstances", { InstanceIds: [prod] }, u);
    expect(e.code).toBe("UnauthorizedOperation");
    expect(e.message).toContain(`on resource: arn:aws:ec2:us-east-1:${t.cloud.accountId}:instance/${prod}`);
    expect(state(prod)).toBe("running");
  });

  it("needs iam:PassRole for an instance profile's role", () => {
    t.ok("iam", "CreateRole", { RoleName: "app", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }) });
    t.ok("iam", "CreateInstanceProfile", { InstanceProfileName: "app" });
    t.ok("iam", "AddRoleToInstanceProfile", { InstanceProfileName: "app", RoleName: "app" });
    const ec2Only = t.user("ec2only", { inline: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] }] });
    const e = t.fail("ec2", "RunInstances", { ImageId: amazonLinux(), MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: "app" } }, ec2Only);
    expect(e.code).toBe("UnauthorizedOperation");
    expect(e.message).toContain("iam:PassRole");
    const [i] = run({ IamInstanceProfile: { Name: "app" } });
    expect((i!.IamInstanceProfile as Obj).Arn).toBe(`arn:aws:iam::${t.cloud.accountId}:instance-profile/app`);
  });
});

describe("store migrations", () => {
  it("keeps the client tokens of a store made before ec2_client_tokens was keyed WITHOUT ROWID", () => {
    const home = mkdtempSync(join(tmpdir(), "tfsim-ec2-migrate-"));
    try {
      const before = openTestCloud({ home });
      const made = before.ok("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: 8, ClientToken: "tok-1" }).VolumeId as string;
      before.close();
      // Back to ec2's schema version 1: the token table as a rowid table, the tokens kept.
      const db = new Database(join(home, "cloud.db"));
      db.exec(`
        CREATE TABLE ec2_client_tokens_v1 (
          region TEXT NOT NULL, token TEXT NOT NULL, params TEXT NOT NULL, reservation_id TEXT NOT NULL,
          PRIMARY KEY (region, token)
        );
        INSERT INTO ec2_client_tokens_v1 SELECT * FROM ec2_client_tokens;
        DROP TABLE ec2_client_tokens;
        ALTER TABLE ec2_client_tokens_v1 RENAME TO ec2_client_tokens;
        UPDATE schema_versions SET version = 1 WHERE service = 'ec2';
      `);
      db.close();
      const after = openTestCloud({ home });
      try {
        expect(after.ok("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: 8, ClientToken: "tok-1" }).VolumeId).toBe(made);
        expect(after.ok("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: 8, ClientToken: "tok-2" }).VolumeId).not.toBe(made);
      } finally {
        after.close();
      }
      const check = new Database(join(home, "cloud.db"), { readonly: true });
      const sql = (check.prepare("SELECT sql FROM sqlite_master WHERE name = 'ec2_client_tokens'").get() as { sql: string }).sql;
      check.close();
      expect(sql).toMatch(/WITHOUT ROWID/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("keeps every resource of a store made before the (region, kind) index was dropped, and describes each kind from the id index", () => {
    const home = mkdtempSync(join(tmpdir(), "tfsim-ec2-migrate-"));
    try {
      const before = openTestCloud({ home });
      const vols = [1, 2, 3].map((n) => before.ok("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: n, ClientToken: `v-${n}` }).VolumeId as string);
      const vpc = (before.ok("ec2", "CreateVpc", { CidrBlock: "10.1.0.0/16" }).Vpc as Obj).VpcId as string;
      const groups = (before.ok("ec2", "DescribeSecurityGroups", {}).SecurityGroups as Obj[]).map((g) => g.GroupId);
      before.close();
      // Back to ec2's schema version 2: the (region, kind) index as it was.
      const db = new Database(join(home, "cloud.db"));
      db.exec("CREATE INDEX ec2_resources_kind ON ec2_resources(region, kind); UPDATE schema_versions SET version = 2 WHERE service = 'ec2';");
      db.close();
      const after = openTestCloud({ home });
      try {
        expect((after.ok("ec2", "DescribeVolumes", {}).Volumes as Obj[]).map((v) => v.VolumeId)).toEqual(vols);
        expect((after.ok("ec2", "DescribeVpcs", {}).Vpcs as Obj[]).map((v) => v.VpcId)).toContain(vpc);
        expect((after.ok("ec2", "DescribeSecurityGroups", {}).SecurityGroups as Obj[]).map((g) => g.GroupId)).toEqual(groups);
        expect(after.ok("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: 1, ClientToken: "v-1" }).VolumeId).toBe(vols[0]);
        const more = after.ok("ec2", "CreateVolume", { AvailabilityZone: "us-east-1a", Size: 4 }).VolumeId as string;
        // Creation order, as before: the new volume last.
        expect((after.ok("ec2", "DescribeVolumes", {}).Volumes as Obj[]).map((v) => v.VolumeId)).toEqual([...vols, more]);
      } finally {
        after.close();
      }
      const check = new Database(join(home, "cloud.db"), { readonly: true });
      const indexes = (check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ec2_resources'").all() as { name: string }[]).map((r) => r.name);
      check.close();
      expect(indexes).toEqual(["sqlite_autoindex_ec2_resources_1"]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
