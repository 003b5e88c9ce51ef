// The evaluator with values the console cannot produce: unknowns ("known after apply") and sensitive values
// coming from the scope, and the scope hooks the config layer uses.
import { describe, expect, it } from "vitest";
import { parseExpression } from "../../src/hcl/index.js";
import { evaluate, type Scope } from "../../src/lang/eval.js";
import { formatValue } from "../../src/lang/format-value.js";
import { BoolType, DynamicType, NumberType, StringType, listOf } from "../../src/lang/types.js";
import { Sensitive, UnknownDynamic, Value } from "../../src/lang/value.js";

const scope: Scope = {
  variables: new Map<string, Value>([
    ["u", Value.unknown(StringType)],
    ["un", Value.unknown(NumberType)],
    ["ud", UnknownDynamic],
    ["ul", Value.unknown(listOf(StringType))],
    ["s", Value.string("secret").mark(Sensitive)],
    ["obj", Value.object({ name: Value.string("web"), port: Value.number(80) })],
  ]),
};

function run(src: string, sc: Scope = scope) {
  const r = evaluate(parseExpression(src).expr, sc);
  return { value: r.value, text: formatValue(r.value), errors: r.diagnostics.filter((d) => d.severity === "error") };
}

describe("unknown values propagate", () => {
  it.each([
    ['u == "a"', "bool"],
    ["un + 1", "number"],
    ["upper(u)", "string"],
    ['"${u}-x"', "string"],
    ["ud ? 1 : 2", "number"],
    ["-un", "number"],
    ["!ud", "bool"],
    ["jsonencode([u])", "string"],
    ["can(ud)", "bool"],
    ['format("%s", u)', "string"],
    ["cidrsubnet(u, 8, 1)", "string"],
  ])("%s is unknown of type %s", (src, kind) => {
    const r = run(src);
    expect(r.errors).toEqual([]);
    expect(r.value.isKnown()).toBe(false);
    expect(r.value.type.kind).toBe(kind);
    expect(r.text).toBe("(known after apply)");
  });

  it.each([
    ["true || ud", "true"],
    ["false && ud", "false"],
    ['length([u, "a"])', "2"],
    ["length(ul) >= 0 ? 1 : 1", "(known after apply)"],
    ["[for x in ud : x]", "(known after apply)"],
    ["try(ud, 1)", "(known after apply)"],
    ["{a = u}.a", "(known after apply)"],
    ["ud.anything[0]", "(known after apply)"],
    ['[u, "a"]', '[\n  (known after apply),\n  "a",\n]'],
    ["keys({a = u, b = 1})", '[\n  "a",\n  "b",\n]'],
  ])("%s → %s", (src, want) => {
    const r = run(src);
    expect(r.errors).toEqual([]);
    expect(r.text).toBe(want);
  });
});

describe("sensitive values stay sensitive through every operation", () => {
  it.each([
    "s",
    "upper(s)",
    's == "x"',
    '"${s}!"',
    "[s][0]",
    "length(s)",
    "jsonencode({a = s})",
    "base64encode(s)",
    "s != null ? 1 : 2",
    "sha256(s)",
    "tolist([s])",
    "toset([s, \"b\"])",
  ])("%s", (src) => {
    const r = run(src);
    expect(r.errors).toEqual([]);
    expect(r.value.deepMarks().has(Sensitive)).toBe(true);
    expect(r.text).toContain("(sensitive value)");
  });

  it("marks only the element that is sensitive", () => {
    expect(run('{a = s, b = "x"}').text).toBe('{\n  "a" = (sensitive value)\n  "b" = "x"\n}');
    expect(run("nonsensitive(s)").text).toBe('"secret"');
    expect(run("issensitive(s)").text).toBe("true");
  });
});

describe("scope", () => {
  it("reports an unknown variable with a suggestion", () => {
    const r = run("obk.name");
    expect(r.errors[0]?.summary).toBe("Unknown variable");
    expect(r.errors[0]?.detail).toBe('There is no variable named "obk". Did you mean "obj"?');
  });

  it("walks attributes and indexes of scope values", () => {
    expect(run('obj.name')).toMatchObject({ text: '"web"' });
    expect(run('obj["port"] + 1')).toMatchObject({ text: "81" });
  });

  it("lets the caller resolve references (var., local.) and keeps for-variables local", () => {
    const sc: Scope = {
      resolveTraversal: (t) =>
        t[0]?.kind === "Root" && t[0].name === "var" ? { value: Value.object({ region: Value.string("eu-west-1") }), diagnostics: [] } : undefined,
    };
    expect(run("upper(var.region)", sc).text).toBe('"EU-WEST-1"');
    expect(run("[for var in [1, 2] : var * 2]", sc).text).toBe("[\n  2,\n  4,\n]");
  });

  it("gives typed nulls their console form", () => {
    expect(formatValue(Value.null(listOf(StringType)))).toBe("tolist(null) /* of string */");
    expect(formatValue(Value.null(BoolType))).toBe("tobool(null)");
    expect(formatValue(Value.null(DynamicType))).toBe("null");
  });
});
