// Pure parts of the engine: ProposedNew for flat schemas, the summary counts, and the plan renderer's
// attribute diffs (shapes checked against Terraform 1.11's output in test/cli).
import { describe, expect, it } from "vitest";
import { Sensitive, Value } from "../../src/lang/value.js";
import { listOf, mapOf, setOf, StringType } from "../../src/lang/types.js";
import { proposedNew } from "../../src/engine/plan.js";
import { planCounts, type ResourceInstanceChange } from "../../src/plan/plan.js";
import { renderPlan } from "../../src/cli/views/plan.js";
import { terraformDataSchema } from "../../providers/terraform_data/index.js";
import { impliedType, type Block } from "../../src/provider/schema.js";
import { attr, index } from "../../src/provider/attribute-path.js";
import { State } from "../../state/state.js";

const t = impliedType(terraformDataSchema.block);
const obj = (o: Record<string, Value>): Value => Value.of(t, new Map([...t.attrs].map(([k, at]) => [k, o[k] ?? Value.null(at)] as [string, Value])));

function change(action: ResourceInstanceChange["action"], before: Value, after: Value): ResourceInstanceChange {
  return { addr: "terraform_data.a", resourceAddr: "terraform_data.a", mode: "managed", type: "terraform_data", name: "a", module: "", provider: "p", action, before, after, requiresReplace: [] };
}

describe("proposedNew", () => {
  it("takes configured attributes and keeps computed ones from the prior object", () => {
    const prior = obj({ id: Value.string("x"), input: Value.string("a"), output: Value.string("a") });
    const config = obj({ input: Value.string("b") });
    const p = proposedNew(terraformDataSchema, prior, config);
    expect(p.entries().get("id")!.asString()).toBe("x");
    expect(p.entries().get("input")!.asString()).toBe("b");
  });
  it("leaves computed attributes unknown on create", () => {
    const p = proposedNew(terraformDataSchema, Value.null(t), obj({ input: Value.string("b") }));
    expect(p.entries().get("id")!.isKnown()).toBe(false);
  });
});

describe("planCounts", () => {
  it("counts a replace as one add and one destroy", () => {
    const n = Value.null(t);
    expect(planCounts([change("create", n, n), change("delete-then-create", n, n), change("update", n, n), change("delete", n, n), change("no-op", n, n)])).toEqual({ add: 2, change: 1, destroy: 2, import: 0 });
  });
  it("counts an import apart from the action it comes with", () => {
    const n = Value.null(t);
    const importing = { importing: { id: "x" } };
    expect(planCounts([{ ...change("no-op", n, n), ...importing }, { ...change("update", n, n), ...importing }])).toEqual({ add: 0, change: 1, destroy: 0, import: 2 });
  });
});

describe("renderPlan", () => {
  const plan = (c: ResourceInstanceChange) => ({ mode: "normal" as const, changes: [c], outputChanges: [], priorState: State.empty(), variables: new Map(), drift: [], targets: [], applyable: true });
  it("renders an in-place update with the identifying id shown and unknowns after apply", () => {
    const before = obj({ id: Value.string("x"), input: Value.string("a"), output: Value.string("a") });
    const after = obj({ id: Value.string("x"), input: Value.string("b"), output: Value.unknown(StringType) });
    const text = renderPlan(plan(change("update", before, after)), "tfsim");
    expect(text).toContain(`  # terraform_data.a will be updated in-place
  ~ resource "terraform_data" "a" {
        id     = "x"
      ~ input  = "a" -> "b"
      ~ output = "a" -> (known after apply)
    }`);
    expect(text).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
  });
  it("hides unchanged elements of a list away from the change: a typed list of one length element by element, else by longest common subsequence", () => {
    // As terraform 1.11 renders aws_iam_openid_connect_provider.thumbprint_list (a list of strings) so changed.
    const l = (xs: string[]) => Value.list(xs.map((x) => Value.string(x)));
    const schema: Block = { attributes: { id: { type: StringType, computed: true }, items: { type: listOf(StringType), optional: true } } };
    const render = (from: string[], to: string[]): string => {
      const before = Value.object({ id: Value.string("x"), items: l(from) });
      const after = Value.object({ id: Value.string("x"), items: l(to) });
      return renderPlan(plan({ ...change("update", before, after), addr: "x_list.a", resourceAddr: "x_list.a", type: "x_list" }), "tfsim", false, () => schema);
    };
    expect(render(["a", "b", "c", "d"], ["a", "b", "c", "e"])).toContain(`= [
            # (2 unchanged elements hidden)
            "c",
          ~ "d" -> "e",
        ]`);
    expect(render(["a", "b", "c", "d"], ["a", "b", "c", "e", "f"])).toContain(`= [
            # (2 unchanged elements hidden)
            "c",
          - "d",
          + "e",
          + "f",
        ]`);
  });
  it("a list in terraform_data's dynamic input is a JSON array: same-length arrays change element by element", () => {
    // As terraform 1.11 renders input = tolist(["a","b","c","d"]) changed to tolist(["a","b","c","e"]).
    const l = (xs: string[]) => Value.list(xs.map((x) => Value.string(x)));
    const before = obj({ id: Value.string("x"), input: l(["a", "b", "c", "d"]), output: Value.string("o") });
    const after = obj({ id: Value.string("x"), input: l(["a", "b", "c", "e"]), output: Value.string("o") });
    const text = renderPlan(plan(change("update", before, after)), "tfsim");
    expect(text).toContain(`= [
            # (2 unchanged elements hidden)
            "c",
          ~ "d" -> "e",
        ]`);
    expect(text).toContain("        # (1 unchanged attribute hidden)");
  });
});

describe("renderPlan with a schema: nested blocks", () => {
  // aws_iam_policy_document's shape (list blocks in list blocks, in sets), with one attribute and block type more.
  const str = { type: StringType, optional: true };
  const principals: Block = { attributes: { type: str, identifiers: { type: listOf(StringType), optional: true } } };
  const condition: Block = { attributes: { test: str, variable: str, values: { type: listOf(StringType), optional: true } } };
  const statement: Block = { attributes: { sid: str, actions: { type: listOf(StringType), optional: true }, resources: { type: listOf(StringType), optional: true } }, blockTypes: { condition: { nesting: "set", block: condition }, principals: { nesting: "set", block: principals } } };
  const volume: Block = { attributes: { size: { type: StringType, optional: true }, kms_key_id: str } };
  const schema: Block = {
    attributes: { id: { type: StringType, computed: true }, json: { type: StringType, computed: true } },
    blockTypes: { statement: { nesting: "list", block: statement }, options: { nesting: "single", block: principals }, volume: { nesting: "map", block: volume } },
  };
  const type = impliedType(schema);
  const o = (b: Block, attrs: Record<string, Value>): Value => {
    const t = impliedType(b);
    return Value.of(t, new Map([...t.attrs].map(([k, at]) => [k, attrs[k] ?? (at.kind === "set" ? Value.set([], (at as { elem: typeof at }).elem) : at.kind === "list" ? Value.list([], (at as { elem: typeof at }).elem) : Value.null(at))] as [string, Value])));
  };
  const strs = (...xs: (string | Value)[]) => Value.list(xs.map((x) => (typeof x === "string" ? Value.string(x) : x)));
  const doc = (attrs: Record<string, Value>) => o(schema, { volume: Value.map([], impliedType(volume)), ...attrs });
  const plan = (c: ResourceInstanceChange) => ({ mode: "normal" as const, changes: [c], outputChanges: [], priorState: State.empty(), variables: new Map(), drift: [], targets: [], applyable: true });
  const render = (action: ResourceInstanceChange["action"], before: Value, after: Value) =>
    renderPlan(plan({ ...change(action, before, after), addr: "x_doc.p", resourceAddr: "x_doc.p", type: "x_doc", name: "p" }), "tfsim", false, (mode, t) => (mode === "managed" && t === "x_doc" ? schema : undefined));

  it("pairs the instances of a list block index by index", () => {
    // As terraform 1.11 shows aws_launch_template's block_device_mappings /dev/a, /dev/b, /dev/c changed to /dev/b, /dev/c.
    const statements = (...sids: string[]) => doc({ id: Value.string("x"), statement: Value.list(sids.map((sid) => o(statement, { sid: Value.string(sid) }))) });
    expect(render("update", statements("a", "b", "c"), statements("b", "c"))).toContain(`
      ~ statement {
          ~ sid       = "a" -> "b"
            # (2 unchanged attributes hidden)
        }
      ~ statement {
          ~ sid       = "b" -> "c"
            # (2 unchanged attributes hidden)
        }
      - statement {
`);
  });

  it("prints each instance of a list block as a block after the attributes; nested blocks inside; a wholly unknown block", () => {
    const after = doc({
      id: Value.unknown(StringType),
      json: Value.unknown(StringType),
      options: Value.unknown(impliedType(principals)),
      statement: Value.list([
        o(statement, {
          sid: Value.string("one"),
          actions: strs("s3:GetObject"),
          resources: strs(Value.unknown(StringType)),
          condition: Value.set([o(condition, { test: Value.string("StringEquals"), variable: Value.string("aws:username"), values: strs("alice") })]),
          principals: Value.set([o(principals, { type: Value.string("AWS"), identifiers: strs("*") })]),
        }),
        o(statement, { actions: strs("s3:ListBucket"), resources: strs("*") }),
      ]),
    });
    // terraform plan's text for data.aws_iam_policy_document with these two statements, with hashicorp/aws.
    expect(render("create", Value.null(type), after)).toContain(`  + resource "x_doc" "p" {
      + id   = (known after apply)
      + json = (known after apply)

      + options (known after apply)

      + statement {
          + actions   = [
              + "s3:GetObject",
            ]
          + resources = [
              + (known after apply),
            ]
          + sid       = "one"

          + condition {
              + test     = "StringEquals"
              + values   = [
                  + "alice",
                ]
              + variable = "aws:username"
            }

          + principals {
              + identifiers = [
                  + "*",
                ]
              + type        = "AWS"
            }
        }
      + statement {
          + actions   = [
              + "s3:ListBucket",
            ]
          + resources = [
              + "*",
            ]
        }
    }`);
  });

  // The shapes of Terraform's block renderer (command/jsonformat/computed/renderers/block.go): a set element that
  // changed is removed and another added (as hashicorp/aws's ebs_block_device shows), a map block prints its key.
  it("an update: a changed map block with its key, a set element removed then one added, unchanged blocks counted", () => {
    const v = (size: string) => o(volume, { size: Value.string(size), kms_key_id: Value.string("") });
    const p = (t: string) => o(principals, { type: Value.string(t), identifiers: strs("*") });
    const st = (...ps: Value[]) => o(statement, { sid: Value.string("s"), principals: Value.set(ps) });
    const before = doc({ id: Value.string("d"), json: Value.string("{}"), volume: Value.map([["a", v("1")], ["b", v("1")]]), statement: Value.list([st(p("AWS")), st()]) });
    const after = doc({ id: Value.string("d"), json: Value.string("{}"), volume: Value.map([["a", v("2")], ["b", v("1")]]), statement: Value.list([st(p("Service")), st()]) });
    expect(render("update", before, after)).toContain(`  ~ resource "x_doc" "p" {
        id   = "d"
        # (1 unchanged attribute hidden)

      ~ statement {
            # (3 unchanged attributes hidden)

          - principals {
              - identifiers = [
                  - "*",
                ] -> null
              - type        = "AWS" -> null
            }
          + principals {
              + identifiers = [
                  + "*",
                ]
              + type        = "Service"
            }
        }

      ~ volume "a" {
          ~ size       = "1" -> "2"
            # (1 unchanged attribute hidden)
        }

        # (2 unchanged blocks hidden)
    }`);
  });

  it("a sensitive block: each instance's action, its contents withheld", () => {
    const st = (sid: string) => o(statement, { sid: Value.string(sid) });
    const before = doc({ id: Value.string("d"), json: Value.string("{}"), statement: Value.list([st("a")]).mark(Sensitive) });
    const after = doc({ id: Value.string("d"), json: Value.string("{}"), statement: Value.list([st("a"), st("b")]).mark(Sensitive) });
    expect(render("update", before, after)).toContain(`        # (1 unchanged attribute hidden)

      + statement {
          # At least one attribute in this block is (or was) sensitive,
          # so its contents will not be displayed.
        }

        # (1 unchanged block hidden)
    }`);
  });

  // As terraform plans hashicorp/aws's aws_instance with root_block_device's encrypted changed (ForceNew there):
  // `~ encrypted = false -> true # forces replacement` inside the block, `~ cpu_options (known after apply)`
  // over a prior empty list of blocks.
  it("replacement: forced attributes inside a block marked, a whole block forced, unknown blocks over no instances", () => {
    const st = (sid: string) => o(statement, { sid: Value.string(sid) });
    const v = (size: string) => o(volume, { size: Value.string(size) });
    const before = doc({ id: Value.string("d"), json: Value.string("{}"), statement: Value.list([st("a")]), volume: Value.map([["a", v("1")]]) });
    const after = doc({ id: Value.unknown(StringType), json: Value.string("{}"), statement: Value.list([st("b")]), volume: Value.map([["a", v("2")]]) });
    const c = { ...change("delete-then-create", before, after), addr: "x_doc.p", resourceAddr: "x_doc.p", type: "x_doc", name: "p", requiresReplace: [[attr("statement"), index(0), attr("sid")], [attr("volume")]] };
    expect(renderPlan(plan(c), "tfsim", false, () => schema)).toContain(`      ~ statement {
          ~ sid       = "a" -> "b" # forces replacement
            # (2 unchanged attributes hidden)
        }

      ~ volume "a" { # forces replacement
          ~ size = "1" -> "2"
        }
    }`);
    const unknown = doc({ id: Value.string("d"), json: Value.string("{}"), statement: Value.unknown(listOf(impliedType(statement))) });
    expect(render("update", doc({ id: Value.string("d"), json: Value.string("{}"), statement: Value.list([], impliedType(statement)) }), unknown)).toContain(`        # (1 unchanged attribute hidden)

      ~ statement (known after apply)
    }`);
  });
});
