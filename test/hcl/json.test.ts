import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expression } from "../../src/hcl/ast.js";
import { jsonStringExpression, jsonStringTemplate, parseJson, type JsonString, type JsonValue } from "../../src/hcl/json.js";
import { sourceFile, type SourceFile } from "../../src/hcl/source.js";
import { tempDir } from "../helpers/cli.js";

function errors(text: string): string[] {
  const file = sourceFile("main.tf.json", text);
  return parseJson(file).diagnostics.map((d) => `${d.summary}@${d.subject!.start}-${d.subject!.end}`);
}

/** The JSON value as plain JS, to compare with JSON.parse. */
function plain(v: JsonValue): unknown {
  switch (v.kind) {
    case "object":
      return Object.fromEntries(v.properties.map((p) => [p.name, plain(p.value)]));
    case "array":
      return v.values.map(plain);
    case "number":
      return Number(v.text);
    case "string":
    case "bool":
      return v.value;
    case "null":
      return null;
    default:
      throw new Error("invalid value");
  }
}

function prop(v: JsonValue, ...path: string[]): JsonValue {
  let cur = v;
  for (const name of path) {
    if (cur.kind !== "object") throw new Error("not an object");
    cur = cur.properties.find((p) => p.name === name)!.value;
  }
  return cur;
}

describe("json: values and ranges", () => {
  const text = `{
  "resource": {
    "aws_instance": {
      "web": [{ "ami": "ami-123", "count": 2, "ebs_optimized": true, "tags": null, "weights": [1.5, -2e3, 0] }]
    }
  },
  "//": "a comment property"
}
`;

  it("reads every kind of value, the same as JSON.parse", () => {
    const r = parseJson(sourceFile("main.tf.json", text));
    expect(r.diagnostics).toEqual([]);
    expect(plain(r.value)).toEqual(JSON.parse(text));
  });

  it("keeps the range of every value and property name, and of braces", () => {
    const r = parseJson(sourceFile("main.tf.json", text));
    const root = r.value;
    expect(root.kind).toBe("object");
    if (root.kind !== "object") return;
    const src = (x: { start: number; end: number }) => text.slice(x.start, x.end);
    expect(src(root.properties[0]!.nameRange)).toBe('"resource"');
    expect(src(root.openRange)).toBe("{");
    expect(src(root.closeRange)).toBe("}");
    const web = prop(root, "resource", "aws_instance", "web");
    expect(web.kind).toBe("array");
    expect(src(prop(web.kind === "array" ? web.values[0]! : web, "ami").range)).toBe('"ami-123"');
    expect(src(prop(web.kind === "array" ? web.values[0]! : web, "weights").range)).toBe("[1.5, -2e3, 0]");
  });

  it("decodes every JSON escape", () => {
    const t = String.raw`{"s": "q\" b\\ s\/ \b\f\n\r\t \u00e9 \ud83d\ude00"}`;
    const v = prop(parseJson(sourceFile("x.tf.json", t)).value, "s");
    expect(v.kind === "string" && v.value).toBe(JSON.parse(t).s);
  });
});

function templateOf(text: string, ...path: string[]): { file: SourceFile; str: JsonString } {
  const file = sourceFile("main.tf.json", text);
  const v = prop(parseJson(file).value, ...path);
  if (v.kind !== "string") throw new Error("not a string");
  return { file, str: v };
}

function findTraversal(e: Expression): Expression | undefined {
  if (e.kind === "ScopeTraversal") return e;
  if (e.kind === "TemplateExpr") for (const p of e.parts) return p.kind === "ScopeTraversal" ? p : findTraversal(p);
  if (e.kind === "TemplateWrap") return findTraversal(e.wrapped);
  return undefined;
}

describe("json: strings as templates, with ranges in the .tf.json file", () => {
  it("maps template ranges back through escapes", () => {
    const text = String.raw`{"a": "x\n\u00e9\"` + "${var.name}" + String.raw`\t!"}`;
    const { file, str } = templateOf(text, "a");
    const r = jsonStringTemplate(file, str);
    expect(r.diagnostics).toEqual([]);
    expect(r.expr.kind).toBe("TemplateExpr");
    if (r.expr.kind !== "TemplateExpr") return;
    const trav = r.expr.parts.find((p) => p.kind === "ScopeTraversal")!;
    expect(trav.range.file).toBe(file);
    expect(text.slice(trav.range.start, trav.range.end)).toBe("var.name");
    const first = r.expr.parts[0]!;
    expect(first.kind === "LiteralValue" && first.value).toEqual({ type: "string", value: 'x\né"' });
    expect(text.slice(first.range.start, first.range.end)).toBe(String.raw`x\n\u00e9\"`);
    expect(text.slice(r.expr.range.start, r.expr.range.end)).toBe(String.raw`x\n\u00e9\"` + "${var.name}" + String.raw`\t!`);
  });

  it("points template diagnostics into the file", () => {
    const text = `{"locals": {"a": "\\t\${var.}"}}`;
    const { file, str } = templateOf(text, "locals", "a");
    const r = jsonStringTemplate(file, str);
    expect(r.diagnostics.map((d) => d.summary)).toEqual(["Invalid attribute name"]);
    const d = r.diagnostics[0]!;
    expect(d.subject!.file).toBe(file);
    expect(text.slice(d.subject!.start, d.subject!.end)).toBe("}");
  });

  it("parses a string as an expression (references)", () => {
    const text = `{"depends_on": ["aws_instance.web[0]"]}`;
    const file = sourceFile("main.tf.json", text);
    const arr = prop(parseJson(file).value, "depends_on");
    const s = arr.kind === "array" ? arr.values[0]! : arr;
    if (s.kind !== "string") throw new Error("not a string");
    const r = jsonStringExpression(file, s);
    expect(r.diagnostics).toEqual([]);
    const t = findTraversal(r.expr)!;
    expect(text.slice(t.range.start, t.range.end)).toBe("aws_instance.web[0]");
  });
});

describe("json: syntax errors", () => {
  it("recovers and reports with hcl's wording", () => {
    expect(errors('{"a": 1,}')).toEqual(["Trailing comma in object@7-8"]);
    expect(errors('{"a" = 1}')).toEqual(["Missing property value colon@5-6"]);
    expect(errors('{"a": tru}')).toEqual(["Invalid JSON keyword@6-9"]);
    expect(errors("")).toEqual(["Missing value@0-0"]);
    expect(errors('{"a": "x\ny"}').map((e) => e.split("@")[0])).toContain("Invalid JSON string");
  });

  it("never throws or overflows, whatever the input", () => {
    const doc = '{"resource": {"aws_s3_bucket": {"b": {"bucket": "${var.x}-logs", "tags": {"a": [1, 2.5e3, true, null]}}}}}';
    const pieces = ["{", "}", "[", "]", ",", ":", '"', "\\", "1", "-", "e", "true", "nul", "=", " ", "\n", "${", "\ufffd"];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.constantFrom(...pieces), fc.boolean()), { maxLength: 6 }), (edits) => {
        let t = doc;
        for (const [at, piece, del] of edits) {
          const i = at % (t.length + 1);
          t = del ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + piece + t.slice(i);
        }
        const file = sourceFile("f.tf.json", t);
        const r = parseJson(file);
        const walk = (v: JsonValue): void => {
          if (v.kind === "object") for (const p of v.properties) walk(p.value);
          else if (v.kind === "array") v.values.forEach(walk);
          else if (v.kind === "string") jsonStringTemplate(file, v);
        };
        walk(r.value);
      }),
      { numRuns: 1000 },
    );
    expect(errors("[".repeat(10_000)).map((e) => e.split("@")[0])).toContain("Nesting too deep");
    expect(errors('{"a":'.repeat(10_000)).map((e) => e.split("@")[0])).toContain("Nesting too deep");
  });
});

// Terraform 1.11 is the oracle: the same JSON syntax errors, at the same byte offsets.
const terraformCases = [
  '{"locals": {"a": 1,}}',
  '{"locals": {"a" = 1}}',
  '{"locals": {"a": tru}}',
  '{"locals": {"a": 01}}',
  '{"locals": ["a" : 1]}',
  '{"locals": {"a": 1]}',
  '{"locals": {"a": 1}} x',
  '{"locals": {"a": @}}',
  '{"locals": {"a": [1 2]}}',
  '{"locals": {"a": [1, 2}}',
  '{"locals": {"a": [1, 2,]}}',
  '{"locals": {1: 2}}',
  '{"locals": {"a": NaN}}',
  '{"locals": {"a": "x\\qy"}}',
  '{"locals": {"a": "\\u12"}}',
  '{"locals": {"a": "${var.}"}}',
  '{"locals": {"a": "${1 +}"}}',
  '{"locals": {"a": 1 "b": 2}}',
  '{"locals": {"a": }}',
  '{"locals": {"a": 1}',
  '{"locals": {"a": "x',
  '{"locals": {"a": "x\ny"}}',
  '{"locals": {"a": "${"}}',
];

const configLevel = /^(Incorrect JSON value type|Root value must be object|Unsupported argument|Reference to undeclared)/;
const hasTerraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

describe.skipIf(!hasTerraform)("json: errors match terraform validate", () => {
  const dir = tempDir("tfsim-json-errors-");
  for (const [i, text] of terraformCases.entries()) {
    it(`case ${i}: ${text}`, () => {
      const caseDir = join(dir, String(i));
      mkdirSync(caseDir, { recursive: true });
      writeFileSync(join(caseDir, "main.tf.json"), text);
      const r = spawnSync("terraform", ["validate", "-json", "-no-color"], {
        cwd: caseDir,
        encoding: "utf8",
        env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" },
      });
      const out = JSON.parse(r.stdout) as { diagnostics: { summary: string; range?: { start: { byte: number } } }[] };
      const theirs = out.diagnostics.filter((d) => d.range && !configLevel.test(d.summary)).map((d) => `${d.summary}@${d.range!.start.byte}`);
      expect(theirs.length).toBeGreaterThan(0);

      const file = sourceFile("main.tf.json", text);
      const parsed = parseJson(file);
      const ours = parsed.diagnostics.map((d) => `${d.summary}@${d.subject!.start}`);
      // Terraform parses the strings of locals as templates once the JSON is read; do the same.
      const v = parsed.diagnostics.length === 0 ? prop(parsed.value, "locals") : undefined;
      if (v && v.kind === "object") {
        for (const p of v.properties) {
          if (p.value.kind === "string") ours.push(...jsonStringTemplate(file, p.value).diagnostics.map((d) => `${d.summary}@${d.subject!.start}`));
        }
      }
      expect(ours.sort()).toEqual(theirs.sort());
      rmSync(caseDir, { recursive: true, force: true });
    });
  }
});
