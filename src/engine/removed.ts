// What the root module's `removed` blocks do to a plan (Terraform 1.7+): before planning, a block whose target
// is still declared is an error; an object in state under a target with `lifecycle { destroy = false }` is
// neither refreshed nor destroyed but forgotten (the plan's "forget" action drops it from state, no provider
// call), with a warning naming each one. With `destroy = true` (the default) it is destroyed as any orphan.
import type { AbsResourceInstance } from "../addrs/index.js";
import type { Config, ModuleCall, Removed } from "../config/model.js";
import { error, warning, type Diagnostic } from "../diag/diagnostic.js";
import { ModuleLoader } from "./module-source.js";

/** Terraform's pre-plan check: "Removed resource still exists" / "Removed module still exists". */
export function removedStillDeclared(dir: string, config: Config): Diagnostic[] {
  const loader = new ModuleLoader(dir);
  const out: Diagnostic[] = [];
  for (const r of config.removed) {
    const t = r.target;
    if (!t) continue;
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

/** The `removed` block an object in state falls under, if any (the first one declared). */
export function removedBlockOf(config: Config): (addr: AbsResourceInstance) => Removed | undefined {
  const blocks = config.removed.filter((r) => r.target);
  return (addr) => blocks.find((r) => r.target!.contains(addr));
}

/** A refresh scope without the objects the plan forgets: Terraform does not read them. */
export function withoutForgotten(config: Config, scope?: (addr: AbsResourceInstance) => boolean): ((addr: AbsResourceInstance) => boolean) | undefined {
  if (!config.removed.some((r) => !r.destroy)) return scope;
  const blockOf = removedBlockOf(config);
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
