// Conformance: every expression in test/testdata/lang/corpus.txt, evaluated by tfsim, must print exactly what
// `terraform console` printed (recorded in corpus.json by test/lang/record-console.mjs), or fail with the same
// diagnostics (summary and detail, in order).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { configConsole, evalConsoleLine, normalize, type ConsoleError, type ConsoleResult } from "./corpus-harness.js";

interface Recorded {
  expr: string;
  output?: string;
  error?: ConsoleError;
  /** Present when the console reported more than one error. */
  errors?: ConsoleError[];
}

const here = dirname(fileURLToPath(import.meta.url));
const load = (name: string): Recorded[] => JSON.parse(readFileSync(join(here, "../testdata/lang", name), "utf8"));
const corpus = load("corpus.json");
/** Expressions recorded with test/testdata/lang/files as the working directory (file(), templatefile(), ...). */
const filesCorpus = load("corpus-files.json");
const filesDir = join(here, "../testdata/lang/files");
/** Expressions recorded in test/testdata/lang/config, a configuration with variables, locals and state. */
const configCorpus = load("corpus-config.json");
const configDir = join(here, "../testdata/lang/config");

const terraformPanics = "Terraform 1.11 panics here (a Go stack trace); tfsim reports a proper error instead";
/** Expressions where matching Terraform byte for byte is not the goal, each with the reason. */
const skip = new Map<string, string>([
  ['element(["a", "b", "c"], -1)', terraformPanics],
  ["log(-1, 10)", terraformPanics],
  ["log(1, 1)", terraformPanics],
  ["pow(-8, 1/3)", terraformPanics],
  ['cidrhost("::ffff:10.0.0.0/104", 1)', "Terraform mixes IPv4 and IPv6 widths for IPv4-mapped prefixes and prints a wrong address"],
  [
    'replace("hello", "/(?P<first>h)(ello)/", "${first}-$2")',
    "Terraform's own reference check (\"Invalid reference\") belongs to the config layer; the bare evaluator reports HCL's \"Unknown variable\"",
  ],
  ['yamldecode("a: [")', "YAML syntax error wording comes from go-yaml's parser; tfsim reports the yaml package's wording"],
  [
    'base64gzip("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")',
    "Go's DEFLATE encoder chooses different (equally valid) codes than zlib once input repeats; the data decompresses the same",
  ],
  [
    'base64gzip("The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog.")',
    "Go's DEFLATE encoder chooses different (equally valid) codes than zlib once input repeats; the data decompresses the same",
  ],
]);

function check(c: Recorded, baseDir?: string, session?: (line: string) => ConsoleResult): void {
  const r = session ? session(c.expr) : evalConsoleLine(c.expr, baseDir);
  if (c.error) {
    const want = (c.errors ?? [c.error]).map((e) => ({ summary: e.summary, detail: normalize(e.detail) }));
    expect(r.errors.length, `expected an error, got ${r.output}`).toBeGreaterThan(0);
    expect(c.errors ? r.errors : r.errors.slice(0, 1)).toEqual(want);
  } else {
    expect(r.errors.map((e) => `${e.summary}: ${e.detail}`)).toEqual([]);
    expect(r.output).toBe(c.output);
  }
}

describe("terraform console corpus, with files", () => {
  for (const c of filesCorpus) it(c.expr, () => check(c, filesDir));
});

describe("terraform console corpus, in a configuration with state", async () => {
  const session = await configConsole(configDir, { TF_VAR_from_env: "from-env" });
  for (const c of configCorpus) it(c.expr, () => check(c, undefined, session));
});

describe("terraform console corpus", () => {
  it("has at least 300 recorded expressions", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  for (const c of corpus) {
    const reason = skip.get(c.expr);
    it.skipIf(reason !== undefined)(c.expr, () => check(c));
  }
});
