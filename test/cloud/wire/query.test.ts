// The Query codecs against botocore, the code the aws CLI and boto3 run: params botocore serialises must decode to
// the same params, and the XML we encode must parse (with botocore's own parser) to the output we encoded.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadServiceModel, type ServiceModel } from "../../../src/cloud/wire/model.js";
import { coralPath, decodeQueryInput, encodeQueryError, encodeQueryOutput, parseForm } from "../../../src/cloud/wire/query.js";
import { plain } from "./plain.js";

type Job =
  | { op: "serialize"; service: string; operation: string; params: unknown }
  | { op: "parse"; service: string; operation: string; status: number; body: string };

function botocore(jobs: Job[]): unknown[] {
  const out = execFileSync("python3", [join(import.meta.dirname, "botocore-codec.py")], { input: JSON.stringify(jobs), encoding: "utf8" });
  return JSON.parse(out) as unknown[];
}

const t0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const t1 = Date.UTC(2024, 4, 1, 12, 0, 0, 359);

const requests: Array<{ service: "iam" | "sts" | "ec2"; operation: string; params: Record<string, unknown> }> = [
  {
    service: "iam",
    operation: "CreateUser",
    params: { UserName: "dev", Path: "/team a/", PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess", Tags: [{ Key: "team", Value: "a & b" }, { Key: "k2", Value: "" }] },
  },
  {
    service: "iam",
    operation: "PutUserPolicy",
    params: {
      UserName: "dev",
      PolicyName: "p",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::a+b/é/<x>" }] }),
    },
  },
  { service: "iam", operation: "ListUsers", params: { MaxItems: 10, Marker: "abc=", PathPrefix: "/" } },
  { service: "iam", operation: "UntagUser", params: { UserName: "dev", TagKeys: [] } },
  {
    service: "iam",
    operation: "SimulatePrincipalPolicy",
    params: {
      PolicySourceArn: "arn:aws:iam::123456789012:user/dev",
      ActionNames: ["iam:CreateRole", "s3:GetObject"],
      ResourceArns: ["*"],
      ContextEntries: [
        { ContextKeyName: "aws:SourceIp", ContextKeyValues: ["10.0.0.1"], ContextKeyType: "ip" },
        { ContextKeyName: "aws:CurrentTime", ContextKeyValues: ["2024-01-01T00:00:00Z", "x"], ContextKeyType: "dateList" },
      ],
    },
  },
  { service: "iam", operation: "GetAccountAuthorizationDetails", params: { Filter: ["User", "Role"], MaxItems: 100 } },
  {
    service: "sts",
    operation: "AssumeRole",
    params: {
      RoleArn: "arn:aws:iam::123456789012:role/r",
      RoleSessionName: "session-1",
      DurationSeconds: 3600,
      PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
      Tags: [{ Key: "a", Value: "b" }],
      TransitiveTagKeys: ["a"],
      Policy: '{"Version":"2012-10-17","Statement":[]}',
    },
  },
  { service: "sts", operation: "GetSessionToken", params: { DurationSeconds: 900 } },
  {
    service: "ec2",
    operation: "DescribeInstances",
    params: { Filters: [{ Name: "tag:Name", Values: ["web", "db"] }, { Name: "instance-state-name", Values: ["running"] }], InstanceIds: ["i-1", "i-2"], MaxResults: 5, DryRun: false },
  },
  {
    service: "ec2",
    operation: "RunInstances",
    params: {
      ImageId: "ami-1",
      MinCount: 1,
      MaxCount: 2,
      SecurityGroupIds: ["sg-1"],
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeSize: 8, DeleteOnTermination: true, VolumeType: "gp3" } }],
      TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "Name", Value: "web" }] }],
      UserData: "IyEvYmluL3No",
      ClientToken: "tok",
    },
  },
];

const outputs: Array<{ service: "iam" | "sts" | "ec2"; operation: string; output: Record<string, unknown> }> = [
  {
    service: "iam",
    operation: "CreateUser",
    output: {
      User: {
        Path: "/",
        UserName: "dev",
        UserId: "AIDAEXAMPLE",
        Arn: "arn:aws:iam::123456789012:user/dev",
        CreateDate: new Date(t0),
        Tags: [{ Key: "team", Value: "<a & 'b'>" }],
        PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      },
    },
  },
  {
    service: "iam",
    operation: "ListUsers",
    output: {
      Users: [
        { Path: "/", UserName: "a", UserId: "AIDA1", Arn: "arn:aws:iam::123456789012:user/a", CreateDate: new Date(t1) },
        { Path: "/x/", UserName: "b", UserId: "AIDA2", Arn: "arn:aws:iam::123456789012:user/x/b", CreateDate: new Date(t0), PasswordLastUsed: new Date(t1) },
      ],
      IsTruncated: true,
      Marker: "m1",
    },
  },
  { service: "iam", operation: "GetAccountSummary", output: { SummaryMap: { Users: 2, Groups: 0, Policies: 7 } } },
  {
    service: "iam",
    operation: "GetAccountAuthorizationDetails",
    output: {
      UserDetailList: [
        {
          UserName: "dev",
          UserId: "AIDA1",
          Arn: "arn:aws:iam::123456789012:user/dev",
          Path: "/",
          CreateDate: new Date(t0),
          UserPolicyList: [{ PolicyName: "p", PolicyDocument: "%7B%7D" }],
          GroupList: ["g1", "g2"],
          AttachedManagedPolicies: [{ PolicyName: "ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
          Tags: [],
        },
      ],
      IsTruncated: false,
    },
  },
  { service: "iam", operation: "CreateAccessKey", output: { AccessKey: { UserName: "dev", AccessKeyId: "AKIA1", Status: "Active", SecretAccessKey: "s/+=", CreateDate: new Date(t0) } } },
  {
    service: "sts",
    operation: "AssumeRole",
    output: {
      Credentials: { AccessKeyId: "ASIA1", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(t1) },
      AssumedRoleUser: { AssumedRoleId: "AROA1:s", Arn: "arn:aws:sts::123456789012:assumed-role/r/s" },
      PackedPolicySize: 6,
    },
  },
  { service: "sts", operation: "GetCallerIdentity", output: { UserId: "AIDA1", Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/dev" } },
  {
    service: "ec2",
    operation: "DescribeInstances",
    output: {
      Reservations: [
        {
          ReservationId: "r-1",
          OwnerId: "123456789012",
          Groups: [],
          Instances: [
            {
              InstanceId: "i-1",
              ImageId: "ami-1",
              State: { Code: 16, Name: "running" },
              LaunchTime: new Date(t0),
              Tags: [{ Key: "Name", Value: "web" }],
              SecurityGroups: [{ GroupName: "default", GroupId: "sg-1" }],
              Placement: { AvailabilityZone: "us-east-1a" },
              EbsOptimized: false,
            },
          ],
        },
      ],
    },
  },
];

let models: Record<string, ServiceModel>;
let serialized: Array<{ body: string }>;
let parsed: unknown[];
const rid = "c0ffee00-0000-4000-8000-000000000001";

beforeAll(async () => {
  models = { iam: await loadServiceModel("iam"), sts: await loadServiceModel("sts"), ec2: await loadServiceModel("ec2") };
  serialized = botocore(requests.map((r) => ({ op: "serialize", ...r }))) as Array<{ body: string }>;
  const xml = outputs.map((o) => {
    const m = models[o.service]!;
    return encodeQueryOutput(m, m.operations.get(o.operation)!, o.output, rid);
  });
  parsed = botocore(outputs.map((o, i) => ({ op: "parse", service: o.service, operation: o.operation, status: 200, body: xml[i]! })));
});

describe("decoding what botocore sends", () => {
  requests.forEach((r, i) => {
    it(`${r.service} ${r.operation}`, () => {
      const m = models[r.service]!;
      const form = parseForm(serialized[i]!.body);
      expect(form.get("Action")).toBe(r.operation);
      expect(form.get("Version")).toBe(m.apiVersion);
      const res = decodeQueryInput(m.operations.get(r.operation)!, form, m.protocol === "ec2" ? "ec2" : "query");
      expect(res.ok).toBe(true);
      if (res.ok) expect(plain(res.params)).toEqual(plain(r.params));
    });
  });
});

describe("encoding what botocore reads", () => {
  outputs.forEach((o, i) => {
    it(`${o.service} ${o.operation}`, () => {
      const p = parsed[i] as Record<string, unknown> & { ResponseMetadata: { RequestId: string } };
      expect(p.ResponseMetadata.RequestId).toBe(rid);
      const { ResponseMetadata: _, ...rest } = p;
      expect(rest).toEqual(plain(o.output));
    });
  });

  it("writes an operation without output as metadata only", () => {
    const m = models.iam!;
    const xml = encodeQueryOutput(m, m.operations.get("DeleteUser")!, {}, rid);
    expect(xml).toBe(`<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>${rid}</RequestId></ResponseMetadata></DeleteUserResponse>\n`);
  });

  it("writes IAM's XML shape: Result wrapper, member lists, whole-second timestamps", () => {
    const m = models.iam!;
    const xml = encodeQueryOutput(m, m.operations.get("CreateUser")!, outputs[0]!.output, rid);
    expect(xml).toContain('<CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateUserResult><User>');
    expect(xml).toContain("<CreateDate>2024-05-01T12:00:00Z</CreateDate>");
    expect(xml).toContain("<Tags><member><Key>team</Key><Value>&lt;a &amp; &apos;b&apos;&gt;</Value></member></Tags>");
  });

  it("writes EC2's dialect: no Result wrapper, requestId first, item lists", () => {
    const m = models.ec2!;
    const xml = encodeQueryOutput(m, m.operations.get("DescribeInstances")!, outputs[7]!.output, rid);
    expect(xml).toContain(`<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${rid}</requestId><reservationSet><item>`);
    expect(xml).toContain("<tagSet><item><key>Name</key><value>web</value></item></tagSet>");
  });
});

describe("errors", () => {
  it("IAM errors parse as botocore reads them", () => {
    const m = models.iam!;
    const body = encodeQueryError(m, { code: "NoSuchEntity", message: "The user with name x cannot be found.", httpStatus: 404, type: "Sender" }, rid);
    expect(body).toBe(
      `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
        `<Message>The user with name x cannot be found.</Message></Error><RequestId>${rid}</RequestId></ErrorResponse>\n`,
    );
    const [p] = botocore([{ op: "parse", service: "iam", operation: "GetUser", status: 404, body }]) as Array<{ Error: Record<string, string>; ResponseMetadata: { RequestId: string } }>;
    expect(p!.Error).toMatchObject({ Code: "NoSuchEntity", Message: "The user with name x cannot be found.", Type: "Sender" });
    expect(p!.ResponseMetadata.RequestId).toBe(rid);
  });

  it("EC2 errors parse as botocore reads them", () => {
    const m = models.ec2!;
    const body = encodeQueryError(m, { code: "UnauthorizedOperation", message: "You are not authorized to perform this operation.", httpStatus: 403, type: "Sender" }, rid);
    expect(body).toContain("<Response><Errors><Error><Code>UnauthorizedOperation</Code>");
    const [p] = botocore([{ op: "parse", service: "ec2", operation: "RunInstances", status: 403, body }]) as Array<{ Error: Record<string, string>; ResponseMetadata: { RequestId: string } }>;
    expect(p!.Error).toMatchObject({ Code: "UnauthorizedOperation", Message: "You are not authorized to perform this operation." });
    expect(p!.ResponseMetadata.RequestId).toBe(rid);
  });
});

describe("malformed and invalid input", () => {
  it("answers a non-integer as a ValidationError naming the member", () => {
    const m = models.iam!;
    const res = decodeQueryInput(m.operations.get("ListUsers")!, parseForm("Action=ListUsers&MaxItems=ten"), "query");
    expect(res).toEqual({
      ok: false,
      error: { code: "ValidationError", message: "1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be a valid integer", httpStatus: 400, type: "Sender" },
    });
  });

  it("answers an EC2 non-integer as InvalidParameterValue", () => {
    const m = models.ec2!;
    const res = decodeQueryInput(m.operations.get("DescribeInstances")!, parseForm("Action=DescribeInstances&MaxResults=x"), "ec2");
    expect(!res.ok && res.error.code).toBe("InvalidParameterValue");
  });

  it("names nested members as AWS does", () => {
    expect(coralPath("Tags.member.1.Key")).toBe("tags.1.member.key");
    expect(coralPath("MaxItems")).toBe("maxItems");
  });

  it("never throws on garbage", () => {
    const m = models.iam!;
    for (const body of ["%", "a=%zz&&=&Tags.member.x.Key=1", "\u0000\u00ff=\ud800", "Tags.member.1=1&Tags.member.1.Key=k"]) {
      const form = parseForm(body);
      expect(() => decodeQueryInput(m.operations.get("CreateUser")!, form, "query")).not.toThrow();
    }
  });
});
