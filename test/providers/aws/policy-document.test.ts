// aws_iam_policy_document against the real hashicorp/aws provider (5.100.0 from the local plugin mirror, offline,
// credentials checks skipped): the same blocks must give the same json, minified_json and id, byte for byte.
import { describe, expect, it } from "vitest";
import { buildPolicyDocument } from "../../../providers/aws/data-sources/iam-policy-document.js";
import type { Obj, Plain } from "../../../providers/aws/plain.js";
import { awsProviderMissing, realAwsDir } from "../../helpers/aws-provider.js";
import { runTerraform } from "../../helpers/terraform.js";

const src = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Keep", Effect: "Allow", Action: "s3:*", Resource: "*" }, { Sid: "Over", Effect: "Allow", Action: "ec2:*", Resource: "*" }] });
const over = JSON.stringify({ Statement: [{ Sid: "Over", Effect: "Deny", Action: ["ec2:RunInstances", "ec2:A"], Resource: "*" }] });

const cases: Record<string, Obj> = {
  sorted_lists_and_principals: {
    statement: [
      {
        sid: "A",
        actions: ["s3:GetObject", "s3:ListBucket", "ec2:Describe*"],
        resources: ["arn:aws:s3:::b/*", "arn:aws:s3:::b"],
        principals: [
          { type: "AWS", identifiers: ["arn:aws:iam::123456789012:root", "arn:aws:iam::111111111111:user/x"] },
          { type: "Service", identifiers: ["ec2.amazonaws.com"] },
        ],
        condition: [
          { test: "StringLike", variable: "s3:prefix", values: ["b", "home/&{aws:username}/", "a<b&c>"] },
          { test: "Bool", variable: "aws:SecureTransport", values: ["true"] },
        ],
      },
      { effect: "Deny", not_actions: ["iam:*"], not_resources: ["*"], principals: [{ type: "*", identifiers: ["*"] }] },
    ],
  },
  trust_policy: { statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] }] },
  id_and_version: { policy_id: "pid", version: "2008-10-17", statement: [{ actions: ["s3:*"], resources: ["*"], not_principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:user/a"] }] }] },
  single_values_and_conditions: {
    statement: [
      {
        sid: "One",
        actions: ["s3:PutObject"],
        resources: ["arn:aws:s3:::b/*"],
        principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:role/app"] }],
        condition: [
          { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] },
          { test: "StringEquals", variable: "aws:PrincipalTag/Team", values: ["ops", "dev"] },
          { test: "NumericLessThanEquals", variable: "s3:max-keys", values: ["10"] },
        ],
      },
      { sid: "Two", effect: "Deny", actions: ["s3:*"], resources: ["*"], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] },
    ],
  },
  federated_and_services: {
    statement: [
      {
        actions: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRole"],
        principals: [
          { type: "Federated", identifiers: ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"] },
          { type: "Service", identifiers: ["lambda.amazonaws.com", "ec2.amazonaws.com"] },
        ],
        condition: [{ test: "StringLike", variable: "token.actions.githubusercontent.com:sub", values: ["repo:o/r:*"] }],
      },
    ],
  },
  source_and_override: {
    source_policy_documents: [src],
    override_policy_documents: [over],
    statement: [{ sid: "Keep", actions: ["s3:GetObject"], resources: ["*"] }, { actions: ["kms:Decrypt"], resources: ["*"] }],
  },
};

function hclValue(p: Plain): string {
  if (Array.isArray(p)) return `[${p.map(hclValue).join(", ")}]`;
  return JSON.stringify(p).replace(/\$\{/g, "$${");
}

function hclBody(o: Obj, indent: string): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v) && v.length && typeof v[0] === "object" && !Array.isArray(v[0])) {
      for (const b of v as Obj[]) out.push(`${indent}${k} {\n${hclBody(b, indent + "  ")}${indent}}\n`);
    } else out.push(`${indent}${k} = ${hclValue(v)}\n`);
  }
  return out.join("");
}

describe.skipIf(awsProviderMissing !== undefined)("aws_iam_policy_document matches hashicorp/aws 5.100.0", () => {
  it("json, minified_json and id are byte-identical", () => {
    let tf = "";
    for (const [name, c] of Object.entries(cases)) {
      tf += `data "aws_iam_policy_document" "${name}" {\n${hclBody(c, "  ")}}\noutput "${name}" {\n  value = { json = data.aws_iam_policy_document.${name}.json, min = data.aws_iam_policy_document.${name}.minified_json, id = data.aws_iam_policy_document.${name}.id }\n}\n`;
    }
    const { dir, env } = realAwsDir("tfsim-aws-oracle-", tf);
    expect(runTerraform(["init", "-input=false"], { cwd: dir, env }).code).toBe(0);
    const applied = runTerraform(["apply", "-auto-approve", "-input=false"], { cwd: dir, env });
    expect(applied.stderr).toBe("");
    const outputs = JSON.parse(runTerraform(["output", "-json"], { cwd: dir, env }).stdout) as Record<string, { value: { json: string; min: string; id: string } }>;
    for (const [name, c] of Object.entries(cases)) {
      const ours = buildPolicyDocument(c);
      expect({ name, json: ours.json, min: ours.minified, id: ours.id }).toEqual({ name, ...outputs[name]!.value });
    }
  }, 120_000);
});
