// What Terraform checks of import blocks while loading the configuration, before the plan evaluates them: a
// `to` written as a plain address must not repeat another block's, must fit the target resource's count or
// for_each, and must not name an undeclared module call; a constant `id` must be a non-empty string and a
// constant `for_each` a collection. The engine (src/engine/import.ts) applies the same rules to what only
// evaluation can tell, with these same diagnostics.
import { parseAbsResourceInstance, type InstanceKey } from "../addrs/index.js";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Expression as AstExpression } from "../hcl/ast.js";
import type { Range } from "../hcl/source.js";
import { convert, isConversionError } from "../lang/convert.js";
import { referencePath } from "../lang/reference-path.js";
import { DynamicType, StringType } from "../lang/types.js";
import { Value } from "../lang/value.js";
import { rangeString, type Expression } from "./body.js";
import type { Config, Import, Resource } from "./model.js";
import { evalConfigExpression } from "./variables.js";

/** The root module node an import block's `to` lives under ("type.name" or "module.NAME"), from its text alone. */
export function importNode(imp: Import): string | undefined {
  const n = imp.to?.syntax === "native" ? (imp.to.node as AstExpression) : undefined;
  const path = n ? referencePath(n, () => Value.unknown(DynamicType)) : undefined;
  if (!path || typeof path[0] !== "string" || typeof path[1] !== "string") return undefined;
  return path[0] === "module" ? `module.${path[1]}` : `${path[0]}.${path[1]}`;
}

/** Terraform's "Configuration for import target does not exist": a root resource's has a hint to generate it. */
export function missingConfig(imp: Import, target: string, rootResource: boolean, range: Range | undefined = imp.to?.range): Diagnostic {
  const summary = "Configuration for import target does not exist";
  if (rootResource)
    return error(
      summary,
      `The configuration for the given import target ${target} does not exist. If you wish to automatically generate config for this resource, use the -generate-config-out option within tfsim plan. Otherwise, make sure the target resource exists within your configuration. For example:\n\n  tfsim plan -generate-config-out=generated.tf`,
      range,
    );
  return error(summary, `The configuration for the given import target ${target} does not exist. All target instances must have an associated configuration to be imported.`, range);
}

/** Terraform's error for a second import block naming `addr`. */
export function duplicateImport(addr: string, first: Import, range: Range | undefined): Diagnostic {
  return error(`Duplicate import configuration for ${JSON.stringify(addr)}`, `An import block for the resource ${JSON.stringify(addr)} was already declared at ${rangeString(first.declRange)}. A resource can have only one import block.`, range);
}

/** Terraform's error for an instance key the target resource's repetition cannot have, if any. */
export function importKeyProblem(cfg: Resource, key: InstanceKey | undefined, range: Range | undefined): Diagnostic | undefined {
  if (typeof key === "number" && !cfg.count) return error("Invalid import 'to' expression", "The target resource does not use count.", range);
  if (typeof key === "string" && !cfg.forEach) return error("Invalid import 'to' expression", "The target resource does not use for_each.", range);
  return undefined;
}

/** The import ID a known `id` value gives, or Terraform's error for it. */
export function importIdOf(v: Value, range: Range | undefined): string | Diagnostic {
  const [plain] = v.unmarkDeep();
  if (plain.isNull()) return error("Invalid import id argument", "The import ID cannot be null.", range);
  const s = convert(plain, StringType);
  if (isConversionError(s) || !s.isKnown()) return error("Invalid import id argument", "The import ID value is unsuitable: a string is required.", range);
  if (s.asString() === "") return error("Invalid import id argument", "The import ID value evaluates to an empty string, please provide a non-empty value.", range);
  return s.asString();
}

/** Terraform's error for a for_each value that is not a collection. */
export function forEachNotCollection(range: Range): Diagnostic {
  return error("Invalid for_each argument", 'The "for_each" expression must be a collection.', range);
}

function isCollection(v: Value): boolean {
  return ["set", "list", "tuple", "map", "object"].includes(v.type.kind);
}

/** A constant expression's value (one that references nothing), else undefined. */
function constant(e: Expression | undefined): Value | undefined {
  if (!e || e.references().length > 0) return undefined;
  const r = evalConfigExpression(e);
  return r.diagnostics.length ? undefined : r.value;
}

/** The load-time problems of the root module's import blocks. */
export function importBlockProblems(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, Import>();
  for (const imp of config.imports) {
    const fe = constant(imp.forEach);
    if (imp.forEach && fe && fe.isKnown() && !fe.isNull() && !isCollection(fe)) out.push(forEachNotCollection(imp.forEach.range));
    const id = constant(imp.id);
    if (id && id.isWhollyKnown()) {
      const got = importIdOf(id, imp.id?.range);
      if (typeof got !== "string") out.push(got);
    }
    const to = imp.to;
    if (!to || to.syntax !== "native" || (to.node as { kind?: string }).kind !== "ScopeTraversal") continue;
    const p = parseAbsResourceInstance(to.range.file.text.slice(to.range.start, to.range.end));
    if (!p.addr) continue;
    const addr = p.addr;
    const call = addr.module.steps[0]?.name;
    if (call !== undefined && !config.modules.has(call)) {
      out.push(missingConfig(imp, addr.toString(), false));
      continue;
    }
    const cfg = addr.module.isRoot() ? config.resources.get(addr.resource.resource.toString()) : undefined;
    const bad = cfg && importKeyProblem(cfg, addr.resource.key, to.range);
    if (bad) {
      out.push(bad);
      continue;
    }
    const first = seen.get(addr.toString());
    if (first) out.push(duplicateImport(addr.toString(), first, to.range));
    else seen.set(addr.toString(), imp);
  }
  return out;
}
