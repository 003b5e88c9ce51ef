// Property tests: no input, however broken, makes the lexer or parser throw, hang or overflow the stack.
// Every run is bounded (numRuns); a hang would trip vitest's test timeout.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diag/diagnostic.js";
import { parseConfigFile, parseExpression, parseTemplate } from "../../src/hcl/index.js";
import { sourceFile } from "../../src/hcl/source.js";
import { repoRoot } from "../helpers/cli.js";

const corpusDir = join(repoRoot, "test/testdata/hcl/corpus");
const corpus = readdirSync(corpusDir)
  .filter((n) => n.endsWith(".tf"))
  .sort()
  .map((n) => readFileSync(join(corpusDir, n), "utf8"));

/** Parses `text` and checks the result is well formed: a body, and diagnostics with ranges inside the file. */
function parsesSafely(text: string): Diagnostic[] {
  const r = parseConfigFile(sourceFile("fuzz.tf", text));
  expect(r.body.kind).toBe("Body");
  for (const d of r.diagnostics) {
    expect(typeof d.summary).toBe("string");
    if (d.subject) {
      expect(d.subject.start).toBeGreaterThanOrEqual(0);
      expect(d.subject.end).toBeLessThanOrEqual(text.length);
      expect(d.subject.start).toBeLessThanOrEqual(d.subject.end);
    }
  }
  return r.diagnostics;
}

const snippets = ["{", "}", "[", "]", "(", ")", '"', "${", "%{", "~}", "}\"", "<<EOT\n", "<<-EOT\n", "\nEOT\n", "\\", "\n", "#", "/*", "*/", "=", ",", ".", "...", "?", ":", "::", "for ", " in ", "if ", "%{endif}", "%{else}", "%{endfor}", "=>", "\ufffd", "\t", "'", ";"];

type Mutation =
  | { kind: "flip"; at: number; ch: string }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), ch: fc.constantFrom(...snippets.filter((s) => s.length === 1), "a", "0", " ") }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...snippets) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
);

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case "flip":
      return text.slice(0, at) + m.ch + text.slice(at + 1);
    case "truncate":
      return text.slice(0, at);
    case "insert":
      return text.slice(0, at) + m.text + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + m.len);
  }
}

describe("fuzz: the parser never throws or hangs", () => {
  it("survives random mutations of the corpus", () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (i, muts) => {
        let text = corpus[i]!;
        for (const m of muts) text = apply(text, m);
        parsesSafely(text);
        parseTemplate(text);
        parseExpression(text);
      }),
      { numRuns: 1500 },
    );
  });

  it("survives binary garbage and invalid UTF-8", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const text = Buffer.from(bytes).toString("utf8");
        parsesSafely(text);
        parseExpression(text);
        parseTemplate(text);
      }),
      { numRuns: 400 },
    );
    const diags = parsesSafely(Buffer.from([0x61, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0x0a]).toString("utf8"));
    expect(diags.map((d) => d.summary)).toContain("Invalid character encoding");
  });

  it("survives random token soup", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...snippets, "a", "1", " ", "x = ", "b {\n"), { maxLength: 200 }), (parts) => {
        parsesSafely(parts.join(""));
      }),
      { numRuns: 1500 },
    );
  });

  it("reports unterminated strings, heredocs, templates and comments", () => {
    const cases: [string, string][] = [
      ['a = "abc', "Unterminated template string"],
      ["a = <<EOT\nabc\n", "Unterminated template string"],
      ['a = "${b', "Unclosed template interpolation sequence"],
      ['a = "%{if x}', "Unterminated template string"],
      ['a = "%{if x}"', "Unexpected end of template"],
      ["a = [1, 2", "Unterminated tuple constructor expression"],
      ["a = {b = 1", "Unterminated object constructor expression"],
      ["a = f(1", "Unterminated function call"],
      ["b {\n", "Unclosed configuration block"],
      ['b "x', "Unterminated string literal"],
      ["/* open", "Missing expression"],
    ];
    for (const [text, summary] of cases) {
      const src = text === "/* open" ? "a = /* open" : text;
      expect(parsesSafely(src).map((d) => d.summary), src).toContain(summary);
    }
  });

  it("parses a 10 MB file", () => {
    let text = "";
    let n = 0;
    while (text.length < 10 * 1024 * 1024) {
      // Rename every block so nothing collides; the content stays the corpus's.
      text += corpus.map((c) => c.replace(/"(\w+)" \{/g, `"$1_${n}" {`)).join("\n") + "\n";
      n++;
    }
    const file = sourceFile("big.tf", text);
    const r = parseConfigFile(file);
    // The corpus files redefine top-level attributes only inside blocks, so concatenation is still valid
    // apart from duplicate locals names, which the parser does not judge.
    expect(r.diagnostics.filter((d) => d.summary !== "Attribute redefined")).toEqual([]);
    expect(r.body.blocks.length).toBeGreaterThan(1000);
    // And 10 MB of garbage.
    parsesSafely(Buffer.alloc(10 * 1024 * 1024, "{[(\"${<<EOT\n").toString("utf8"));
  });

  it("survives unclosed nesting 10,000 deep", () => {
    for (const open of ["[", "(", "{", '"${', "f(", "a {\n", "%{if a}", "!", "- "]) {
      parsesSafely("x = " + open.repeat(10_000));
      parsesSafely(open.repeat(10_000));
    }
  });
});
