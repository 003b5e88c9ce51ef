import { describe, expect, it } from "vitest";
import { BoolType, NumberType, StringType, DynamicType, listOf } from "../../src/lang/types.js";
import { forceNewAttributes, impliedType, typeToJson, type Block } from "../../src/provider/index.js";

describe("impliedType (configschema)", () => {
  it("gives nested blocks their nesting mode's collection type", () => {
    const inner: Block = { attributes: { from_port: { type: NumberType, required: true }, cidr_blocks: { type: listOf(StringType), optional: true } } };
    const block: Block = {
      attributes: { name: { type: StringType, required: true, forceNew: true }, id: { type: StringType, computed: true }, vpc: { type: StringType, optional: true, forceNew: true } },
      blockTypes: {
        ingress: { nesting: "set", block: inner },
        root_block_device: { nesting: "list", block: { attributes: { size: { type: NumberType, optional: true } } }, maxItems: 1 },
        timeouts: { nesting: "single", block: { attributes: { create: { type: StringType, optional: true } } } },
        tags_block: { nesting: "map", block: { attributes: { v: { type: BoolType, optional: true } } } },
        anything: { nesting: "list", block: { attributes: { x: { type: DynamicType, optional: true } } } },
      },
    };
    expect(typeToJson(impliedType(block))).toEqual([
      "object",
      {
        anything: "dynamic",
        id: "string",
        ingress: ["set", ["object", { cidr_blocks: ["list", "string"], from_port: "number" }]],
        name: "string",
        root_block_device: ["list", ["object", { size: "number" }]],
        tags_block: ["map", ["object", { v: "bool" }]],
        timeouts: ["object", { create: "string" }],
        vpc: "string",
      },
    ]);
    expect(forceNewAttributes(block)).toEqual(["name", "vpc"]);
  });
});
