import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Body, Expression, Traverser } from "../../src/hcl/ast.js";
import { parseConfigFile, parseExpression, parseTemplate } from "../../src/hcl/index.js";
import { positionOf, sourceFile } from "../../src/hcl/source.js";
import { tempDir } from "../helpers/cli.js";

function parse(text: string): { body: Body; errors: string[] } {
  const file = sourceFile("main.tf", text);
  const r = parseConfigFile(file);
  return {
    body: r.body,
    errors: r.diagnostics.map((d) => {
      const p = positionOf(file, d.subject!.start);
      return `${d.summary}@${p.line},${p.column}`;
    }),
  };
}

function step(t: Traverser): string {
  if (t.kind === "Root") return t.name;
  if (t.kind === "Attr") return "." + t.name;
  return `[${t.key.type === "string" ? JSON.stringify(t.key.value) : t.key.type === "number" ? t.key.text : t.key.type}]`;
}

/** A compact S-expression of an expression tree, to check structure and precedence. */
function show(e: Expression): string {
  switch (e.kind) {
    case "LiteralValue": {
      const v = e.value;
      if (v.type === "string") return JSON.stringify(v.value);
      if (v.type === "number") return v.text;
      if (v.type === "bool") return String(v.value);
      return v.type === "null" ? "null" : "?";
    }
    case "TemplateExpr":
      return `(tmpl ${e.parts.map(show).join(" ")})`;
    case "TemplateWrap":
      return `(wrap ${show(e.wrapped)})`;
    case "ScopeTraversal":
      return e.traversal.map(step).join("");
    case "RelativeTraversal":
      return `(rel ${show(e.source)} ${e.traversal.map(step).join("")})`;
    case "FunctionCall":
      return `(call ${e.name}${e.args.map((a) => " " + show(a)).join("")}${e.expandFinal ? " ..." : ""})`;
    case "Conditional":
      return `(? ${show(e.condition)} ${show(e.trueResult)} ${show(e.falseResult)})`;
    case "BinaryOp":
      return `(${e.op} ${show(e.lhs)} ${show(e.rhs)})`;
    case "UnaryOp":
      return `(${e.op === "-" ? "neg" : "!"} ${show(e.operand)})`;
    case "Tuple":
      return `[${e.exprs.map(show).join(" ")}]`;
    case "Object":
      return `{${e.items.map((i) => `${show(i.key)}=${show(i.value)}`).join(" ")}}`;
    case "ObjectConsKey":
      return e.forceNonLiteral ? `!${show(e.wrapped)}` : show(e.wrapped);
    case "ForExpr":
      return `(for ${e.keyVar ? e.keyVar + "," : ""}${e.valVar} ${show(e.collExpr)}${e.keyExpr ? " " + show(e.keyExpr) + " =>" : ""} ${show(e.valExpr)}${e.group ? " ..." : ""}${e.condExpr ? " if " + show(e.condExpr) : ""})`;
    case "Index":
      return `(index ${show(e.collection)} ${show(e.key)})`;
    case "Splat":
      return `(splat${e.attrOnly ? "." : ""} ${show(e.source)} ${show(e.each)})`;
    case "AnonSymbol":
      return "@";
    case "Parenthesis":
      return `(paren ${show(e.expression)})`;
    case "TemplateJoin":
      return `(join ${show(e.tuple)})`;
    case "Error":
      return "ERR";
  }
}

function expr(text: string): string {
  const r = parseExpression(text);
  expect(r.diagnostics.map((d) => d.summary)).toEqual([]);
  return show(r.expr);
}

describe("parser: structure", () => {
  it("parses blocks with quoted and bare labels, and records the range of every part", () => {
    const src = 'resource "aws_instance" web {\n  ami = "x"\n}\n';
    const { body, errors } = parse(src);
    expect(errors).toEqual([]);
    const b = body.blocks[0]!;
    expect(b.type).toBe("resource");
    expect(b.labels).toEqual(["aws_instance", "web"]);
    const text = (r: { start: number; end: number }) => src.slice(r.start, r.end);
    expect(text(b.typeRange)).toBe("resource");
    expect(b.labelRanges.map(text)).toEqual(['"aws_instance"', "web"]);
    expect(text(b.openBraceRange)).toBe("{");
    expect(text(b.closeBraceRange)).toBe("}");
    expect(text(b.range)).toBe(src.trimEnd());
    const a = b.body.attributes[0]!;
    expect(text(a.nameRange)).toBe("ami");
    expect(text(a.equalsRange)).toBe("=");
    expect(text(a.range)).toBe('ami = "x"');
    expect(text(a.expr.range)).toBe('"x"');
  });

  it("parses one-line blocks and keeps items in source order", () => {
    const { body, errors } = parse('variable "a" {}\nlocals { x = 1 }\ny = 2\n');
    expect(errors).toEqual([]);
    expect(body.items.map((i) => (i.kind === "Block" ? i.type : i.name))).toEqual(["variable", "locals", "y"]);
    expect(body.blocks[1]!.body.attributes[0]!.name).toBe("x");
  });

  it("reports a redefined attribute with both locations and keeps the first", () => {
    const { body, errors } = parse("a = 1\na = 2\n");
    expect(errors).toEqual(["Attribute redefined@2,1"]);
    expect(show(body.attributes[0]!.expr)).toBe("1");
    const d = parseConfigFile(sourceFile("main.tf", "a = 1\na = 2\n")).diagnostics[0]!;
    expect(d.detail).toBe('The argument "a" was already set at main.tf:1,1-2. Each argument may be set only once.');
  });

  it("parses numbers, including exponents", () => {
    expect(expr("1")).toBe("1");
    expect(expr("1.5e3")).toBe("1.5e3");
    const lit = parseExpression("2E-2").expr;
    expect(lit.kind === "LiteralValue" && lit.value.type === "number" && lit.value.value).toBe(0.02);
  });

  it("applies HCL's operator precedence, left-associative within a level", () => {
    expect(expr("1 + 2 * 3")).toBe("(+ 1 (* 2 3))");
    expect(expr("1 - 2 - 3")).toBe("(- (- 1 2) 3)");
    expect(expr("a || b && c == d < e + f * g")).toBe("(|| a (&& b (== c (< d (+ e (* f g))))))");
    expect(expr("a * b + c > d != e && f || g")).toBe("(|| (&& (!= (> (+ (* a b) c) d) e) f) g)");
    expect(expr("!a && -b < 3 % 2")).toBe("(&& (! a) (< (neg b) (% 3 2)))");
    expect(expr("-1 + 2")).toBe("(+ (neg 1) 2)");
    expect(expr("(1 + 2) * 3")).toBe("(* (paren (+ 1 2)) 3)");
  });

  it("parses conditionals, right-nested", () => {
    expect(expr("a ? b : c ? d : e")).toBe("(? a b (? c d e))");
    expect(expr("a == 1 ? x + 1 : y")).toBe("(? (== a 1) (+ x 1) y)");
  });

  it("parses traversals, indexes, legacy indexes and splats", () => {
    expect(expr("a.b[0][\"k\"].c")).toBe('a.b[0]["k"].c');
    expect(expr("a.0.b")).toBe("a[0].b");
    expect(expr("a[b]")).toBe("(index a b)");
    expect(expr("a[b].c")).toBe("(rel (index a b) .c)");
    expect(expr("a[*].b[0]")).toBe("(splat a (rel @ .b[0]))");
    expect(expr("a.*.b.c")).toBe("(splat. a (rel @ .b.c))");
    expect(expr("a[*]")).toBe("(splat a @)");
    expect(expr("(a).b")).toBe("(rel (paren a) .b)");
    expect(expr("f(x)[0]")).toBe("(rel (call f x) [0])");
  });

  it("parses function calls with expansion and namespaced names", () => {
    expect(expr("f()")).toBe("(call f)");
    expect(expr("f(1, 2,)")).toBe("(call f 1 2)");
    expect(expr("max(xs...)")).toBe("(call max xs ...)");
    expect(expr("provider::aws::arn_parse(x).account_id")).toBe("(rel (call provider::aws::arn_parse x) .account_id)");
    const call = parseExpression("provider::aws::arn_parse( x )").expr;
    expect(call.kind).toBe("FunctionCall");
    if (call.kind === "FunctionCall") {
      expect([call.nameRange.start, call.nameRange.end]).toEqual([0, 24]);
      expect([call.openParenRange.start, call.closeParenRange.start]).toEqual([24, 28]);
    }
  });

  it("parses tuples and objects with = or :, (expr) keys and either separator", () => {
    expect(expr("[1, \"a\", true, null]")).toBe('[1 (tmpl "a") true null]');
    expect(expr("{a = 1, b : 2}")).toBe("{a=1 b=2}");
    expect(expr("{\n  a = 1\n  (k) = 2\n  \"s\" = 3\n}")).toBe('{a=1 !(paren k)=2 (tmpl "s")=3}');
    expect(expr("[\n  1,\n  2,\n]")).toBe("[1 2]");
  });

  it("parses for expressions with conditions and grouping", () => {
    expect(expr("[for x in xs : x * 2]")).toBe("(for x xs (* x 2))");
    expect(expr("{for k, v in m : k => v... if v != null}")).toBe("(for k,v m k => v ... if (!= v null))");
    expect(expr("[for i, x in xs : x if i > 0]")).toBe("(for i,x xs x if (> i 0))");
    expect(expr("[\n  for x in xs :\n  x\n]")).toBe("(for x xs x)");
  });

  it("parses templates: interpolations, directives, escapes and strip markers", () => {
    expect(expr('"a${b}c"')).toBe('(tmpl "a" b "c")');
    expect(expr('"${b}"')).toBe("(wrap b)");
    expect(expr('""')).toBe('(tmpl "")');
    expect(expr('"%{if c}x%{else}y%{endif}"')).toBe('(tmpl (? c (tmpl "x") (tmpl "y")))');
    expect(expr('"%{for k, v in m}${k}=${v};%{endfor}"')).toBe('(tmpl (join (for k,v m (tmpl k "=" v ";"))))');
    expect(expr('"a ${~ b ~} c"')).toBe('(tmpl "a" b "c")');
    expect(expr('"x %{~ if c ~}  y  %{~ endif ~}\t"')).toBe('(tmpl "x" (? c (tmpl "y") (tmpl "")) "")');
    expect(expr('"$${a} %%{b} $5 100%"')).toBe('(tmpl "${a} %{b} $5 100%")');
  });

  it("decodes every escape sequence", () => {
    const r = parseExpression('"\\n\\r\\t\\"\\\\\\u00e9\\U0001F600"').expr;
    expect(r.kind === "TemplateExpr" && r.parts[0]!.kind === "LiteralValue" && r.parts[0].value).toEqual({
      type: "string",
      value: '\n\r\t"\\é😀',
    });
  });

  it("parses heredocs, flush heredocs removing the common indentation", () => {
    const { body, errors } = parse("a = <<EOT\n  x\n y\nEOT\nb = <<-EOT\n    x\n      ${y}\n\n    z\n    EOT\n");
    expect(errors).toEqual([]);
    expect(show(body.attributes[0]!.expr)).toBe('(tmpl "  x\\n y\\n")');
    expect(show(body.attributes[1]!.expr)).toBe('(tmpl "x\\n  " y "\\n\\nz\\n")');
  });

  it("parses a bare template, as for .tf.json strings", () => {
    const r = parseTemplate("Hello ${name}!\n%{if x}y%{endif}");
    expect(r.diagnostics).toEqual([]);
    expect(show(r.expr)).toBe('(tmpl "Hello " name "!\\n" (? x (tmpl "y") (tmpl "")))');
  });

  it("reports extra characters after a lone expression", () => {
    const r = parseExpression("1 2");
    expect(r.diagnostics.map((d) => d.summary)).toEqual(["Extra characters after expression"]);
  });
});

describe("parser: errors", () => {
  it("reports an error in each broken item of a file in one run, at most one per offset", () => {
    const { errors } = parse("locals {\n  a = )\n  b = [1 2]\n  c = 3\n}\nlocals {\n  d = f(1 2)\n}\n");
    expect(errors).toEqual(["Invalid expression@2,7", "Missing item separator@3,10", "Missing argument separator@7,11"]);
  });

  it("keeps a placeholder node after an error", () => {
    const { body } = parse("a = )\nb = 1\n");
    expect(body.attributes.map((a) => [a.name, show(a.expr)])).toEqual([
      ["a", "ERR"],
      ["b", "1"],
    ]);
  });

  it("never overflows the stack on deep nesting: reports Nesting too deep", () => {
    for (const [open, close] of [
      ["[", "]"],
      ["(", ")"],
      ["{a=", "}"],
      ["f(", ")"],
      ["!", ""],
      ["-", ""],
      ['"${', '}"'],
      ["a ? b : ", "c"],
    ] as const) {
      const src = "x = " + open.repeat(10_000) + "1" + close.repeat(10_000) + "\n";
      const r = parseConfigFile(sourceFile("main.tf", src));
      expect(r.diagnostics.map((d) => d.summary)).toContain("Nesting too deep");
    }
    const blocks = "a {\n".repeat(10_000) + "}\n".repeat(10_000);
    expect(parseConfigFile(sourceFile("main.tf", blocks)).diagnostics.map((d) => d.summary)).toEqual(["Nesting too deep"]);
    const ifs = 'x = "' + "%{if a}".repeat(10_000) + "%{endif}".repeat(10_000) + '"\n';
    expect(parseConfigFile(sourceFile("main.tf", ifs)).diagnostics.map((d) => d.summary)).toEqual(["Nesting too deep"]);
  });

  it("accepts nesting well within the limit", () => {
    const src = "x = " + "[".repeat(100) + "1" + "]".repeat(100) + "\n";
    expect(parse(src).errors).toEqual([]);
  });
});

// Terraform 1.11 is the oracle for syntax errors: the same summary at the same line and column.
const terraformCases: (string | Buffer)[] = [
  "locals {\n  a = )\n}\n",
  "locals {\n  a = [1 2]\n}\n",
  'locals {\n  a = "${b"\n}\n',
  'locals {\n  a = "abc\n}\n',
  "locals {\n  a = 1\n  a = 2\n}\n",
  "locals {\n  a = f(1 2)\n}\n",
  "locals {\n  a = {b = 1 c = 2}\n}\n",
  'locals {\n  a = "%{if x}y"\n}\n',
  'locals {\n  a = "\\q"\n}\n',
  'locals {\n  a = "\\u12"\n}\n',
  "locals {\n  a = a.0.1\n}\n",
  "locals {\n  a = 1 +\n}\n",
  "locals {\n  a = x.\n}\n",
  "locals {\n  a = 1;\n}\n",
  "locals {\n  a = 1 & 2\n}\n",
  "locals {\n  a = 2 ** 3\n}\n",
  "locals {\n  a = 'x'\n}\n",
  'resource "a" "b"\n{\n}\n',
  'locals {\n  "a" = 1\n}\n',
  "locals {\n  a = 1 b = 2\n}\n",
  "locals {\n  a = 1, b = 2\n}\n",
  "locals {\n  a = [for x in y: x if]\n}\n",
  "locals {\n  a = {for x in y: x}\n}\n",
  "locals {\n  a = [for x in y: x => x]\n}\n",
  "locals {\n  a = [for x in y x]\n}\n",
  'locals {\n  a = "${x}:${y"\n}\n',
  "locals {\n  a = <<EOT\nhi\n",
  "locals {\n  a = f(\n",
  "locals {\n",
  "}\n",
  "locals {\n  a = (1 + 2\n}\n",
  'locals {\n  a = "%{ fi x }"\n}\n',
  'locals {\n  a = "%{ endif }"\n}\n',
  'locals {\n  a = "${ a b }"\n}\n',
  "locals {\n  a = f(x...\n  , y)\n}\n",
  "locals {\n  a = a[*\n}\n",
  "locals {\n  a = 1.2.3\n}\n",
  "locals {\n  a = @\n}\n",
  Buffer.from("locals {\n  a = \"\xff\xfe\"\n}\n", "latin1"),
  Buffer.from("locals {\n  a = 1\n}\n\xc3", "latin1"),
  "locals {\n  a = { b }\n}\n",
  "locals {\n  a = { b c }\n}\n",
  'variable "x" {\n  default = 1 }\n',
  "locals { a = 1\n}\n",
  "locals {\n  a = ::f()\n}\n",
  "locals {\n  a = provider::(1)\n}\n",
  "locals {\n  a = true ? 1\n}\n",
  "locals {\n  a = a.*.*\n}\n",
];

function terraformSyntaxErrors(dir: string, text: string | Buffer): string[] {
  writeFileSync(join(dir, "main.tf"), text);
  const r = spawnSync("terraform", ["validate", "-json", "-no-color"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" },
  });
  const out = JSON.parse(r.stdout) as {
    diagnostics: { summary: string; range?: { start: { line: number; column: number } } }[];
  };
  return out.diagnostics
    .filter((d) => d.range && !/^(Unsupported (argument|block type)|Missing required argument)$/.test(d.summary))
    .map((d) => `${d.summary}@${d.range!.start.line},${d.range!.start.column}`);
}

const hasTerraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

describe.skipIf(!hasTerraform)("parser: syntax errors match terraform validate", () => {
  const dir = tempDir("tfsim-hcl-errors-");
  for (const [i, text] of terraformCases.entries()) {
    it(`case ${i}: ${JSON.stringify(text).slice(0, 60)}`, () => {
      const caseDir = join(dir, String(i));
      mkdirSync(caseDir, { recursive: true });
      const theirs = terraformSyntaxErrors(caseDir, text);
      expect(theirs.length).toBeGreaterThan(0);
      // Bytes that are not UTF-8 decode to U+FFFD, which the lexer reports as a bad encoding.
      const ours = parse(typeof text === "string" ? text : text.toString("utf8")).errors;
      expect(ours.sort()).toEqual(theirs.sort());
      rmSync(caseDir, { recursive: true, force: true });
    });
  }
});
