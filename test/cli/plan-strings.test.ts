// Plan text against Terraform for strings it shows as more than a quoted string: a string holding a JSON
// object or array as jsonencode(...) with the change of its decoded value inside, and a multi-line string as a
// heredoc of its lines, in resource attributes, inside lists and objects, and in outputs; created, updated,
// replaced by an unknown value, and destroyed. `show` and `state show` render them alike.
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli.js";
import { terraformMissing } from "../helpers/terraform.js";
import { normalise, pair, type Pair } from "./engine/oracle.js";

const TIMEOUT = 180_000;

/** Runs one step in both; each succeeds (a config typo would otherwise fail alike in both) with the same output. */
function same(p: Pair, args: string[]): void {
  const r = p.run(args);
  const step = args.join(" ");
  expect({ step, code: r.terraform.code }).toEqual({ step, code: 0 });
  expect({ step, code: r.tfsim.code, out: normalise(r.tfsim.stdout), err: normalise(r.tfsim.stderr) }).toEqual({ step, code: r.terraform.code, out: normalise(r.terraform.stdout), err: normalise(r.terraform.stderr) });
}

/** Applies `first`, then plans and applies `second`, then plans a destroy, comparing each step's output. */
function steps(first: string, second: string): void {
  const p = pair(tempDir());
  p.write("main.tf", first);
  same(p, ["apply", "-no-color", "-auto-approve"]);
  p.write("main.tf", second);
  same(p, ["plan", "-no-color"]);
  same(p, ["apply", "-no-color", "-auto-approve"]);
  same(p, ["plan", "-no-color", "-destroy"]);
}

describe.skipIf(terraformMissing)("strings in plans, against Terraform", () => {
  it("JSON strings: members added, removed and changed, arrays, nested JSON, whitespace-only, JSON to plain", { timeout: TIMEOUT }, () => {
    steps(
      `resource "terraform_data" "policy" {
  input = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["s3:GetObject", "s3:ListBucket"]
      Resource  = "*"
      Condition = { IpAddress = { "aws:SourceIp" = "10.0.0.0/8" } }
    }]
  })
}
resource "terraform_data" "arrays" {
  input = jsonencode({ same_length = [1, 2, 3], reordered = ["a", "b"], longer = [1, 2, 3], objects = [{ a = 1 }, { b = 2 }] })
}
resource "terraform_data" "numbers" {
  input = "{\\"a\\": 100, \\"b\\": 1e30, \\"n\\": null, \\"m\\": 1, \\"s\\": \\"x\\"}"
}
resource "terraform_data" "nested" {
  input = jsonencode({ doc = jsonencode({ k = "v" }), text = "one\\ntwo" })
}
resource "terraform_data" "whitespace" {
  input = "{\\"a\\":1,\\"b\\":[1,2]}"
}
resource "terraform_data" "to_plain" {
  input = jsonencode({ a = 1 })
}
resource "terraform_data" "from_plain" {
  input = "plain"
}
resource "terraform_data" "empty" {
  input = "{}"
}
resource "terraform_data" "not_json" {
  input = " {\\"a\\": 1}"
}
`,
      `resource "terraform_data" "policy" {
  input = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
      Resource  = "arn:aws:s3:::b/*"
      Condition = { IpAddress = { "aws:SourceIp" = "10.1.0.0/16" } }
      Sid       = "Read"
    }]
  })
}
resource "terraform_data" "arrays" {
  input = jsonencode({ same_length = [1, 5, 3], reordered = ["b", "a"], longer = [1, 5, 3, 4], objects = [{ a = 1 }, { b = 3 }] })
}
resource "terraform_data" "numbers" {
  input = "{\\"a\\": 1E2, \\"b\\": 1e30, \\"n\\": 1, \\"m\\": null, \\"s\\": {\\"x\\": 1}}"
}
resource "terraform_data" "nested" {
  input = jsonencode({ doc = jsonencode({ k = "w" }), text = "one\\nthree" })
}
resource "terraform_data" "whitespace" {
  input = "{ \\"a\\": 1, \\"b\\": [1, 2] }"
}
resource "terraform_data" "to_plain" {
  input = "plain"
}
resource "terraform_data" "from_plain" {
  input = jsonencode(["x"])
}
resource "terraform_data" "empty" {
  input = "[ ]"
}
resource "terraform_data" "not_json" {
  input = " {\\"a\\": 2}"
}
`,
    );
  });

  it("multi-line strings: created, lines changed, added and removed, trimmed, to one line and back", { timeout: TIMEOUT }, () => {
    steps(
      `resource "terraform_data" "script" {
  input = <<-EOT
    #!/bin/sh
    echo one

      echo indented
    echo two
  EOT
}
resource "terraform_data" "padded" {
  input = "\\n\\n  first\\n\\nlast  \\n\\n"
}
resource "terraform_data" "grows" {
  input = "a"
}
resource "terraform_data" "shrinks" {
  input = "a\\nb"
}
resource "terraform_data" "swapped" {
  input = "a\\nb"
}
`,
      `resource "terraform_data" "script" {
  input = <<-EOT
    #!/bin/sh
    echo one
    echo inserted

      echo indented
    echo 2
  EOT
}
resource "terraform_data" "padded" {
  input = "\\n\\n  first\\n\\nlast  \\n\\n"
}
resource "terraform_data" "grows" {
  input = "a\\nb\\n"
}
resource "terraform_data" "shrinks" {
  input = "b"
}
resource "terraform_data" "swapped" {
  input = "b\\na"
}
`,
    );
  });

  it("show and state show: JSON strings (numbers as written, nested JSON and heredocs), trimmed heredocs", { timeout: TIMEOUT }, () => {
    const p = pair(tempDir());
    p.write(
      "main.tf",
      `resource "terraform_data" "h" {
  input = "  \\n\\n  line1\\n\\n  line2  \\n\\n"
}
resource "terraform_data" "j" {
  input = "{\\"a\\": 1E2, \\"b c\\": [null, {}, []], \\"s\\": \\"x\\\\ny\\", \\"t\\": \\"{\\\\\\"q\\\\\\":1}\\", \\"e\\": {}}"
}
resource "terraform_data" "k" {
  input = ["{}", "[]", "a\\n", { doc = jsonencode({ k = ["v"] }) }]
}
output "e" { value = "[]" }
output "doc" { value = jsonencode({ a = 1 }) }
`,
    );
    same(p, ["apply", "-no-color", "-auto-approve"]);
    same(p, ["show", "-no-color"]);
    same(p, ["state", "show", "-no-color", "terraform_data.j"]);
    same(p, ["state", "show", "-no-color", "terraform_data.k"]);
  });

  it("in colour: the markers inside jsonencode(...) and heredocs, the notes and -> null as terraform colours them", { timeout: TIMEOUT }, () => {
    const p = pair(tempDir(), { color: true });
    p.write(
      "main.tf",
      `resource "terraform_data" "j" { input = jsonencode({ a = 1, b = ["x"], n = null, id = "i" }) }
resource "terraform_data" "w" { input = "{\\"a\\":1}" }
resource "terraform_data" "h" { input = "line1\\nline2\\n" }
resource "terraform_data" "t" { input = "[1]" }
output "j" { value = jsonencode({ a = 1 }) }
output "h" { value = "x\\ny" }
`,
    );
    same(p, ["apply", "-auto-approve"]);
    p.write(
      "main.tf",
      `resource "terraform_data" "j" { input = jsonencode({ a = 2, b = ["x", "y"], id = "i" }) }
resource "terraform_data" "w" { input = "{ \\"a\\": 1 }" }
resource "terraform_data" "h" { input = "line1\\nline3\\nline4" }
resource "terraform_data" "t" { input = "plain" }
output "j" { value = jsonencode({ a = 2 }) }
output "h" { value = "x\\nz" }
`,
    );
    same(p, ["plan"]);
    same(p, ["apply", "-auto-approve"]);
    same(p, ["show"]);
    same(p, ["plan", "-destroy"]);
  });

  it("strings in lists, objects and outputs", { timeout: TIMEOUT }, () => {
    steps(
      `resource "terraform_data" "list" {
  input = ["a\\nb", jsonencode([1, 2]), "{}", "[]", "{bad", jsonencode({ k = "v" })]
}
resource "terraform_data" "object" {
  input = { doc = jsonencode({ a = 1, b = 2 }), script = "x\\ny", plain = "p" }
}
output "doc" { value = jsonencode({ a = 1, list = ["x"] }) }
output "lines" { value = "x\\ny" }
output "list" { value = [jsonencode({ a = 1 }), "m\\nn"] }
output "gone" { value = jsonencode({ z = 1 }) }
`,
      `resource "terraform_data" "list" {
  input = ["a\\nc", jsonencode([1, 3]), "{}", "[ ]", "{bad", jsonencode({ k = "w" })]
}
resource "terraform_data" "object" {
  input = { doc = jsonencode({ a = 1, b = 3 }), script = "x\\nz", plain = "p" }
}
output "doc" { value = jsonencode({ a = 2, list = ["x", "y"] }) }
output "lines" { value = "x\\nz" }
output "list" { value = [jsonencode({ a = 2 }), "m\\no"] }
`,
    );
  });
});
