#!/usr/bin/env node
// Records how Terraform applies type constraints: each line of test/testdata/lang/typeexpr-cases.txt
// ("TYPE ;; VALUE") becomes `variable "x" { type = TYPE, default = VALUE }` in an empty directory, and
// `var.x` is printed by `terraform console` (or the error Terraform reports). Output: typeexpr-cases.json.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDiagnostics } from "./record-console.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const input = join(here, "../testdata/lang/typeexpr-cases.txt");
const output = join(here, "../testdata/lang/typeexpr-cases.json");
const cases = readFileSync(input, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .map((l) => {
    const [type, value] = l.split(" ;; ");
    return { type: type.trim(), value: value.trim() };
  });
const root = mkdtempSync(join(tmpdir(), "tfsim-typeexpr-"));
const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1" };

function run(c, i) {
  const dir = mkdtempSync(join(root, `c${i}-`));
  writeFileSync(join(dir, "main.tf"), `variable "x" {\n  type    = ${c.type}\n  default = ${c.value}\n}\n`);
  return new Promise((resolve, reject) => {
    const p = spawn("terraform", ["console", "-no-color"], { cwd: dir, env });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, out }));
    p.stdin.end("var.x\n");
  });
}

const results = new Array(cases.length);
let next = 0;
async function worker() {
  while (next < cases.length) {
    const i = next++;
    const { code, out } = await run(cases[i], i);
    results[i] = code === 0 ? { ...cases[i], output: out.replace(/\n$/, "") } : { ...cases[i], errors: parseDiagnostics(out) };
  }
}
await Promise.all(Array.from({ length: 3 }, worker));
rmSync(root, { recursive: true, force: true });
writeFileSync(output, JSON.stringify(results, null, 1) + "\n");
console.log(`recorded ${results.length} type constraint cases into ${output}`);
