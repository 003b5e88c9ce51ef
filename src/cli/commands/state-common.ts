// What the state commands share: opening the local state (-state=PATH), Terraform's "no state" error, matching
// addresses given on the command line against the instances in state, and the timestamped backup that
// `state rm` and `state mv` leave next to the state file.
import { copyFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { parseAbsResourceInstance, parseModuleInstance, type AbsResourceInstance } from "../../addrs/index.js";
import { Diagnostics, error } from "../../diag/diagnostic.js";
import { LocalBackend, type State } from "../../../state/index.js";
import { println, type CliContext, type FlagValue } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";

export const NO_STATE_FILE = `No state file was found!

State management commands require a state file. Run this command
in a directory where tfsim has been run or use the -state flag
to point the command to a specific state location.`;

export function stateBackend(ctx: CliContext, flag: FlagValue | undefined, backup?: string): LocalBackend {
  const path = typeof flag === "string" && flag !== "" ? flag : "terraform.tfstate";
  return new LocalBackend(path, { cwd: ctx.cwd, ...(backup === "-" ? { backupPath: false } : backup ? { backupPath: backup } : {}) });
}

/** The state, or undefined after printing why not (exit 1). */
export async function readState(ctx: CliContext, backend: LocalBackend, requireFile: boolean): Promise<State | undefined | null> {
  const got = await backend.get();
  if (got.diagnostics.hasErrors()) {
    writeDiagnostics(ctx, got.diagnostics);
    return undefined;
  }
  if (!got.state) {
    if (requireFile) {
      println(ctx.stderr, NO_STATE_FILE);
      return undefined;
    }
    return null;
  }
  return got.state;
}

/**
 * The instances an address on the command line selects, as Terraform's state commands read it: a module
 * (every instance in it), a whole resource (every instance), or one instance.
 */
export function matchInstances(state: State, text: string): { instances: AbsResourceInstance[]; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const all = state.instances().map((i) => i.addr);
  if (/^module\.[^.]+(\[[^\]]*\])?(\.module\.[^.]+(\[[^\]]*\])?)*$/.test(text)) {
    const m = parseModuleInstance(text);
    if (!m.addr) return { instances: [], diagnostics: m.diagnostics };
    const steps = m.addr.steps;
    // The module instance and its descendants; a last step without a key (module.app) stands for every
    // instance of that call, as Terraform's state commands read it.
    const within = (a: AbsResourceInstance): boolean =>
      a.module.steps.length >= steps.length &&
      steps.every((s, i) => s.name === a.module.steps[i]!.name && (s.key === a.module.steps[i]!.key || (i === steps.length - 1 && s.key === undefined)));
    return { instances: all.filter(within), diagnostics };
  }
  const p = parseAbsResourceInstance(text);
  if (!p.addr) {
    diagnostics.append(error("Invalid address", "Resource specification must include a resource type and name."));
    return { instances: [], diagnostics };
  }
  const want = p.addr;
  if (want.resource.key === undefined && !/\]$/.test(text)) {
    const res = want.containingResource().toString();
    return { instances: all.filter((a) => a.containingResource().toString() === res), diagnostics };
  }
  return { instances: all.filter((a) => a.toString() === want.toString()), diagnostics };
}

/** Terraform's backup before a state command changes the state: <state>.<unix seconds>.backup. */
export async function timestampedBackup(ctx: CliContext, backend: LocalBackend, flag: FlagValue | undefined): Promise<void> {
  if (flag === "-") return;
  const target =
    typeof flag === "string" && flag !== ""
      ? isAbsolute(flag)
        ? flag
        : join(ctx.cwd, flag)
      : `${backend.statePath}.${Math.floor(Date.now() / 1000)}.backup`;
  await copyFile(backend.statePath, target);
}

export const STATE_FLAG_HELP = `  -state=PATH         Path to the state file. Defaults to "terraform.tfstate".`;
