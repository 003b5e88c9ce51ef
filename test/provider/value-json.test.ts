// Values to and from the state's JSON, and sensitive paths in Terraform's form (checked against a state
// Terraform 1.11 wrote).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DynamicType, NumberType, StringType, listOf, mapOf, objectOf, setOf, tupleOf, BoolType, type Type } from "../../src/lang/types.js";
import { Value } from "../../src/lang/value.js";
import {
  markSensitivePaths,
  pathString,
  sensitivePathsFromJson,
  sensitivePathsToJson,
  typeFromJson,
  typeToJson,
  valueFromJson,
  valueToJson,
} from "../../src/provider/index.js";
import type { JsonValue } from "../../state/json.js";
import { tempDir } from "../helpers/cli.js";

const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" };
const hasTerraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

describe("value <-> state JSON", () => {
  const types: Type[] = [
    StringType,
    listOf(NumberType),
    setOf(StringType),
    mapOf(BoolType),
    tupleOf([StringType, NumberType]),
    objectOf({ a: StringType, b: listOf(objectOf({ c: NumberType })) }),
    DynamicType,
  ];

  it("type JSON round-trips", () => {
    for (const t of types) expect(typeToJson(typeFromJson(typeToJson(t)))).toEqual(typeToJson(t));
    expect(typeToJson(objectOf({ a: StringType }))).toEqual(["object", { a: "string" }]);
  });

  it("values round-trip through JSON (property)", () => {
    const json: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small" },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.array(tie("v"), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie("v"), { maxKeys: 3 }),
      ),
    })).v;
    const literal = (j: JsonValue): Value => {
      if (j === null) return Value.null(DynamicType);
      if (typeof j === "string") return Value.string(j);
      if (typeof j === "number") return Value.number(j);
      if (typeof j === "boolean") return Value.bool(j);
      if (Array.isArray(j)) return Value.tuple(j.map(literal));
      return Value.object(Object.entries(j).map(([k, v]) => [k, literal(v)] as [string, Value]));
    };
    fc.assert(
      fc.property(json, (j) => {
        const v = literal(j);
        const enc = valueToJson(v, DynamicType);
        expect(valueFromJson(enc, DynamicType).rawEquals(v)).toBe(true);
      }),
    );
  });

  it("refuses to store an unknown", () => {
    expect(() => valueToJson(Value.unknown(StringType), StringType)).toThrow(/unknown/);
  });
});

describe.runIf(hasTerraform)("sensitive paths as Terraform records them", { timeout: 120_000 }, () => {
  it("matches sensitive_attributes of a Terraform state (as a set)", () => {
    const dir = tempDir("tfsim-sens-");
    writeFileSync(
      join(dir, "main.tf"),
      'resource "terraform_data" "a" {\n  input = { a = sensitive("x"), b = ["y", sensitive("z")], m = tomap({ k = sensitive("v") }) }\n}\n',
    );
    for (const args of [["init"], ["apply", "-auto-approve"]]) {
      expect(spawnSync("terraform", [...args, "-input=false"], { cwd: dir, env }).status).toBe(0);
    }
    const state = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as {
      resources: { instances: { sensitive_attributes: JsonValue[] }[] }[];
    };
    const theirs = state.resources[0]!.instances[0]!.sensitive_attributes;

    const v = Value.object({
      input: Value.object({
        a: Value.string("x").mark("sensitive"),
        b: Value.tuple([Value.string("y"), Value.string("z").mark("sensitive")]),
        m: Value.map([["k", Value.string("v").mark("sensitive")]]),
      }),
    });
    const ours = sensitivePathsToJson(v);
    const key = (j: JsonValue) => JSON.stringify(j);
    expect(ours.map(key).sort()).toEqual(theirs.map(key).sort());

    // And back: marking an unmarked value by those paths gives the marked value.
    const paths = sensitivePathsFromJson(theirs);
    expect(paths.map(pathString).sort()).toEqual(['input.a', "input.b[1]", 'input.m["k"]']);
    expect(markSensitivePaths(v.unmarkDeep()[0], paths).rawEquals(v)).toBe(true);
  });
});
