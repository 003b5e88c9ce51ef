// The validation corpus: documents and the MalformedPolicyDocument message IAM answers for each (undefined:
// valid). Run against our parser by parse.test.ts, and compared with moto's validator by moto-validator.test.ts.
import type { PolicyKind } from "../../../src/cloud/iam/policy/index.js";

export const v = "2012-10-17";
const stmt = (s: Record<string, unknown>) => JSON.stringify({ Version: v, Statement: [s] });
const ok = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };

export interface ValidationCase {
  readonly name: string;
  readonly json: string;
  readonly kind?: PolicyKind;
  /** The MalformedPolicyDocument message, or undefined when the document is valid. */
  readonly message?: string;
}

export const validationCases: ValidationCase[] = [
  { name: "a minimal valid identity policy", json: stmt(ok) },
  { name: "Statement may be a single object", json: JSON.stringify({ Version: v, Statement: ok }) },
  { name: "not JSON", json: "{ Version: 2012-10-17 ", message: "Syntax errors in policy." },
  { name: "JSON but not an object", json: "[]", message: "Syntax errors in policy." },
  { name: "unknown top-level element", json: JSON.stringify({ Version: v, Statement: [ok], Extra: 1 }), message: "Syntax errors in policy." },
  { name: "unknown statement element", json: stmt({ ...ok, Effects: "Allow" }), message: "Syntax errors in policy." },
  { name: "missing Statement", json: JSON.stringify({ Version: v }), message: "Syntax errors in policy." },
  { name: "empty Statement list", json: JSON.stringify({ Version: v, Statement: [] }), message: "Syntax errors in policy." },
  { name: "Effect that is neither Allow nor Deny", json: stmt({ ...ok, Effect: "Permit" }), message: "Syntax errors in policy." },
  { name: "missing Effect", json: stmt({ Action: "s3:GetObject", Resource: "*" }), message: "Syntax errors in policy." },
  { name: "Effect in the wrong case fails legacy parsing", json: stmt({ ...ok, Effect: "allow" }), message: "The policy failed legacy parsing" },
  { name: "both Action and NotAction", json: stmt({ ...ok, NotAction: "s3:PutObject" }), message: "Syntax errors in policy." },
  { name: "both Resource and NotResource", json: stmt({ ...ok, NotResource: "arn:aws:s3:::b" }), message: "Syntax errors in policy." },
  { name: "Action that is a number", json: stmt({ ...ok, Action: 3 }), message: "Syntax errors in policy." },
  { name: "unknown condition operator", json: stmt({ ...ok, Condition: { StringEqualz: { "aws:username": "a" } } }), message: "Syntax errors in policy." },
  { name: "unknown Version value", json: JSON.stringify({ Version: "2012-10-18", Statement: [ok] }), message: "Syntax errors in policy." },
  { name: "identity policy without Version", json: JSON.stringify({ Statement: [ok] }), message: "Policy document must be version 2012-10-17 or greater." },
  { name: "identity policy with Version 2008-10-17", json: JSON.stringify({ Version: "2008-10-17", Statement: [ok] }), message: "Policy document must be version 2012-10-17 or greater." },
  {
    name: "duplicate Sids",
    json: JSON.stringify({ Version: v, Statement: [{ ...ok, Sid: "A" }, { ...ok, Sid: "A" }] }),
    message: "Statement IDs (SID) in a single policy must be unique.",
  },
  { name: "non-alphanumeric Sid in an IAM policy", json: stmt({ ...ok, Sid: "read only" }), message: "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*" },
  { name: "missing Action", json: stmt({ Effect: "Allow", Resource: "*" }), message: "Policy statement must contain actions." },
  { name: "empty Action list", json: stmt({ ...ok, Action: [] }), message: "Policy statement must contain actions." },
  { name: "missing Resource", json: stmt({ Effect: "Allow", Action: "s3:GetObject" }), message: "Policy statement must contain resources." },
  { name: "Principal in an identity policy", json: stmt({ ...ok, Principal: { AWS: "123456789012" } }), message: "Policy document should not specify a principal." },
  { name: "Principal in a permissions boundary", kind: "boundary", json: stmt({ ...ok, Principal: "*" }), message: "Policy document should not specify a principal." },
  { name: "action without a vendor", json: stmt({ ...ok, Action: "GetObject" }), message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." },
  { name: "action with two colons", json: stmt({ ...ok, Action: "s3:Get:Object" }), message: "Actions/Condition can contain only one colon." },
  { name: "action with a bad vendor", json: stmt({ ...ok, Action: "s3 x:GetObject" }), message: "Vendor s3 x is not valid" },
  { name: "resource that is not an ARN", json: stmt({ ...ok, Resource: "my-bucket" }), message: 'Resource my-bucket must be in ARN format or "*".' },
  { name: "resource with an unknown partition", json: stmt({ ...ok, Resource: "arn:aws-mars:s3:::b" }), message: 'Partition "aws-mars" is not valid for resource "arn:aws-mars:s3:::b".' },
  { name: "resource without a vendor", json: stmt({ ...ok, Resource: "arn:aws" }), message: "Resource vendor must be fully qualified and cannot contain regexes." },
  { name: "IAM resource with a region", json: stmt({ ...ok, Resource: "arn:aws:iam:us-east-1:123456789012:user/dev" }), message: "IAM resource arn:aws:iam:us-east-1:123456789012:user/dev cannot contain region information." },
  { name: "IAM resource outside IAM's resource types", json: stmt({ ...ok, Resource: "arn:aws:iam::123456789012:widget/x" }), message: 'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.' },
  { name: "resource with an empty vendor fails legacy parsing", json: stmt({ ...ok, Resource: "arn:aws::::b" }), message: "The policy failed legacy parsing" },
  { name: "resource with too few parts fails legacy parsing", json: stmt({ ...ok, Resource: "arn:aws:s3::b" }), message: "The policy failed legacy parsing" },
  { name: "invalid date in a Date condition fails legacy parsing", json: stmt({ ...ok, Condition: { DateGreaterThan: { "aws:CurrentTime": "yesterday" } } }), message: "The policy failed legacy parsing" },
  { name: "valid conditions of every family", json: stmt({ ...ok, Condition: { "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": ["a*"] }, NumericLessThan: { "s3:max-keys": 10 }, Bool: { "aws:SecureTransport": true }, IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"] }, DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" }, Null: { "aws:MultiFactorAuthAge": "false" } } }) },
  // Which error IAM reports when a document has several: its checks run in a fixed order.
  { name: "missing Action is reported before a malformed Resource", json: stmt({ Effect: "Allow", Resource: "my-bucket" }), message: "Policy statement must contain actions." },
  { name: "legacy parsing is reported before a bad action vendor", json: stmt({ Effect: "allow", Action: "GetObject", Resource: "*" }), message: "The policy failed legacy parsing" },
  { name: "duplicate Sids are reported before missing actions", json: JSON.stringify({ Version: v, Statement: [{ Sid: "A", Effect: "Allow", Resource: "*" }, { ...ok, Sid: "A" }] }), message: "Statement IDs (SID) in a single policy must be unique." },
  { name: "a bad action vendor is reported before missing resources", json: stmt({ Effect: "Allow", Action: "GetObject" }), message: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." },
  { name: "Version is checked before legacy parsing", json: JSON.stringify({ Statement: [{ ...ok, Effect: "allow" }] }), message: "Policy document must be version 2012-10-17 or greater." },
  { name: "legacy date parsing is reported before duplicate Sids", json: JSON.stringify({ Version: v, Statement: [{ ...ok, Sid: "A", Condition: { DateLessThan: { "aws:CurrentTime": "2026-13-40" } } }, { ...ok, Sid: "A" }] }), message: "The policy failed legacy parsing" },
  { name: "of several malformed resources, the first in sort order is reported", json: stmt({ ...ok, Resource: ["b-bucket", "a-bucket"] }), message: 'Resource a-bucket must be in ARN format or "*".' },
  { name: "a malformed NotResource", json: stmt({ Effect: "Allow", Action: "s3:*", NotResource: "bucket" }), message: 'Resource bucket must be in ARN format or "*".' },
  { name: "an empty Resource list", json: stmt({ ...ok, Resource: [] }), message: "Policy statement must contain resources." },
  { name: "an unknown condition operator with an empty block is accepted", json: stmt({ ...ok, Condition: { StringEqualz: {} } }) },
  { name: "IfExists and set operators on every family", json: stmt({ ...ok, Condition: { "ForAllValues:StringEqualsIfExists": { "aws:TagKeys": ["a"] }, ArnLikeIfExists: { "aws:SourceArn": "arn:aws:s3:::*" }, NumericGreaterThanIfExists: { "s3:max-keys": "5" }, DateGreaterThanEqualsIfExists: { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, NotIpAddressIfExists: { "aws:SourceIp": "10.0.0.0/8" }, BinaryEqualsIfExists: { "k:b": "QQ==" } } }) },
  { name: "a date given as epoch seconds is accepted", json: stmt({ ...ok, Condition: { DateLessThan: { "aws:EpochTime": "1700000000" } } }) },
  { name: "Id must be a string", json: JSON.stringify({ Version: v, Id: 5, Statement: [ok] }), message: "Syntax errors in policy." },
  { name: "Sid must be a string", json: stmt({ ...ok, Sid: 5 }), message: "Syntax errors in policy." },
  { name: "Condition values must be strings, numbers, booleans or lists of them", json: stmt({ ...ok, Condition: { StringEquals: { "aws:username": { a: 1 } } } }), message: "Syntax errors in policy." },
  { name: "an action of only a vendor and a wildcard", json: stmt({ ...ok, Action: "s3:*" }) },
  { name: "an action with three colons", json: stmt({ ...ok, Action: "a:b:c:d" }), message: "Actions/Condition can contain only one colon." },
  // Trust policies
  { name: "a valid trust policy", kind: "trust", json: stmt({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }) },
  { name: "a trust policy may use Version 2008-10-17", kind: "trust", json: JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }] }) },
  { name: "trust policy without a Principal", kind: "trust", json: stmt({ Effect: "Allow", Action: "sts:AssumeRole" }), message: "Missing required field Principal" },
  { name: "trust policy with a Resource", kind: "trust", json: stmt({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" }), message: "Has prohibited field Resource." },
  {
    name: "trust policy with a non-STS action",
    kind: "trust",
    json: stmt({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "s3:GetObject" }),
    message: "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity",
  },
  { name: "trust policy with a malformed AWS principal", kind: "trust", json: stmt({ Effect: "Allow", Principal: { AWS: "dev" }, Action: "sts:AssumeRole" }), message: 'Invalid principal in policy: "AWS":"dev"' },
  { name: "trust policy with a malformed service principal", kind: "trust", json: stmt({ Effect: "Allow", Principal: { Service: "ec2" }, Action: "sts:AssumeRole" }), message: 'Invalid principal in policy: "SERVICE":"ec2"' },
  // Resource (bucket) policies
  { name: "a valid bucket policy", kind: "resource", json: stmt({ Sid: "Public read", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" }) },
  { name: "bucket policy without a Principal", kind: "resource", json: stmt(ok), message: "Missing required field Principal" },
];

