// The formatter against Terraform itself: every input of the corpus (test/testdata/fmt) goes through
// `terraform fmt -` and through formatSource, and the results must be byte-identical. Nothing expected is
// recorded: the oracle runs at test time. Then properties (fast-check): formatting is idempotent, never
// throws, does not depend on the spacing it is given, and agrees with terraform on mutated inputs.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/hcl/format.js";
import { parseConfigFile } from "../../src/hcl/index.js";
import { lex } from "../../src/hcl/lexer.js";
import { sourceFile } from "../../src/hcl/source.js";
import { TokenKind } from "../../src/hcl/token.js";
import { repoRoot, tempDir } from "../helpers/cli.js";
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

  it.skipIf(terraformMissing)("agrees with terraform fmt on mutated corpus inputs terraform accepts", () => {
    const dir = tempDir("tfsim-fmt-fuzz-");
    const inputs = fc.sample(mutated, { numRuns: 400, seed: 20261123 });
    mkdirSync(dir, { recursive: true });
    inputs.forEach((text, i) => writeFileSync(join(dir, `m${String(i).padStart(3, "0")}.tf`), text));
    const r = spawnSync("terraform", ["fmt", "-no-color", "-list=false", "."], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ...terraformEnv },
    });
    const rejected = new Set([...r.stderr.matchAll(/on (m\d+\.tf) line/g)].map((m) => m[1]));
    let compared = 0;
    const disagreements: string[] = [];
    inputs.forEach((text, i) => {
      const name = `m${String(i).padStart(3, "0")}.tf`;
      if (rejected.has(name)) {
        if (!fmt(text, name).diagnostics.hasErrors()) {
          writeFileSync(join(dir, `${name}.input`), text);
          disagreements.push(`${join(dir, name)}: we format a file terraform refuses`);
        }
        return;
      }
      compared++;
      const ours = fmt(text, name);
      if (ours.diagnostics.hasErrors()) disagreements.push(`${name}: we refuse a file terraform formats`);
      else if (ours.text !== readFileSync(join(dir, name), "utf8")) {
        writeFileSync(join(dir, `${name}.input`), text); // kept for debugging
        disagreements.push(`${join(dir, name)}: output differs`);
      }
    });
    console.log(`fmt fuzz: ${inputs.length - disagreements.length}/${inputs.length} mutations agree with terraform fmt (${compared} formatted, ${rejected.size} refused)`);
    expect(disagreements).toEqual([]);
  });
});
