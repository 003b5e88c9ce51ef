// Type constraints against Terraform: each case was recorded by test/lang/record-typeexpr.mjs as a variable
// with that type and default, printed by `terraform console`. tfsim parses the type, applies it (defaults,
// then conversion) and must print the same value, or fail with the same message.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseExpression } from "../../src/hcl/index.js";
import { ConversionError } from "../../src/lang/convert.js";
import { evaluate } from "../../src/lang/eval.js";
import { formatValue } from "../../src/lang/format-value.js";
import { applyTypeConstraint, conversionErrorMessage, parseTypeConstraint } from "../../src/lang/typeexpr.js";

interface Case {
  type: string;
  value: string;
  output?: string;
  errors?: { summary: string; detail: string }[];
}

const here = dirname(fileURLToPath(import.meta.url));
const cases: Case[] = JSON.parse(readFileSync(join(here, "../testdata/lang/typeexpr-cases.json"), "utf8"));
const marker = "This default value is not compatible with the variable's type constraint: ";

function applyCase(c: Case): { output?: string; error?: string; typeError?: { summary: string; detail: string } } {
  const t = parseTypeConstraint(parseExpression(c.type).expr);
  if (!t.constraint) return { typeError: { summary: t.diagnostics[0]?.summary ?? "", detail: t.diagnostics[0]?.detail ?? "" } };
  const v = evaluate(parseExpression(c.value).expr);
  const r = applyTypeConstraint(v.value, t.constraint);
  if (r instanceof ConversionError) return { error: conversionErrorMessage(r) };
  return { output: formatValue(r) };
}

describe("type constraints, as terraform applies them to a variable default", () => {
  for (const c of cases) {
    it(`${c.type} ← ${c.value}`, () => {
      const got = applyCase(c);
      if (c.output !== undefined) {
        expect(got).toEqual({ output: c.output });
      } else if (got.typeError) {
        // The type itself is refused: Terraform's detail is the snippet of the type, then the same sentence.
        expect(got.typeError.summary).toBe(c.errors![0]!.summary);
        expect(c.errors![0]!.detail.endsWith(` ${got.typeError.detail}`)).toBe(true);
      } else {
        const detail = c.errors![0]!.detail;
        const want = detail.slice(detail.indexOf(marker) + marker.length).replace(/\.$/, "");
        expect(got).toEqual({ error: want });
      }
    });
  }
});

describe("type constraint syntax errors", () => {
  const bad: [string, string][] = [
    ["list", "The list type constructor requires one argument specifying the element type."],
    ["strin", 'The keyword "strin" is not a valid type specification.'],
    ["string(1)", 'Primitive type keyword "string" does not expect arguments.'],
    ["optional(string)", 'Keyword "optional" is valid only as a modifier for object type attributes.'],
    ["object({a = optional(string, 1, 2)})", "Optional attribute modifier expects at most two arguments: the attribute type, and a default value."],
    ["tuple(string)", "The tuple type constructor requires one argument specifying the element types as a list."],
    ['"string"', "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string)."],
  ];
  for (const [src, detail] of bad) {
    it(src, () => {
      const r = parseTypeConstraint(parseExpression(src).expr);
      expect(r.constraint).toBeUndefined();
      expect(r.diagnostics[0]?.summary).toBe("Invalid type specification");
      expect(r.diagnostics[0]?.detail).toBe(detail);
    });
  }

  it("rejects a default that does not fit the attribute type", () => {
    const r = parseTypeConstraint(parseExpression('object({a = optional(number, "x")})').expr);
    expect(r.constraint).toBeUndefined();
    expect(r.diagnostics[0]?.summary).toBe("Invalid default value for optional attribute");
  });
});
