// Live differential test: random expressions (fixed seed) evaluated by tfsim and by `terraform console`,
// printed forms compared. Skipped when terraform is not installed.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { evalConsoleLine, normalize } from "./corpus-harness.js";

const hasTerraform = spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;
const root = hasTerraform ? mkdtempSync(join(tmpdir(), "tfsim-diff-")) : "";
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

let n = 0;
function terraformConsole(expr: string): Promise<{ output?: string; error?: { summary: string; detail: string } }> {
  const dir = mkdtempSync(join(root, `d${n++}-`));
  return new Promise((resolve, reject) => {
    const p = spawn("terraform", ["console", "-no-color"], {
      cwd: dir,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1" },
    });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    p.on("error", reject);
    p.on("close", (code) => {
      if (code === 0) return resolve({ output: out.replace(/\n$/, "") });
      const m = /Error: (.*)\n([\s\S]*)/.exec(out);
      const body = (m?.[2] ?? "").split(/\n\n/).map((s) => s.trim()).filter((s) => s && !s.startsWith("on <console-input>") && !s.startsWith("(source code"));
      resolve({ error: { summary: m?.[1]?.trim() ?? out.trim(), detail: normalize(body.join(" ")) } });
    });
    p.stdin.end(expr + "\n");
  });
}

/** An HCL quoted string for any text. */
function hclString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return (out + '"').replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}

const decimal = fc
  .tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom("", "e3", "e-4", "e21"))
  .map(([m, d, e]) => {
    const s = Math.abs(m).toString().padStart(d + 1, "0");
    const body = d ? `${s.slice(0, -d)}.${s.slice(-d)}` : s;
    return (m < 0 ? "-" : "") + body + e;
  });
const arith: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof({ depthSize: "small", withCrossShrink: true }, decimal, fc.tuple(tie("expr"), fc.constantFrom("+", "-", "*", "/"), tie("expr")).map(([a, op, b]) => `(${a} ${op} ${b})`)),
})).expr as fc.Arbitrary<string>;
const word = fc.string({ unit: fc.constantFrom(..."abcXYZ é-_ .\n0123"), maxLength: 12 });
const strExpr = fc.oneof(
  word.map((w) => `upper(${hclString(w)})`),
  word.map((w) => `title(${hclString(w)})`),
  word.map((w) => `strrev(${hclString(w)})`),
  fc.tuple(word, fc.integer({ min: -4, max: 6 }), fc.integer({ min: -1, max: 6 })).map(([w, a, b]) => `substr(${hclString(w)}, ${a}, ${b})`),
  fc.tuple(word, word).map(([a, b]) => `split(${hclString(b.slice(0, 1))}, ${hclString(a)})`),
  fc.array(word, { maxLength: 5 }).map((ws) => `sort(${"[" + ws.map(hclString).join(", ") + "]"})`),
  fc.array(word, { maxLength: 5 }).map((ws) => `toset(${"[" + ws.map(hclString).join(", ") + "]"})`),
  fc.array(word, { maxLength: 4 }).map((ws) => `jsonencode({${ws.map((w, i) => `k${i} = ${hclString(w)}`).join(", ")}})`),
  fc.array(word, { maxLength: 4 }).map((ws) => `yamlencode(${"[" + ws.map(hclString).join(", ") + "]"})`),
  fc.tuple(decimal, fc.integer({ min: 0, max: 4 })).map(([d, p]) => `format("%.${p}f|%e|%g", ${d}, ${d}, ${d})`),
  word.map((w) => `format("%q", ${hclString(w)})`),
);

const expressions = hasTerraform
  ? [...fc.sample(arith, { numRuns: 40, seed: 20261123 }), ...fc.sample(strExpr, { numRuns: 40, seed: 4 })]
  : [];

describe.skipIf(!hasTerraform)("differential: tfsim vs terraform console", () => {
  it.concurrent.each(expressions)("%s", async (expr) => {
    const want = await terraformConsole(expr);
    const got = evalConsoleLine(expr);
    if (want.error) expect(got.errors[0]).toEqual(want.error);
    else {
      expect(got.errors).toEqual([]);
      expect(got.output).toBe(want.output);
    }
  });
});
