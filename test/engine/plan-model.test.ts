// Pure parts of the engine: ProposedNew for flat schemas, the summary counts, and the plan renderer's
// attribute diffs (shapes checked against Terraform 1.11's output in test/cli).
import { describe, expect, it } from "vitest";
import { Value } from "../../src/lang/value.js";
import { StringType } from "../../src/lang/types.js";
import { proposedNew } from "../../src/engine/plan.js";
import { planCounts, type ResourceInstanceChange } from "../../src/plan/plan.js";
import { renderPlan } from "../../src/cli/views/plan.js";
import { terraformDataSchema } from "../../providers/terraform_data/index.js";
import { impliedType } from "../../src/provider/schema.js";
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
  it("hides unchanged elements of a list away from the change", () => {
    const l = (xs: string[]) => Value.list(xs.map((x) => Value.string(x)));
    const before = obj({ id: Value.string("x"), input: l(["a", "b", "c", "d"]), output: Value.string("o") });
    const after = obj({ id: Value.string("x"), input: l(["a", "b", "c", "e"]), output: Value.string("o") });
    const text = renderPlan(plan(change("update", before, after)), "tfsim");
    expect(text).toContain(`= [
            # (2 unchanged elements hidden)
            "c",
          - "d",
          + "e",
        ]`);
    expect(text).toContain("        # (1 unchanged attribute hidden)");
  });
});
