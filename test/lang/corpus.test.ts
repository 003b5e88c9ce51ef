// Conformance: every expression in test/testdata/lang/corpus.txt, evaluated by tfsim, must print exactly what
// `terraform console` printed (recorded in corpus.json by test/lang/record-console.mjs), or fail with the same
// diagnostic summary and detail.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evalConsoleLine, normalize } from "./corpus-harness.js";

interface Recorded {
  expr: string;
  output?: string;
  error?: { summary: string; detail: string };
}

const here = dirname(fileURLToPath(import.meta.url));
const corpus: Recorded[] = JSON.parse(readFileSync(join(here, "../testdata/lang/corpus.json"), "utf8"));

/** Expressions where matching Terraform is not the goal, each with the reason. */
const skip = new Map<string, string>([
  ['element(["a", "b", "c"], -1)', "Terraform 1.11 panics (index out of range); tfsim reports a proper argument error"],
]);

describe("terraform console corpus", () => {
  it("has at least 300 recorded expressions", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  for (const c of corpus) {
    const reason = skip.get(c.expr);
    it.skipIf(reason !== undefined)(c.expr, () => {
      const r = evalConsoleLine(c.expr);
      if (c.error) {
        expect(r.error, `expected an error, got ${r.output}`).toBeDefined();
        expect({ summary: r.error!.summary, detail: r.error!.detail }).toEqual({ summary: c.error.summary, detail: normalize(c.error.detail) });
      } else {
        expect(r.error, r.error ? `${r.error.summary}: ${r.error.detail}` : "").toBeUndefined();
        expect(r.output).toBe(c.output);
      }
    });
  }
});
