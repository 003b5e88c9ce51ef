// Runs the same configuration through tfsim and through Terraform and normalises what legitimately differs:
// the product's name, generated ids, lineage, and the order in which parallel progress lines interleave.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runTfsim, type RunResult } from "../../helpers/cli.js";
import { spawnSync } from "node:child_process";
import { copyToTemp, runTerraform, terraformEnv } from "../../helpers/terraform.js";

/** runTerraform with text on stdin (answers to prompts). */
function terraformWithInput(args: readonly string[], cwd: string, input: string): RunResult {
  const r = spawnSync("terraform", args, { cwd, input, encoding: "utf8", env: { ...process.env, ...terraformEnv } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Output with ids replaced, "Terraform" read as "tfsim", and runs of progress/refresh lines sorted. */
export function normalise(text: string): string {
  const lines = text.replace(UUID, "ID").replace(/Terraform/g, "tfsim").replace(/terraform (apply|plan)/g, "tfsim $1").split("\n");
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    out.push(...run.sort());
    run = [];
  };
  for (const l of lines) {
    // Terraform's UI now and then drops a completion line of a parallel walk; compare the rest.
    if (/: (Creation|Modifications|Destruction) complete after/.test(l)) continue;
    if (/: (Preparing import|Importing|Import complete|Refreshing state|Creating|Creation complete|Modifying|Modifications complete|Destroying|Destruction complete)/.test(l)) run.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out.join("\n");
}

export interface Pair {
  readonly tfsim: string;
  readonly terraform: string;
  run(args: readonly string[], input?: string): { tfsim: RunResult; terraform: RunResult };
  write(file: string, text: string): void;
  /** Each state's resources with ids blanked, for comparing contents. */
  states(): { tfsim: unknown; terraform: unknown };
}

/** With `color`, tfsim runs with colour on (NO_COLOR unset), as terraform always does without -no-color. */
export function pair(dir: string, opts: { color?: boolean } = {}): Pair {
  const a = copyToTemp(dir);
  const b = copyToTemp(dir);
  const stateOf = (d: string): unknown => {
    const s = JSON.parse(readFileSync(join(d, "terraform.tfstate"), "utf8").replace(UUID, "ID")) as Record<string, unknown>;
    return { version: s.version, outputs: s.outputs, resources: s.resources };
  };
  return {
    tfsim: a,
    terraform: b,
    run: (args, input) => ({ tfsim: runTfsim(args, { cwd: a, ...(input !== undefined ? { input } : {}), ...(opts.color ? { env: { NO_COLOR: "" } } : {}) }), terraform: input === undefined ? runTerraform(args, { cwd: b }) : terraformWithInput(args, b, input) }),
    write: (file, text) => {
      writeFileSync(join(a, file), text);
      writeFileSync(join(b, file), text);
    },
    states: () => ({ tfsim: stateOf(a), terraform: stateOf(b) }),
  };
}
