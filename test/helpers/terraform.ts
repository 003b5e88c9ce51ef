// Runs the real Terraform (the oracle for language behaviour and output) offline, in a copy of a test
// directory so that nothing it writes lands in the source tree.
import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { tempDir, type RunResult } from "./cli.js";

const probe = spawnSync("terraform", ["version"], { encoding: "utf8" });
/** Why Terraform-oracle tests are skipped, or undefined when terraform is on PATH. */
export const terraformMissing: string | undefined =
  probe.status === 0 ? undefined : "terraform is not on PATH, so there is no oracle to compare with";

export const terraformEnv: NodeJS.ProcessEnv = { CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null", TF_IN_AUTOMATION: "" };

export function runTerraform(args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): RunResult {
  const r = spawnSync("terraform", args, {
    cwd: opts.cwd,
    encoding: "utf8",
    env: { ...process.env, ...terraformEnv, ...opts.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp copy of `dir`. */
export function copyToTemp(dir: string): string {
  const to = join(tempDir("tfsim-tf-"), "cfg");
  cpSync(dir, to, { recursive: true });
  return to;
}
