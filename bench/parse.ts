// `npm run bench -- parse`: a generated ~1 MB configuration, parsed and validated three ways, each as a
// whole process (startup included, as a user sees it):
//   (a) tfsim validate                          (falls back to a parse-only script if there is no validate)
//   (b) a node process running hcl2-parser's parseToObject on the same file
//   (c) terraform validate, after an offline terraform init (only built-in terraform_data is used)
// plus, in this process, the parser alone (ours vs hcl2-parser), to separate parsing from startup.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfigFile } from "../src/hcl/index.js";
import { sourceFile } from "../src/hcl/source.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = 5;

/** One unit of configuration (about 900 bytes): a variable, locals, a terraform_data and an output. */
function unit(n: number): string {
  return `variable "v_${n}" {
  type        = string
  default     = "value-${n}"
  description = "Variable number ${n}, with a description long enough to be realistic."
}

locals {
  l_${n} = {
    name  = "item-\${var.v_${n}}"
    tags  = { for k in ["a", "b", "c"] : k => upper("\${k}-${n}") }
    count = ${n} % 7 + 1
    list  = [for i in range(3) : i * ${n}]
    cond  = ${n} > 100 ? "big" : "small"
  }
}

resource "terraform_data" "r_${n}" {
  input = {
    name    = local.l_${n}.name
    tags    = local.l_${n}.tags
    size    = local.l_${n}.count * 2
    heredoc = <<-EOT
      Item ${n}
      name: \${local.l_${n}.name}
    EOT
  }
}

output "o_${n}" {
  value = terraform_data.r_${n}.output
}

`;
}

function generate(bytes: number): string {
  let text = "";
  for (let n = 0; text.length < bytes; n++) text += unit(n);
  return text;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

interface Timed {
  label: string;
  /** Wall-clock milliseconds (median). */
  ms: number;
  /** CPU milliseconds, user + system (median): steadier than wall time on a busy machine. */
  cpu: number;
  note: string;
}

/** Runs a command RUNS times under bash's `time`, which reports the child's own CPU time as well. */
function timeProcess(label: string, cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Timed {
  const walls: number[] = [];
  const cpus: number[] = [];
  let note = "";
  const out = join(cwd, ".bench-out");
  const times = join(cwd, ".bench-times");
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync("bash", ["-c", 'TIMEFORMAT="%3R %3U %3S"; { time "$@" >"$BENCH_OUT" 2>&1 ; } 2>"$BENCH_TIMES"', "bash", cmd, ...args], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, ...env, BENCH_OUT: out, BENCH_TIMES: times },
    });
    if (r.error) return { label, ms: NaN, cpu: NaN, note: `could not run: ${r.error.message}` };
    const [real, user, sys] = readFileSync(times, "utf8").trim().split(/\s+/).slice(-3).map(Number) as [number, number, number];
    walls.push(real * 1000);
    cpus.push((user + sys) * 1000);
    const output = readFileSync(out, "utf8").trim();
    note = `exit ${r.status}${r.status !== 0 ? `: ${output.split("\n").slice(0, 3).join(" | ")}` : ""}`;
  }
  return { label, ms: median(walls), cpu: median(cpus), note };
}

function timeInProcess(label: string, fn: () => void): Timed {
  fn(); // warm up
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { label, ms: median(walls), cpu: median(cpus), note: "in this process, after one warm-up run" };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tfsim-bench-parse-"));
  try {
    const text = generate(1024 * 1024);
    const file = join(dir, "main.tf");
    writeFileSync(file, text);
    console.log(`config: ${(text.length / 1024).toFixed(0)} KiB, ${text.split("\n").length} lines, in ${dir}`);

    const results: Timed[] = [];
    const tfsimBin = join(repoRoot, "bin/tfsim.js");
    const hasValidate = existsSync(join(repoRoot, "dist/src/cli/commands/validate.js"));
    if (hasValidate) {
      results.push(timeProcess("tfsim validate (process)", process.execPath, [tfsimBin, "validate", "-no-color"], dir, { NO_COLOR: "1" }));
    } else {
      const script = `import { parseConfigFile } from ${JSON.stringify(join(repoRoot, "dist/src/hcl/index.js"))};
import { sourceFile } from ${JSON.stringify(join(repoRoot, "dist/src/hcl/source.js"))};
import { readFileSync } from "node:fs";
const r = parseConfigFile(sourceFile("main.tf", readFileSync("main.tf", "utf8")));
if (r.diagnostics.length) { console.error(r.diagnostics.length + " diagnostics"); process.exit(1); }`;
      writeFileSync(join(dir, "parse.mjs"), script);
      results.push(timeProcess("tfsim parse-only script (no validate command yet)", process.execPath, ["parse.mjs"], dir));
    }

    const hcl2Path = createRequire(import.meta.url).resolve("hcl2-parser");
    writeFileSync(
      join(dir, "hcl2.cjs"),
      `const h = require(${JSON.stringify(hcl2Path)});
const r = h.parseToObject(require("fs").readFileSync("main.tf", "utf8"));
if (r[1]) { console.error(String(r[1])); process.exit(1); }`,
    );
    results.push(timeProcess("hcl2-parser parseToObject (process)", process.execPath, ["hcl2.cjs"], dir));

    const tfEnv = { CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "1" };
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, encoding: "utf8", env: { ...process.env, ...tfEnv } });
    if (init.error || init.status !== 0) {
      results.push({ label: "terraform validate (process)", ms: NaN, cpu: NaN, note: `terraform init failed: ${init.error?.message ?? init.stderr.trim()}` });
    } else {
      results.push(timeProcess("terraform validate (process)", "terraform", ["validate", "-no-color"], dir, tfEnv));
    }

    const src = readFileSync(file, "utf8");
    const hcl2 = createRequire(import.meta.url)("hcl2-parser") as { parseToObject(s: string): unknown };
    const oursParse = timeInProcess("our parser alone", () => {
      const r = parseConfigFile(sourceFile("main.tf", src));
      if (r.diagnostics.length) throw new Error("unexpected diagnostics");
    });
    const theirParse = timeInProcess("hcl2-parser parseToObject alone", () => void hcl2.parseToObject(src));
    results.push(oursParse, theirParse);

    const width = Math.max(...results.map((r) => r.label.length));
    const fmt = (x: number) => (Number.isNaN(x) ? "n/a".padStart(9) : (x.toFixed(0) + " ms").padStart(9));
    console.log(`${"".padEnd(width)}  ${"wall".padStart(9)}  ${"cpu".padStart(9)}   (medians of ${RUNS})`);
    for (const r of results) console.log(`${r.label.padEnd(width)}  ${fmt(r.ms)}  ${fmt(r.cpu)}   ${r.note}`);
    const ratio = (x: number, y: number) => (Number.isNaN(x) || Number.isNaN(y) ? "n/a" : `${(x / y).toFixed(1)}x`);
    const [ours, hcl2p, tf] = results as [Timed, Timed, Timed];
    console.log(`hcl2-parser process / tfsim process:  wall ${ratio(hcl2p.ms, ours.ms)}, cpu ${ratio(hcl2p.cpu, ours.cpu)}  (target >= 10x)`);
    console.log(`terraform validate / tfsim process:   wall ${ratio(tf.ms, ours.ms)}, cpu ${ratio(tf.cpu, ours.cpu)}  (target > 1x)`);
    console.log(`hcl2-parser parse / our parse:        wall ${ratio(theirParse.ms, oursParse.ms)}, cpu ${ratio(theirParse.cpu, oursParse.cpu)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
