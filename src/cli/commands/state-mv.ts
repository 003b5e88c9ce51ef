// `tfsim state mv [-dry-run] SOURCE DESTINATION`: renames resource instances, whole resources or modules in
// state (the objects keep their attributes), after a timestamped backup, under the state lock.
import { parseAbsResourceInstance, type AbsResourceInstance } from "../../addrs/index.js";
import { Diagnostics, error } from "../../diag/diagnostic.js";
import type { InstanceObject } from "../../../state/index.js";
import { println, type Command } from "../command.js";
import { writeDiagnostics } from "../render-diagnostics.js";
import { matchInstances, readState, stateBackend, STATE_FLAG_HELP, timestampedBackup } from "./state-common.js";
import { withStateLock } from "./state-lock.js";

const MODULE = /^module\.[^.[]+(\[[^\]]*\])?(\.module\.[^.[]+(\[[^\]]*\])?)*$/;

function fail(ctx: Parameters<Command["run"]>[1], summary: string, detail: string): number {
  writeDiagnostics(ctx, new Diagnostics([error(summary, detail)]));
  return 1;
}

export const stateMvCommand: Command = {
  name: "state mv",
  synopsis: "Move an item in the state",
  help: `Usage: tfsim [global options] state mv [options] SOURCE DESTINATION

 This command will move an item matched by the address given to the
 destination address. This command can also move to a destination address
 in a completely different state file.

 This can be used for simple resource renaming, moving items to and from
 a module, moving entire modules, and more. And because this command can also
 move data to a completely new state, it can also be used for refactoring
 one configuration into multiple separately managed tfsim configurations.

 This command will output a backup copy of the state prior to saving any
 changes. The backup cannot be disabled. Due to the destructive nature
 of this command, backups are required.

Options:

  -dry-run                If set, prints out what would've been moved but doesn't
                          actually move anything.

  -backup=PATH            Path where tfsim should write the backup for the
                          original state.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

${STATE_FLAG_HELP}
`,
  flags: {
    "dry-run": { type: "boolean" },
    backup: { type: "string" },
    state: { type: "string" },
    lock: { type: "boolean", default: true },
    "lock-timeout": { type: "string" },
  },
  async run(args, ctx) {
    if (args.positionals.length !== 2) {
      println(ctx.stderr, "Exactly two arguments expected.\n");
      ctx.stderr.write(this.help);
      return 1;
    }
    const [src, dst] = args.positionals as [string, string];
    const backend = stateBackend(ctx, args.flags.state, "-");
    return withStateLock(ctx, backend, args.flags, async () => {
      const state = await readState(ctx, backend, true);
      if (!state) return 1;
      const m = matchInstances(state, src);
      if (m.diagnostics.hasErrors()) {
        writeDiagnostics(ctx, m.diagnostics);
        return 1;
      }
      if (m.instances.length === 0) return fail(ctx, "Invalid source address", `Cannot move ${src}: does not match anything in the current state.`);
      // Each source instance and where it goes.
      const moves: [AbsResourceInstance, AbsResourceInstance][] = [];
      const wholeResource = !MODULE.test(src) && !src.endsWith("]");
      for (const from of m.instances) {
        let target: string;
        if (MODULE.test(src)) {
          if (!MODULE.test(dst)) return fail(ctx, "Invalid target address", `Cannot move ${src} to ${dst}: the target must also be a module.`);
          target = dst + from.toString().slice(src.length);
        } else if (wholeResource) {
          const key = from.toString().slice(from.containingResource().toString().length);
          target = dst.endsWith("]") && m.instances.length === 1 && key === "" ? dst : dst + key;
        } else target = dst;
        const p = parseAbsResourceInstance(target);
        if (!p.addr) {
          writeDiagnostics(ctx, p.diagnostics);
          return 1;
        }
        if (p.addr.resource.resource.type !== from.resource.resource.type) {
          return fail(ctx, "Invalid state move request", `Cannot move ${from.toString()} to ${p.addr.toString()}: resource types don't match.`);
        }
        if (state.instance(p.addr)) {
          return fail(ctx, "Invalid target address", `Cannot move to ${p.addr.toString()}: there is already a resource instance at that address in the current state.`);
        }
        moves.push([from, p.addr]);
      }
      if (args.flags["dry-run"]) {
        // A module moves module instance by module instance, nested ones included, as the real move reports.
        if (MODULE.test(src)) for (const mod of movedModules(moves)) println(ctx.stdout, `Would move ${JSON.stringify(mod)} to ${JSON.stringify(dst + mod.slice(src.length))}`);
        else println(ctx.stdout, `Would move ${JSON.stringify(src)} to ${JSON.stringify(dst)}`);
        return 0;
      }
      for (const [from, to] of moves) {
        const r = state.resource(from.containingResource())!;
        const inst = state.instance(from)!;
        const current: InstanceObject | undefined = inst.current;
        const deposed = [...inst.deposed];
        for (const [dk] of deposed) state.setDeposed(from, r.provider, dk, undefined);
        state.setCurrent(from, r.provider, undefined);
        if (current) state.setCurrent(to, r.provider, current);
        for (const [dk, o] of deposed) state.setDeposed(to, r.provider, dk, o);
      }
      await timestampedBackup(ctx, backend, args.flags.backup);
      const put = await backend.put(state);
      if (put.hasErrors()) {
        writeDiagnostics(ctx, put);
        return 1;
      }
      if (MODULE.test(src)) {
        // Terraform moves module instance by module instance, nested ones included.
        const mods = movedModules(moves);
        for (const mod of mods) println(ctx.stdout, `Move ${JSON.stringify(mod)} to ${JSON.stringify(dst + mod.slice(src.length))}`);
        println(ctx.stdout, `Successfully moved ${mods.length} object(s).`);
      } else {
        println(ctx.stdout, `Move ${JSON.stringify(src)} to ${JSON.stringify(dst)}`);
        println(ctx.stdout, `Successfully moved 1 object(s).`);
      }
      return 0;
    });
  },
};

/** The module instances a module move touches (the module and its nested ones), in address order. */
function movedModules(moves: readonly [AbsResourceInstance, AbsResourceInstance][]): string[] {
  return [...new Set(moves.map(([from]) => from.module.toString()))].sort();
}
