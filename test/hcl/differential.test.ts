// Differential test: for every corpus file, our syntax tree rendered in hcl2-parser's JSON shape equals
// what hcl2-parser (hclsyntax compiled to JS) produces from the same text.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { toHcl2Shape } from "../../src/hcl/hcl2-shape.js";
import { parseConfigFile } from "../../src/hcl/index.js";
import { sourceFile } from "../../src/hcl/source.js";
import { repoRoot } from "../helpers/cli.js";

interface Hcl2Parser {
  parseToObject(input: string): [unknown, unknown];
}
const hcl2 = createRequire(import.meta.url)("hcl2-parser") as Hcl2Parser;

function tfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tfFiles(p));
    else if (name.endsWith(".tf")) out.push(p);
  }
  return out;
}

const corpus = [...tfFiles(join(repoRoot, "test/testdata/hcl/corpus")), ...tfFiles(join(repoRoot, "examples"))];

/** Files hcl2-parser cannot judge, each with the reason. */
const skip: Record<string, string> = {
  "test/testdata/hcl/corpus/20-provider-functions.tf":
    "hcl2-parser embeds hclsyntax 2.10, which predates provider-defined functions (provider::aws::arn_parse)",
};

describe("differential: our parser vs hcl2-parser", () => {
  it("has a corpus of at least 30 files", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  for (const path of corpus) {
    const rel = relative(repoRoot, path);
    const reason = skip[rel];
    it(`${rel}${reason ? " (ours only: " + reason + ")" : ""}`, () => {
      const text = readFileSync(path, "utf8");
      const ours = parseConfigFile(sourceFile(rel, text));
      expect(ours.diagnostics.map((d) => d.summary)).toEqual([]);
      const [theirs, err] = hcl2.parseToObject(text);
      if (reason) {
        expect(err).toBeTruthy();
        return;
      }
      expect(err).toBeFalsy();
      expect(toHcl2Shape(ours.body)).toEqual(theirs);
    });
  }
});
