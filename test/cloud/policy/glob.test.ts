// The hand-written wildcard and ARN matching, including the inputs moto's regex-based matcher gets wrong
// (STYLE.md §4): '.', '+', '(', '[' are literal; '?' is one character; actions ignore case, resources do not.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arnMatch } from "../../../src/cloud/iam/policy/arn.js";
import { compileActions, matchAction, prepareAction } from "../../../src/cloud/iam/policy/action.js";
import { encodeWildcards, wildcardMatch } from "../../../src/cloud/iam/policy/glob.js";

describe("wildcardMatch", () => {
  const table: [pattern: string, text: string, expected: boolean][] = [
    ["*", "", true],
    ["*", "anything:at/all", true],
    ["", "", true],
    ["", "a", false],
    ["abc", "abc", true],
    ["abc", "abcd", false],
    ["a*", "a", true],
    ["a*c", "abbbc", true],
    ["a*c", "abbbcd", false],
    ["*c", "abc", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXcYb", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a?c", "abbc", false],
    ["??", "ab", true],
    ["??", "a", false],
    ["*?", "", false],
    ["*?", "x", true],
    // moto builds a RegExp from the pattern without escaping; each of these would mis-match or throw there.
    ["my.bucket", "myxbucket", false],
    ["my.bucket", "my.bucket", true],
    ["a+", "aaa", false],
    ["a+", "a+", true],
    ["f(1)", "f(1)", true],
    ["f(1)", "f1", false],
    ["[abc]", "a", false],
    ["[abc]", "[abc]", true],
    ["a|b", "a", false],
    ["^a$", "^a$", true],
    ["\\d", "\\d", true],
    ["\\d", "5", false],
    ["x{2}", "xx", false],
    // backtracking over several stars
    ["*a*a*a*", "aaa", true],
    ["*a*a*a*", "aa", false],
    ["a*ab", "aaab", true],
  ];
  for (const [p, t, e] of table) it(`${JSON.stringify(p)} vs ${JSON.stringify(t)} → ${e}`, () => expect(wildcardMatch(p, t)).toBe(e));

  it("agrees with an escaped regular expression on random inputs", () => {
    const alphabet = fc.constantFrom("a", "b", ".", "+", "(", "[", ":", "/", "*", "?");
    const textAlphabet = fc.constantFrom("a", "b", ".", "+", "(", "[", ":", "/");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(textAlphabet, { maxLength: 10 }), (pc, tc) => {
        const pattern = pc.join("");
        const text = tc.join("");
        const source = pc.map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
        expect(wildcardMatch(pattern, text)).toBe(new RegExp(`^${source}$`).test(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("arnMatch (Resource and Arn* conditions)", () => {
  const m = (p: string, t: string) => arnMatch(encodeWildcards(p), t);
  const table: [pattern: string, arn: string, expected: boolean][] = [
    ["*", "arn:aws:s3:::b/k", true],
    ["*", "*", true],
    ["arn:aws:s3:::b/*", "*", false],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/k", true],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/dir/with:colon", true],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::bb/k", false],
    ["arn:aws:s3:::B/*", "arn:aws:s3:::b/k", false],
    ["arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true],
    ["arn:aws:ec2:us-*:instance/*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", false],
    ["arn:aws:ec2:us-east-?:123456789012:instance/i-?", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true],
    ["arn:aws:ec2:us-east-?:123456789012:instance/i-?", "arn:aws:ec2:us-east-12:123456789012:instance/i-1", false],
    ["arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:user/path/dev", true],
    ["arn:aws:iam::123456789012:user/*", "arn:aws:iam::999999999999:user/dev", false],
    ["arn:aws:iam::*", "arn:aws:iam::123456789012:user/dev", true],
    ["arn:aws:s3:::my.bucket/*", "arn:aws:s3:::myxbucket/a", false],
    ["arn:aws:s3:::b/a+(1)[x]", "arn:aws:s3:::b/a+(1)[x]", true],
    ["arn:aws:s3:::b/a+(1)[x]", "arn:aws:s3:::b/aa(1)x", false],
    ["arn:aws:s3:::b", "arn:aws:s3:::b/k", false],
    ["arn:aws:lambda:us-east-1:123456789012:function:f", "arn:aws:lambda:us-east-1:123456789012:function:f", true],
    ["arn:aws:lambda:us-east-1:123456789012:function:*", "arn:aws:lambda:us-east-1:123456789012:function:f:1", true],
  ];
  for (const [p, t, e] of table) it(`${p} vs ${t} → ${e}`, () => expect(m(p, t)).toBe(e));
});

describe("action matching", () => {
  const matches = (patterns: string[], action: string) => matchAction(compileActions(patterns), prepareAction(action));
  it("is case-insensitive on both sides", () => {
    expect(matches(["IAM:getuser"], "iam:GetUser")).toBe(true);
    expect(matches(["iam:GetUser"], "IAM:GETUSER")).toBe(true);
    expect(matches(["EC2:Describe*"], "ec2:describeinstances")).toBe(true);
  });
  it("keeps services apart", () => {
    expect(matches(["s3:Get*"], "s3-object-lambda:GetObject")).toBe(false);
    expect(matches(["s3*:Get*"], "s3-object-lambda:GetObject")).toBe(true);
    expect(matches(["ec2:Describe*"], "ec2messages:DescribeX")).toBe(false);
  });
  it("handles *, ? and exact names", () => {
    expect(matches(["*"], "anything:AtAll")).toBe(true);
    expect(matches(["iam:Get?ser"], "iam:GetUser")).toBe(true);
    expect(matches(["iam:Get?ser"], "iam:GetUsers")).toBe(false);
    expect(matches(["iam:GetUser"], "iam:GetUserPolicy")).toBe(false);
    expect(matches(["*:Get*"], "kms:GetKeyPolicy")).toBe(true);
    expect(matches([], "iam:GetUser")).toBe(false);
  });
});
