#!/usr/bin/env node
// Records what `terraform console` prints for every expression in test/testdata/lang/corpus.txt into
// corpus.json next to it. Piped console prints only the last line's result and stops at the first error, so
// each expression runs in its own process (a few at a time) in an empty temporary directory.
//
// Usage: node test/lang/record-console.mjs [corpus.txt] [corpus.json] [files-dir]
// With files-dir, each process runs in a fresh copy of that directory (for file(), templatefile(), ...).
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const input = process.argv[2] ?? join(here, "../testdata/lang/corpus.txt");
const output = process.argv[3] ?? join(here, "../testdata/lang/corpus.json");
const filesDir = process.argv[4];
const concurrency = 3;

/** "Error: SUMMARY\n\n  on <console-input> ...\n\nDETAIL" → {summary, detail} with the detail's wrapping undone. */
export function parseDiagnostic(text) {
  const m = /Error: (.*)\n/.exec(text);
  if (!m) return { summary: text.trim(), detail: "" };
  const rest = text.slice(m.index + m[0].length);
  const parts = rest.split(/\n\n/).map((s) => s.trim()).filter(Boolean);
  // The source location ("on <console-input> line 1:", or "on  line 0:" for a diagnostic with no range).
  const body = parts.filter((p) => !/^on .* line \d+:/.test(p) && !p.startsWith("(source code"));
  return { summary: m[1].trim(), detail: body.join("\n\n").replace(/\s*\n\s*/g, " ").trim() };
}

/** Every diagnostic in the output, in order (the console may report several for one line). */
export function parseDiagnostics(text) {
  return text
    .split(/^(?=Error: )/m)
    .filter((chunk) => chunk.startsWith("Error: "))
    .map((chunk) => parseDiagnostic(chunk));
}

// Run only when executed directly (record-typeexpr.mjs imports the helpers above).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();

async function main() {
const exprs = readFileSync(input, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"));

// Each process gets its own empty directory: the console takes a state lock in its working directory.
const root = mkdtempSync(join(tmpdir(), "tfsim-console-"));
const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1" };

function run(expr, i) {
  const dir = mkdtempSync(join(root, `e${i}-`));
  if (filesDir) cpSync(filesDir, dir, { recursive: true });
  return new Promise((resolve, reject) => {
    const p = spawn("terraform", ["console", "-no-color"], { cwd: dir, env });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, out, err }));
    p.stdin.end(expr + "\n");
  });
}

const results = new Array(exprs.length);
let next = 0;
async function worker() {
  while (next < exprs.length) {
    const i = next++;
    const expr = exprs[i];
    const { code, out, err } = await run(expr, i);
    if (code === 0) results[i] = { expr, output: out.replace(/\n$/, "") };
    else {
      const errors = parseDiagnostics(err + out);
      results[i] = { expr, error: errors[0] ?? parseDiagnostic(err + out), ...(errors.length > 1 ? { errors } : {}) };
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
rmSync(root, { recursive: true, force: true });
writeFileSync(output, JSON.stringify(results, null, 1) + "\n");
console.log(`recorded ${results.length} expressions (${results.filter((r) => r.error).length} errors) into ${output}`);
}
