// `npm run bench -- eval`: a generated configuration of 10,000 locals and 10,000 terraform_data resources
// (templates, for expressions, function calls, chains of local references), evaluated as a user runs it,
// each a whole process, startup included:
//   validate: tfsim validate vs terraform validate (after an offline terraform init)
//   console:  `tfsim console` vs `terraform console` evaluating the last local, which pulls in a chain of
//             locals, and a for expression over all of them
// Ratios are tfsim / terraform (below 1 means tfsim is faster).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const N = 10_000;
const RUNS = 1;

function unit(n: number): string {
  const prev = n > 0 ? `local.l_${n - 1}.size` : "0";
  return `locals {
  l_${n} = {
    name = "item-\${var.prefix}-${n}"
    tags = { for k in ["a", "b", "c"] : k => upper("\${k}-${n}") }
    list = [for i in range(3) : i * ${n} if i != 1]
    size = ${prev} + length(format("%05d", ${n}))
    kind = ${n} % 2 == 0 ? "even" : "odd"
  }
}

resource "terraform_data" "r_${n}" {
  input = {
    name = local.l_${n}.name
    json = jsonencode(local.l_${n}.tags)
    list = local.l_${n}.list
  }
}
`;
}

function time(cmd: string, args: string[], cwd: string, input?: string): { ms: number; code: number; out: string } {
  let best = Infinity;
  let code = 0;
  let out = "";
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, {
      cwd,
      input: input ?? "",
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", NO_COLOR: "1" },
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    best = Math.min(best, ms);
    code = r.status ?? -1;
    out = (r.stdout + r.stderr).trim().split("\n").slice(-1)[0] ?? "";
  }
  return { ms: best, code, out };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "tfsim-bench-eval-"));
  try {
    const parts = ['variable "prefix" {\n  default = "p"\n}\n'];
    for (let n = 0; n < N; n++) parts.push(unit(n));
    writeFileSync(join(dir, "main.tf"), parts.join("\n"));
    const tfsim = [join(repoRoot, "bin/tfsim.js")];
    const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
    if (terraform) spawnSync("terraform", ["init", "-input=false"], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" } });

    const consoleInput = `local.l_${N - 1}.size\nlength([for k, v in { for i in range(1000) : tostring(i) => i } : v if v % 3 == 0])\n`;
    const rows: [string, { ms: number; code: number; out: string }, { ms: number; code: number; out: string } | undefined][] = [
      ["validate", time(process.execPath, [...tfsim, "validate", "-no-color"], dir), terraform ? time("terraform", ["validate", "-no-color"], dir) : undefined],
      [
        "console",
        time(process.execPath, [...tfsim, "console", "-no-color"], dir, consoleInput),
        terraform ? time("terraform", ["console", "-no-color"], dir, consoleInput) : undefined,
      ],
    ];
    console.log(`eval benchmark: ${N} locals + ${N} terraform_data resources, best of ${RUNS} run(s) (whole process)`);
    for (const [name, ours, theirs] of rows) {
      const ratio = theirs ? (ours.ms / theirs.ms).toFixed(2) : "n/a";
      console.log(
        `  ${name.padEnd(9)} tfsim ${ours.ms.toFixed(0).padStart(7)} ms (exit ${ours.code}, ${JSON.stringify(ours.out)})` +
          (theirs ? `   terraform ${theirs.ms.toFixed(0).padStart(7)} ms (exit ${theirs.code}, ${JSON.stringify(theirs.out)})   ratio ${ratio}` : "   terraform not installed"),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
