// Child modules' input variables as Terraform's validate walk prepares and checks them: root variables are
// unknown then, but a module call's constant arguments and a child's defaults are known, so an argument of the
// wrong type or a rule they break fails `validate` (and plan and apply, which validate first). Each module call
// is checked once, not per instance: count.index and each are unknown here, as are resources.
//
// API:
//   moduleVariableValidations(rootDir, config) → Diagnostic[]
import { variableValidations } from "../config/variable-validation.js";
import { evalConfigExpression, moduleInputValue } from "../config/variables.js";
import { blockScope, unknownRootVariables } from "../config/semantic.js";
import { moduleScope } from "../config/semantic-scope.js";
import type { Config } from "../config/model.js";
import type { Diagnostic } from "../diag/diagnostic.js";
import { DynamicType } from "../lang/types.js";
import { Value } from "../lang/value.js";
import { ModuleLoader } from "./module-source.js";

export function moduleVariableValidations(rootDir: string, config: Config): Diagnostic[] {
  const loader = new ModuleLoader(rootDir);
  const out: Diagnostic[] = [];
  /** `names`: the calls' names down to `cfg` (the loader's key); `addr`: its address ("module.a.module.b"). */
  const visit = (cfg: Config, variables: ReadonlyMap<string, Value>, names: readonly string[]): void => {
    const base = moduleScope(cfg, { variables, baseDir: rootDir });
    for (const [name, call] of cfg.modules) {
      const path = [...names, name];
      const l = loader.load(path.join("."), call);
      if (Array.isArray(l)) continue;
      const addr = path.map((n) => `module.${n}`).join(".");
      const scope = blockScope(base, { count: call.count !== undefined, forEach: call.forEach !== undefined });
      const args = call.config.justAttributes().attributes;
      const values = new Map<string, Value>();
      for (const [n, decl] of l.config.variables) {
        const arg = args.get(n);
        const given = arg ? evalConfigExpression(arg.expr, scope) : undefined;
        // An argument that does not evaluate is reported by the semantic checks; its rules wait for plan.
        if (given?.diagnostics.some((d) => d.severity === "error")) {
          values.set(n, Value.unknown(DynamicType));
          continue;
        }
        const prepared = moduleInputValue(`${addr}.var.${n}`, decl, given && arg ? { value: given.value, range: arg.expr.range } : undefined);
        out.push(...prepared.diagnostics);
        values.set(n, prepared.value);
      }
      const childScope = moduleScope(l.config, { variables: values, baseDir: rootDir });
      for (const [n, decl] of l.config.variables) out.push(...variableValidations(decl, childScope, args.get(n)?.expr.range, values.get(n)));
      visit(l.config, values, path);
    }
  };
  const root = unknownRootVariables(config);
  // The root's rules wait for plan (their values are unknown), but Terraform's walk already warns here for a
  // JSON error_message it reads literally.
  const rootScope = moduleScope(config, { variables: root, baseDir: rootDir });
  for (const decl of config.variables.values()) out.push(...variableValidations(decl, rootScope, decl.declRange).filter((d) => d.severity === "warning"));
  visit(config, root, []);
  return out;
}
