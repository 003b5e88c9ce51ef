// What a `removed` block's `from` names (Terraform's addrs.RemoveEndpoint): a module (`module.a.module.b`) or a
// resource within a module (`module.a.terraform_data.x`), never an instance of either, since the block is about
// configuration that is gone, whatever its count or for_each produced.
import { Diagnostics, error } from "../diag/diagnostic.js";
import { range } from "../hcl/source.js";
import type { Module } from "./module.js";
import { parseModuleInstancePrefix } from "./module-instance.js";
import { failed, parsed, type ParseResult } from "./parse-result.js";
import { parseResourceUnderModule, type Resource } from "./resource.js";
import type { AbsResourceInstance } from "./resource-instance.js";
import type { TraversalStep } from "./traversal.js";

export class RemoveTarget {
  constructor(
    readonly module: Module,
    /** Undefined when the whole module is removed. */
    readonly resource?: Resource,
  ) {}

  /** `module.a.terraform_data.x`, `terraform_data.x` or `module.a`. */
  toString(): string {
    if (!this.resource) return this.module.toString();
    return this.module.isRoot() ? this.resource.toString() : `${this.module.toString()}.${this.resource.toString()}`;
  }

  /** Whether the instance is one the block is about: an instance of the resource, or anything in the module. */
  contains(addr: AbsResourceInstance): boolean {
    const names = addr.module.steps.map((s) => s.name);
    const own = this.module.names;
    if (this.resource) return names.length === own.length && own.every((n, i) => n === names[i]) && addr.resource.resource.equals(this.resource);
    return names.length >= own.length && own.every((n, i) => n === names[i]);
  }
}

const moduleKeysDetail = 'Module address must be a module (e.g. "module.foo"), not a module instance (e.g. "module.foo[1]").';
const resourceKeysDetail = 'Resource address must be a resource (e.g. "test_instance.foo"), not a resource instance (e.g. "test_instance.foo[1]").';

/** Reads the `module.NAME` steps in front of `steps` (Terraform's parseModulePrefix): no instance keys allowed. */
function parseModulePrefix(steps: readonly TraversalStep[], diagnostics: Diagnostics): { module: Module; remain: readonly TraversalStep[] } {
  const inner = new Diagnostics();
  const { module, remain } = parseModuleInstancePrefix(steps, inner);
  const key = steps.slice(0, steps.length - remain.length).find((s) => s.kind === "index");
  if (key) diagnostics.append(error("Module instance keys not allowed", moduleKeysDetail, key.range));
  else diagnostics.append(inner);
  return { module: module.module(), remain };
}

/** Parses a `removed` block's `from` traversal, with Terraform's diagnostics on the offending step. */
export function parseRemoveTarget(steps: readonly TraversalStep[]): ParseResult<RemoveTarget> {
  const diagnostics = new Diagnostics();
  const { module, remain } = parseModulePrefix(steps, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  if (remain.length === 0) return parsed(new RemoveTarget(module));
  const r = parseResourceUnderModule(remain, diagnostics);
  if (!r) return failed(diagnostics);
  if (r.remain.length > 0) {
    diagnostics.append(error("Resource instance keys not allowed", resourceKeysDetail, r.remain[0]!.range));
    return failed(diagnostics);
  }
  if (r.resource.mode === "data") {
    const whole = range(steps[0]!.range.file, steps[0]!.range.start, steps[steps.length - 1]!.range.end);
    diagnostics.append(
      error("Data source address not allowed", "Data sources are never destroyed, so they are not valid targets of removed blocks. To remove the data source from state, remove the data source block from configuration.", whole),
    );
    return failed(diagnostics);
  }
  return parsed(new RemoveTarget(module, r.resource));
}
