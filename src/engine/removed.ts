// What `removed` blocks do to a plan (Terraform 1.7+), in any module (a child module's `from` is relative to it):
// before planning, a block whose target is still declared is an error; an object in state under a target with
// `lifecycle { destroy = false }` is neither refreshed nor destroyed but forgotten (the plan's "forget" action
// drops it from state, no provider call), with a warning naming each one. With `destroy = true` (the default)
// it is destroyed as any orphan.
import { Module, RemoveTarget, type AbsResourceInstance } from "../addrs/index.js";
import type { Config, ModuleCall, Removed } from "../config/model.js";
import { error, warning, type Diagnostic } from "../diag/diagnostic.js";
import { ModuleLoader } from "./module-source.js";
import { refreshScope } from "./targeting.js";

/** A `removed` block anywhere in the configuration tree, its target made absolute (from the root module). */
interface RemovedInTree {
  readonly block: Removed;
  readonly target: RemoveTarget;
}

const inTree = new WeakMap<Config, RemovedInTree[]>();

/** Every module's `removed` blocks (a child module's `from` is relative to that module), root module first. */
function removedInTree(loader: ModuleLoader, config: Config): RemovedInTree[] {
  // Plan and the CLI ask several times per run; the module tree is read once.
  const known = inTree.get(config);
  if (known) return known;
  const out: RemovedInTree[] = [];
  inTree.set(config, out);
  const visit = (cfg: Config, path: readonly string[]): void => {
    for (const block of cfg.removed) {
      const t = block.target;
      if (t) out.push({ block, target: path.length === 0 ? t : new RemoveTarget(new Module([...path, ...t.module.names]), t.resource) });
    }
    for (const [name, call] of cfg.modules) {
      const l = loader.load([...path, name].join("."), call);
      if (!Array.isArray(l)) visit(l.config, [...path, name]);
    }
  };
  visit(config, []);
  return out;
}

/** Terraform's pre-plan check: "Removed resource still exists" / "Removed module still exists". */
export function removedStillDeclared(dir: string, config: Config): Diagnostic[] {
  const loader = new ModuleLoader(dir);
  const out: Diagnostic[] = [];
  for (const { target: t } of removedInTree(loader, config)) {
    // The module holding the target (the resource's module, or the removed module's caller).
    const path = t.resource ? t.module.names : t.module.names.slice(0, -1);
    let cfg: Config | undefined = config;
    for (let i = 0; i < path.length && cfg; i++) {
      const call: ModuleCall | undefined = cfg.modules.get(path[i]!);
      const loaded: ReturnType<ModuleLoader["load"]> | undefined = call ? loader.load(path.slice(0, i + 1).join("."), call) : undefined;
      cfg = loaded && !Array.isArray(loaded) ? loaded.config : undefined;
    }
    if (!cfg) continue;
    const declared = t.resource ? (t.resource.mode === "managed" ? cfg.resources.get(t.resource.toString()) : undefined) : cfg.modules.get(t.module.names[t.module.names.length - 1]!);
    if (!declared) continue;
    out.push(error(t.resource ? "Removed resource still exists" : "Removed module still exists", `This statement declares that ${t.toString()} was removed, but it is still declared in configuration.`, declared.declRange));
  }
  return out;
}

/** The `removed` block an object in state falls under, if any (the root module's first, then in declaration order). */
export function removedBlockOf(dir: string, config: Config): (addr: AbsResourceInstance) => Removed | undefined {
  const blocks = removedInTree(new ModuleLoader(dir), config);
  return (addr) => blocks.find((r) => r.target.contains(addr))?.block;
}

/**
 * What a plan refreshes: what -target reaches (everything without it), less the objects the plan forgets, which
 * Terraform does not read; a -refresh-only plan forgets nothing and reads them too.
 */
export function planRefreshScope(dir: string, config: Config, targets: readonly string[], refreshOnly: boolean): ((addr: AbsResourceInstance) => boolean) | undefined {
  const scope = refreshScope(dir, config, targets);
  return refreshOnly ? scope : withoutForgotten(dir, config, scope);
}

/** A refresh scope without the objects the plan forgets. */
function withoutForgotten(dir: string, config: Config, scope?: (addr: AbsResourceInstance) => boolean): ((addr: AbsResourceInstance) => boolean) | undefined {
  const blocks = removedInTree(new ModuleLoader(dir), config);
  if (!blocks.some((r) => !r.block.destroy)) return scope;
  const blockOf = removedBlockOf(dir, config);
  return (addr) => blockOf(addr)?.destroy !== false && (scope?.(addr) ?? true);
}

export const FORGET_WARNING = "Some objects will no longer be managed by tfsim";

/** The warning a plan that forgets objects carries (on plan and apply), the addresses in sorted order. */
export function forgetWarning(addrs: readonly string[]): Diagnostic {
  return warning(
    FORGET_WARNING,
    `If you apply this plan, tfsim will discard its tracking information for the following objects, but it will not delete them:\n${[...addrs]
      .sort()
      .map((a) => ` - ${a}`)
      .join("\n")}\n\nAfter applying this plan, tfsim will no longer manage these objects. You will need to import them into tfsim to manage them again.`,
  );
}
