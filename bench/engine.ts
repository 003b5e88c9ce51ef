// `npm run bench -- engine`: N terraform_data resources in N/10 chains of 10 (each input references the
// previous one's output), for N = 1,000 and 10,000: apply from empty, a no-change plan, and a plan after
// changing 10 inputs; tfsim and Terraform as whole processes, wall time and peak RSS (/usr/bin/time %M).
// Terraform at N = 10,000 takes many minutes on this machine, so it runs only with TFSIM_BENCH_TF_10K=1.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const tfsimBin = resolve(import.meta.dirname, "../../bin/tfsim.js");

function config(n: number, changed: number): string {
  const out: string[] = [];
  for (let c = 0; c < n / 10; c++) {
    for (let i = 0; i < 10; i++) {
      const input = i === 0 ? `"c${c}-0${c < changed ? "-changed" : ""}"` : `terraform_data.c${c}_${i - 1}.output`;
      out.push(`resource "terraform_data" "c${c}_${i}" {\n  input = ${input}\n}\n`);
    }
  }
  return out.join("");
}

export interface Measure {
  readonly seconds: number;
  readonly peakKb: number;
  readonly code: number;
  readonly stdout: string;
}

export function measure(cmd: string[], cwd: string, env: Readonly<Record<string, string>> = {}): Measure {
  const useTime = existsSync("/usr/bin/time");
  const argv = useTime ? ["/usr/bin/time", "-f", "TFSIM_BENCH %e %M", ...cmd] : cmd;
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", NO_COLOR: "1", ...env },
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const m = /TFSIM_BENCH ([\d.]+) (\d+)/.exec(r.stderr ?? "");
  return { seconds: m ? Number(m[1]) : wall, peakKb: m ? Number(m[2]) : 0, code: r.status ?? -1, stdout: r.stdout ?? "" };
}

function scenario(tool: "tfsim" | "terraform", n: number): Record<string, Measure> {
  const dir = mkdtempSync(join(tmpdir(), `bench-engine-${tool}-`));
  writeFileSync(join(dir, "main.tf"), config(n, 0));
  const cmd = (args: string[]): string[] => (tool === "tfsim" ? [process.execPath, tfsimBin, ...args] : ["terraform", ...args]);
  const res: Record<string, Measure> = {};
  res.apply = measure(cmd(["apply", "-auto-approve", "-no-color"]), dir);
  res.noChangePlan = measure(cmd(["plan", "-no-color"]), dir);
  writeFileSync(join(dir, "main.tf"), config(n, 10));
  res.plan10 = measure(cmd(["plan", "-no-color"]), dir);
  return res;
}

export async function run(): Promise<void> {
  const haveTf = spawnSync("terraform", ["version"]).status === 0;
  for (const n of [1000, 10000]) {
    const ours = scenario("tfsim", n);
    const tfRuns = haveTf && (n <= 1000 || process.env.TFSIM_BENCH_TF_10K === "1");
    const theirs = tfRuns ? scenario("terraform", n) : undefined;
    console.log(`\nN = ${n}${tfRuns ? "" : "  (terraform skipped: set TFSIM_BENCH_TF_10K=1 to run it)"}`);
    for (const k of ["apply", "noChangePlan", "plan10"]) {
      const a = ours[k]!;
      const b = theirs?.[k];
      const ratio = b ? `  ${(b.seconds / a.seconds).toFixed(1)}x faster` : "";
      console.log(
        `  ${k.padEnd(13)} tfsim ${a.seconds.toFixed(2)} s ${(a.peakKb / 1024).toFixed(0)} MB (exit ${a.code})` +
          (b ? `   terraform ${b.seconds.toFixed(2)} s ${(b.peakKb / 1024).toFixed(0)} MB (exit ${b.code})${ratio}` : ""),
      );
    }
  }
}
