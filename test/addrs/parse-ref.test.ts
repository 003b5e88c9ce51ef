// References parsed from real HCL expressions (src/hcl's parser). Error texts are those Terraform 1.11's
// `terraform console` prints for the same expressions (its addrs.ParseRef diagnostics).
import { describe, expect, it } from "vitest";
import { parseRef, referenceableString } from "../../src/addrs/index.js";
import { parseExpression } from "../../src/hcl/index.js";
import type { Traverser } from "../../src/hcl/ast.js";

function traversalOf(text: string): Traverser[] {
  const { expr, diagnostics } = parseExpression(text);
  expect(diagnostics).toEqual([]);
  if (expr.kind !== "ScopeTraversal") throw new Error(`${text} parsed as ${expr.kind}`);
  return expr.traversal;
}

function ref(text: string): string {
  const r = parseRef(traversalOf(text));
  if (!r.ref) return r.diagnostics.items.map((d) => `${d.summary}: ${d.detail}`).join(" | ");
  const rest = r.ref.remaining.map((s) => (s.kind === "Attr" ? `.${s.name}` : `[${JSON.stringify(s.kind === "Index" && "value" in s.key ? s.key.value : null)}]`)).join("");
  return `${r.ref.subject.kind} ${referenceableString(r.ref.subject)} ${text.slice(r.ref.range.start, r.ref.range.end)}|${rest}`;
}

describe("parseRef", () => {
  it.each([
    ["var.x", "input_variable var.x var.x|"],
    ["var.x[0].y", "input_variable var.x var.x|[0].y"],
    ["local.a.b", "local_value local.a local.a|.b"],
    ["count.index", "count_attr count.index count.index|"],
    ["each.value.name", "for_each_attr each.value each.value|.name"],
    ["path.module", "path_attr path.module path.module|"],
    ["terraform.workspace", "terraform_attr terraform.workspace terraform.workspace|"],
    ["self.id", "self self self|.id"],
    ["module.m", "module_call module.m module.m|"],
    ['module.m["a"]', 'module_call_instance module.m["a"] module.m["a"]|'],
    ['module.m["a"].url.x', 'module_call_output module.m["a"].url module.m["a"].url|.x'],
    ["module.m.url", "module_call_output module.m.url module.m.url|"],
    ["aws_instance.web", "resource aws_instance.web aws_instance.web|"],
    ["aws_instance.web[0].id", "resource_instance aws_instance.web[0] aws_instance.web[0]|.id"],
    ["aws_instance.web.id", "resource_instance aws_instance.web aws_instance.web|.id"],
    ['data.aws_ami.al2023["k"].id', 'resource_instance data.aws_ami.al2023["k"] data.aws_ami.al2023["k"]|.id'],
    ["resource.template.x", "resource template.x resource.template.x|"],
  ])("%s", (text, want) => {
    expect(ref(text)).toBe(want);
  });

  it.each([
    ["var", 'Invalid reference: The "var" object cannot be accessed directly. Instead, access one of its attributes.'],
    ["var[0]", 'Invalid reference: The "var" object does not support this operation.'],
    ["local[0]", 'Invalid reference: The "local" object does not support this operation.'],
    ["module", 'Invalid reference: The "module" object cannot be accessed directly. Instead, access one of its attributes.'],
    ["module[0]", 'Invalid reference: The "module" object does not support this operation.'],
    ["data.x", 'Invalid reference: The "data" object must be followed by two attribute names: the data source type and the resource name.'],
    ["data", 'Invalid reference: The "data" object must be followed by two attribute names: the data source type and the resource name.'],
    ["resource.x", 'Invalid reference: The "resource" object must be followed by two attribute names: the resource type and the resource name.'],
    ["aws_instance", "Invalid reference: A reference to a resource type must be followed by at least one attribute access, specifying the resource name."],
    ["aws_instance[0]", "Invalid reference: A reference to a resource type must be followed by at least one attribute access, specifying the resource name."],
    ["data.x[0]", "Invalid reference: A reference to a data source must be followed by at least one attribute access, specifying the resource name."],
    [
      "template.x",
      'Reserved symbol name: The symbol name "template" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix "resource." to force interpretation as a resource type name.',
    ],
    ["a.b[1.5]", "Invalid index key: Invalid index for resource instance: value must be a whole number, between -9223372036854775808 and 9223372036854775807."],
  ])("%s is refused", (text, want) => {
    expect(ref(text)).toBe(want);
  });
});
