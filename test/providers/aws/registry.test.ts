// hashicorp/aws is one of tfsim's built-in providers: an aws_* resource with no provider argument resolves to it.
import { describe, expect, it } from "vitest";
import { Resource } from "../../../src/addrs/index.js";
import { builtInProviders } from "../../../src/provider/registry.js";
import { AwsProvider } from "../../../providers/aws/provider.js";

describe("registry", () => {
  it("aws_iam_user → registry.terraform.io/hashicorp/aws → the AWS provider", async () => {
    const reg = builtInProviders();
    const r = reg.resolveForResource(new Resource("managed", "aws_iam_user", "u"));
    expect(r.addr!.toString()).toBe("registry.terraform.io/hashicorp/aws");
    const inst = await reg.instantiate(r.addr!);
    expect(inst.provider).toBeInstanceOf(AwsProvider);
    expect(Object.keys(inst.provider!.getSchema().resourceTypes)).toContain("aws_iam_role_policy_attachment");
  });
});
