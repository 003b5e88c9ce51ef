// Child modules' variable validation rules as Terraform's validate walk checks them: root variables are unknown
// then, but a module call's constant arguments and a child's defaults are known, so a rule they break fails
// `validate` (and plan and apply, which validate first). Each module call is checked once, not per instance:
// count.index and each are unknown here, as are resources.
//
// API:
//   moduleVariableValidations(rootDir, config) → Diagnostic[]
import { variableValidations } from "../config/variable-validation.js";
import { moduleInputValue } from "../config/variables.js";
import { blockScope, unknownRootVariables } from "../config/semantic.js";
import { moduleScope } from "../config/semantic-scope.js";
import type { Config } from "../config/model.js";
import type { Diagnostic } from "../diag/diagnostic.js";
import { DynamicType } from "../lang/types.js";
import { Value } from "../lang/value.js";
import { evalConfigExpression } from "../config/variables.js";
import { ModuleLoader } from "./module-source.js";

export function moduleVariableValidations(rootDir: string, config: Config): Diagnostic[] {
  const loader = new ModuleLoader(rootDir);
  const out: Diagnostic[] = [];
  const visit = (cfg: Config, variables: ReadonlyMap<string, Value>, prefix: string): void => {
    const base = moduleScope(cfg, { variables, baseDir: rootDir });
    for (const [name, call] of cfg.modules) {
      const key = prefix ? `${prefix}.${name}` : name;
      const l = loader.load(key, call);
      if (Array.isArray(l)) continue;
      const scope = blockScope(base, { count: call.count !== undefined, forEach: call.forEach !== undefined });
      const args = call.config.justAttributes().attributes;
      const values = new Map<string, Value>();
      for (const [n, decl] of l.config.variables) {
        const arg = args.get(n);
        const given = arg ? evalConfigExpression(arg.expr, scope) : undefined;
        // An argument that does not evaluate is reported by the semantic checks; its rules wait for plan.
        values.set(n, given?.diagnostics.some((d) => d.severity === "error") ? Value.unknown(DynamicType) : moduleInputValue(decl, given?.value));
      }
      const childScope = moduleScope(l.config, { variables: values, baseDir: rootDir });
      for (const [n, decl] of l.config.variables) out.push(...variableValidations(decl, childScope, args.get(n)?.expr.range, values.get(n)));
      visit(l.config, values, key);
    }
  };
  visit(config, unknownRootVariables(config), "");
  return out;
}
