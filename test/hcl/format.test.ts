// The formatter against Terraform itself: every input of the corpus (test/testdata/fmt) goes through
// `terraform fmt -` and through formatSource, and the results must be byte-identical. Nothing expected is
// recorded: the oracle runs at test time. Then properties (fast-check): formatting is idempotent, never
// throws, keeps the parsed meaning, does not depend on the spacing it is given, and agrees with terraform on
// generated configurations and on mutated corpus inputs (formatting the same files, refusing the same ones).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyPatch } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/hcl/format.js";
import { parseConfigFile } from "../../src/hcl/index.js";
import { lex } from "../../src/hcl/lexer.js";
import { sourceFile } from "../../src/hcl/source.js";
import { TokenKind } from "../../src/hcl/token.js";
import { repoRoot, runTfsim, tempDir } from "../helpers/cli.js";
import { terraformEnv, terraformMissing } from "../helpers/terraform.js";

const corpusDir = join(repoRoot, "test/testdata/fmt");
const corpus: { name: string; text: string }[] = readdirSync(corpusDir)
  .filter((n) => statSync(join(corpusDir, n)).isFile())
  .sort()
  .map((name) => ({ name, text: readFileSync(join(corpusDir, name), "utf8") }));

function fmt(text: string, name = "main.tf") {
  return formatSource(sourceFile(name, text));
}

/** What `terraform fmt -` prints for a result: its UI writer gives output without a final newline one. */
function asStdout(text: string): string {
  return text.endsWith("\n") ? text : text + "\n";
}

function terraformFmtStdin(input: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync("terraform", ["fmt", "-no-color", "-"], {
    input,
    encoding: "utf8",
    env: { ...process.env, ...terraformEnv },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("formatSource against terraform fmt", () => {
  it("has a corpus of at least 60 inputs", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
  });

  it.skipIf(terraformMissing)("matches `terraform fmt -` byte for byte on every corpus input", () => {
    const mismatches: string[] = [];
    for (const { name, text } of corpus) {
      const tf = terraformFmtStdin(text);
      expect(tf.code, `terraform rejected ${name}: ${tf.stderr}`).toBe(0);
      const ours = fmt(text, name);
      expect(ours.diagnostics.hasErrors(), name).toBe(false);
      if (asStdout(ours.text) !== tf.stdout) mismatches.push(name);
    }
    console.log(`fmt: ${corpus.length - mismatches.length}/${corpus.length} corpus inputs match terraform fmt`);
    expect(mismatches).toEqual([]);
  });

  it.skipIf(terraformMissing)("matches terraform fmt writing files in place (no stdout newline rule involved)", () => {
    const dir = tempDir("tfsim-fmt-");
    for (const { name, text } of corpus) writeFileSync(join(dir, name), text);
    const r = spawnSync("terraform", ["fmt", "-no-color", "."], { cwd: dir, encoding: "utf8", env: { ...process.env, ...terraformEnv } });
    expect(r.status, r.stderr).toBe(0);
    for (const { name, text } of corpus) {
      expect(fmt(text, name).text, name).toBe(readFileSync(join(dir, name), "utf8"));
    }
  });

  it.skipIf(terraformMissing)("refuses what terraform refuses: files that do not parse come back unchanged with errors", () => {
    const dir = join(corpusDir, "invalid");
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), "utf8");
      expect(terraformFmtStdin(text).code, name).toBe(2);
      const ours = fmt(text, name);
      expect(ours.diagnostics.hasErrors(), name).toBe(true);
      expect(ours.text).toBe(text);
    }
  });
});

/** Random edits of a corpus text: whitespace, newlines, deleted or duplicated characters and lines. */
const mutated = fc
  .tuple(
    fc.constantFrom(...corpus.map((c) => c.text)),
    fc.array(
      fc.tuple(
        fc.constantFrom("space", "tab", "newline", "delete", "dupline", "dropline", "crlf", "char"),
        fc.nat(),
        fc.constantFrom(..."{}[]()=,.\"#/*-:?!<>${}~ \n\tab1_"),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) => {
    let t = text;
    for (const [op, at, ch] of edits) {
      const i = t.length === 0 ? 0 : at % (t.length + 1);
      const lineStart = t.lastIndexOf("\n", i - 1) + 1;
      const nl = t.indexOf("\n", i);
      const lineEnd = nl < 0 ? t.length : nl + 1;
      switch (op) {
        case "space":
          t = t.slice(0, i) + "  " + t.slice(i);
          break;
        case "tab":
          t = t.slice(0, i) + "\t" + t.slice(i);
          break;
        case "newline":
          t = t.slice(0, i) + "\n" + t.slice(i);
          break;
        case "crlf":
          t = t.replace(/\r?\n/g, "\r\n");
          break;
        case "delete":
          t = t.slice(0, i) + t.slice(i + 1);
          break;
        case "dupline":
          t = t.slice(0, lineEnd) + t.slice(lineStart, lineEnd) + t.slice(lineEnd);
          break;
        case "dropline":
          t = t.slice(0, lineStart) + t.slice(lineEnd);
          break;
        default:
          t = t.slice(0, i) + ch + t.slice(i);
      }
    }
    return t;
  });


/** Random configurations from a small grammar of HCL, laid out carelessly: odd spacing, tabs, newlines inside
 * brackets, comments of the three kinds, heredocs, one-line blocks. */
const sp = fc.constantFrom("", " ", " ", "  ", "\t", "   ");
const name = fc.constantFrom("a", "bb", "name", "instance_type", "x1", "in", "for_each", "count", "tags", "café", "long_attribute_name");
const nl = fc.constantFrom("", "", "\n", "\n  ", "\n\t");
const { expr } = fc.letrec<{ expr: string; leaf: string }>((tie) => ({
  leaf: fc.oneof(
    fc.constantFrom("1", "0.5", "1e3", "true", "null", "-1", "var.x", "local.y[0]", "aws_instance.web[*].id", "var.list.0", "each.value.a-b"),
    fc.tuple(fc.constantFrom("", "a b", "x-", "\\n", "$${lit}", "é"), sp, name).map(([lit, s, n]) => `"${lit}\${${s}var.${n}${s}}"`),
    fc.constantFrom('"plain"', '""', '"%{ if var.c }yes%{ else }no%{ endif }"', '"${var.a}${var.b}"', '"${ var.only }"'),
  ),
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    fc.tuple(tie("expr"), sp, fc.constantFrom("+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||"), sp, tie("expr")).map((p) => p.join("")),
    fc.tuple(fc.constantFrom("-", "!"), sp, tie("leaf")).map((p) => p.join("")),
    fc.tuple(tie("expr"), sp, sp, tie("expr"), sp, sp, tie("expr")).map(([c, s1, s2, a, s3, s4, b]) => `${c}${s1}?${s2}${a}${s3}:${s4}${b}`),
    fc.tuple(fc.constantFrom("max", "merge", "provider::aws::arn_parse", "upper"), sp, nl, fc.array(tie("expr"), { maxLength: 3 }), sp, nl, fc.boolean()).map(
      ([f, s, n1, args, s2, n2, ell]) => `${f}${s}(${n1}${args.join(`,${s2}`)}${ell && args.length > 0 ? s2 + "..." : ""}${n2})`,
    ),
    fc.tuple(sp, nl, fc.array(tie("expr"), { maxLength: 4 }), sp, fc.boolean(), nl).map(
      ([s, n1, items, s2, trailing, n2]) => `[${s}${n1}${items.join(`${s2},${s2}`)}${trailing && items.length > 0 ? "," : ""}${n2}${s}]`,
    ),
    fc.tuple(sp, fc.array(fc.tuple(name, sp, fc.constantFrom("=", ":"), sp, tie("expr")), { maxLength: 3 }), fc.constantFrom(",", "\n", ", ")).map(
      ([s, items, sep]) => `{${s}${items.map((i) => i.join("")).join(sep)}${sep === "\n" && items.length > 0 ? "\n" : s}}`,
    ),
    fc.tuple(sp, name, sp, tie("expr"), sp, tie("expr"), fc.boolean()).map(
      ([s, n, s2, coll, s3, body, cond]) => `[for${s || " "}${n} in${s2 || " "}${coll}${s3}:${s3}${body}${cond ? ` if ${n}` : ""}]`,
    ),
    fc.tuple(sp, tie("expr"), sp).map(([s, e, s2]) => `(${s}${e}${s2})`),
  ),
}));
const heredoc = fc.tuple(fc.boolean(), fc.constantFrom("  body   text\n", "x = ${var.y}\n  %{ if z }ok%{ endif }\n", "\n"), fc.constantFrom("", "    ")).map(
  ([flush, body, indent]) => (flush ? `<<-EOT\n${indent}${body}${indent}EOT` : `<<EOT\n${body}EOT`),
);
const trailing = fc.constantFrom("", "", "", " # c", "   // note", " /* b */");
const attribute = fc.tuple(sp, name, sp, sp, fc.oneof({ weight: 5, arbitrary: expr }, { weight: 1, arbitrary: heredoc }), trailing, sp).map(
  ([indent, n, s1, s2, v, c, s3]) => `${indent}${n}${s1}=${s2}${v}${v.startsWith("<<") ? "" : c + s3}\n`,
);
const standalone = fc.constantFrom("\n", "\n", "# comment\n", "  // comment\n", "/* block\n   comment */\n", "   \n");
const labels = fc.array(fc.constantFrom('"aws_instance"', '"web"', "bare", '"x y"', '""'), { maxLength: 2 });
const { body } = fc.letrec<{ body: string; block: string }>((tie) => ({
  block: fc.oneof(
    fc.tuple(sp, name, labels, sp, tie("body"), sp).map(([i, n, ls, s, b, s2]) => `${i}${n}${ls.map((l) => " " + l).join("")}${s}{${s2}\n${b}${i}}\n`),
    fc.tuple(sp, name, sp, fc.option(fc.tuple(name, sp, expr))).map(([i, n, s, a]) => `${i}${n}${s}{${a ? ` ${a[0]}${a[1]}=${a[1]}${a[2]} ` : s}}\n`),
  ),
  body: fc
    .array(fc.oneof({ weight: 4, arbitrary: attribute }, { weight: 1, arbitrary: tie("block") }, { weight: 1, arbitrary: standalone }), { maxLength: 5, depthIdentifier: "body" })
    .map((items) => items.join("")),
}));
const generated = fc.tuple(body, fc.constantFrom("", "", "\n", "  ", "\r\n")).map(([b, end]) => (end === "\r\n" ? b.replace(/\n/g, "\r\n") : b + end));

/** Widens every gap between two tokens on a line (and turns some into tabs): layout must not depend on it. */
function respace(text: string, seed: number): string {
  const { tokens } = lex(sourceFile("x.tf", text));
  let out = "";
  let prev = 0;
  let n = seed;
  for (const t of tokens) {
    let gap = text.slice(prev, t.start);
    if (gap.length > 0 && /^[ \t]+$/.test(gap) && t.kind !== TokenKind.EOF) {
      n = (n * 1103515245 + 12345) & 0x7fffffff;
      gap += n % 3 === 0 ? "\t" : " ".repeat(n % 4);
    }
    out += gap + text.slice(t.start, t.end);
    prev = t.end;
  }
  return out;
}

/**
 * A syntax tree without its ranges, and with Terraform's rewrites undone: `"${x}"` and `(x)` read as `x`, a
 * variable's type constraint is left out (fmt modernises its spelling), and so are labels fmt drops.
 */
function meaning(text: string): unknown {
  const norm = (node: unknown, inVariable: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => norm(n, inVariable));
    if (node === null || typeof node !== "object") return node;
    const o = node as Record<string, unknown>;
    if (o.kind === "TemplateWrap") return norm(o.wrapped, inVariable);
    if (o.kind === "Parenthesis") return norm(o.expression, inVariable);
    if (o.kind === "Block") {
      // terraform fmt drops a label holding an escaped `$${` or `%%{` (hclwrite cannot read it back); so do we.
      const labels = (o.labels as string[]).filter((l) => !l.includes("${") && !l.includes("%{"));
      return { kind: "Block", type: o.type, labels, body: norm(o.body, o.type === "variable") };
    }
    if (o.kind === "Attribute" && inVariable && o.name === "type") return { kind: "Attribute", name: "type" };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (/range$|Range$|Ranges$/.test(k) || k === "items" || k === "file") continue;
      out[k] = norm(v, k === "attributes" ? inVariable : false);
    }
    return out;
  };
  return norm(parseConfigFile(sourceFile("x.tf", text)).body, false);
}

describe("formatSource properties", () => {
  it("keeps the meaning: the formatted file parses to the same tree, up to ranges and Terraform's rewrites", () => {
    for (const { name, text } of corpus) expect(meaning(fmt(text, name).text), name).toEqual(meaning(text));
    fc.assert(
      fc.property(mutated, (text) => {
        // A number, spaces, then ".5" is the number indexed by 5 (a legacy index); terraform fmt closes the gap
        // too (`2  .5` becomes `2.5`, byte for byte as tfsim does), which changes the meaning: not a tfsim rewrite.
        fc.pre(!/[0-9][ \t]+\.[0-9]/.test(text));
        const once = fmt(text);
        if (!once.diagnostics.hasErrors()) expect(meaning(once.text)).toEqual(meaning(text));
      }),
      { numRuns: 300 },
    );
  });

  it("is idempotent on the corpus: fmt(fmt(x)) == fmt(x)", () => {
    for (const { name, text } of corpus) {
      const once = fmt(text, name).text;
      expect(fmt(once, name).text, name).toBe(once);
    }
  });

  it("never throws, and is idempotent on mutated corpus inputs that still parse", () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const once = fmt(text);
        if (once.diagnostics.hasErrors()) {
          expect(once.text).toBe(text);
          return;
        }
        expect(fmt(once.text).text).toBe(once.text);
      }),
      { numRuns: 400 },
    );
  });

  it("does not depend on the spaces and tabs between tokens", () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.nat(), ({ name, text }, seed) => {
        expect(fmt(respace(text, seed), name).text).toBe(fmt(text, name).text);
      }),
      { numRuns: 200 },
    );
  });

  it.skipIf(terraformMissing)("agrees with terraform fmt on generated configurations", () => {
    agreesWithTerraform(fc.sample(generated, { numRuns: 400, seed: 20261123 }), "generated");
  });

  it.skipIf(terraformMissing)("agrees with terraform fmt on mutated corpus inputs", () => {
    agreesWithTerraform(fc.sample(mutated, { numRuns: 400, seed: 20261123 }), "mutated");
  });
});

/** Formats every input with terraform (one run over a directory) and with formatSource, and compares. */
function agreesWithTerraform(inputs: string[], what: string): void {
  const dir = tempDir("tfsim-fmt-fuzz-");
  const names = inputs.map((_, i) => `m${String(i).padStart(3, "0")}.tf`);
  inputs.forEach((text, i) => writeFileSync(join(dir, names[i]!), text));
  // First the whole directory as a diff, through both CLIs. Terraform's comes from GNU diff; ours has its
  // shape and hunks, but where several equal lines could pair up GNU diff's choice is not always ours.
  const diffArgs = ["fmt", "-no-color", "-diff", "-write=false", "-list=false", "."];
  const theirDiff = spawnSync("terraform", diffArgs, { cwd: dir, encoding: "utf8", env: { ...process.env, ...terraformEnv } });
  const ourDiff = runTfsim(diffArgs, { cwd: dir });
  expect(ourDiff.code, dir).toBe(theirDiff.status);
  const perFile = (text: string) => new Map(text.split(/^(?=--- old\/)/m).filter((p) => p !== "").map((p) => [/^--- old\/(\S+)/.exec(p)![1]!, p]));
  const theirs = perFile(theirDiff.stdout);
  const ours = perFile(ourDiff.stdout);
  expect([...ours.keys()]).toEqual([...theirs.keys()]);
  let identical = 0;
  for (const [name, patch] of ours) {
    if (patch === theirs.get(name)) identical++;
    const i = names.indexOf(name);
    expect(applyPatch(inputs[i]!, patch), `${dir}/${name}`).toBe(fmt(inputs[i]!, name).text);
  }
  console.log(`fmt -diff: ${identical}/${ours.size} ${what} diffs identical to terraform's (GNU diff)`);
  expect(identical / Math.max(1, ours.size)).toBeGreaterThanOrEqual(0.95);
  const r = spawnSync("terraform", ["fmt", "-no-color", "-list=false", "."], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...terraformEnv },
  });
  const refused = new Set([...r.stderr.matchAll(/on (m\d+\.tf) line/g)].map((m) => m[1]));
  const disagreements: string[] = [];
  inputs.forEach((text, i) => {
    const name = names[i]!;
    const ours = fmt(text, name);
    let problem: string | undefined;
    if (refused.has(name)) {
      if (!ours.diagnostics.hasErrors()) problem = "we format a file terraform refuses";
    } else if (ours.diagnostics.hasErrors()) problem = "we refuse a file terraform formats";
    else if (ours.text !== readFileSync(join(dir, name), "utf8")) problem = "output differs";
    if (problem) {
      writeFileSync(join(dir, `${name}.input`), text); // kept for debugging
      disagreements.push(`${join(dir, name)}: ${problem}`);
    }
  });
  console.log(
    `fmt fuzz: ${inputs.length - disagreements.length}/${inputs.length} ${what} inputs agree with terraform fmt ` +
      `(${inputs.length - refused.size} formatted, ${refused.size} refused)`,
  );
  expect(disagreements).toEqual([]);
}
