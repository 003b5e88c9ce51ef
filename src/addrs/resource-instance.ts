// One instance of a resource: `aws_instance.web[0]`, `aws_s3_bucket.logs["a"]`, or the resource itself when
// it has neither count nor for_each; AbsResourceInstance places it in a module instance. These are the keys of
// the state, of the plan and of the graph's resource nodes.
import { Diagnostics, error } from "../diag/diagnostic.js";
import { compareInstanceKeys, instanceKeyString, type InstanceKey } from "./instance-key.js";
import { ModuleInstance, parseModuleInstancePrefix } from "./module-instance.js";
import { failed, parsed, type ParseResult } from "./parse-result.js";
import { AbsResource, Resource, compareAbsResources, parseResourceUnderModule } from "./resource.js";
import { parseTraversal, type TraversalStep } from "./traversal.js";
import { wholeNumberKey } from "./whole-number-key.js";

export class ResourceInstance {
  private printed: string | undefined;

  constructor(
    readonly resource: Resource,
    readonly key?: InstanceKey,
  ) {}

  toString(): string {
    return (this.printed ??= this.resource.toString() + instanceKeyString(this.key));
  }

  /** Named `mapKey` because `key` is the instance key. */
  mapKey(): string {
    return this.toString();
  }

  absolute(module: ModuleInstance): AbsResourceInstance {
    return new AbsResourceInstance(module, this);
  }
}

export class AbsResourceInstance {
  private printed: string | undefined;

  constructor(
    readonly module: ModuleInstance,
    readonly resource: ResourceInstance,
  ) {}

  static of(module: ModuleInstance, resource: Resource, key?: InstanceKey): AbsResourceInstance {
    return new AbsResourceInstance(module, new ResourceInstance(resource, key));
  }

  /** `module.app["a"].terraform_data.x[0]`. */
  toString(): string {
    return (this.printed ??= this.module.isRoot() ? this.resource.toString() : `${this.module.toString()}.${this.resource.toString()}`);
  }

  key(): string {
    return this.toString();
  }

  equals(other: AbsResourceInstance): boolean {
    return this.key() === other.key();
  }

  /** The resource this is an instance of. */
  containingResource(): AbsResource {
    return new AbsResource(this.module, this.resource.resource);
  }
}

/** The order of `terraform state list`: by resource (see compareAbsResources), then instance key. */
export function compareAbsResourceInstances(a: AbsResourceInstance, b: AbsResourceInstance): number {
  const r = compareAbsResources(a.containingResource(), b.containingResource());
  if (r !== 0) return r;
  return compareInstanceKeys(a.resource.key, b.resource.key);
}

/** Parses `module.app["a"].terraform_data.x[0]`, `data.aws_ami.al2023`, `aws_s3_bucket.logs["a"]`. */
export function parseAbsResourceInstance(text: string): ParseResult<AbsResourceInstance> {
  const t = parseTraversal(text);
  const diagnostics = new Diagnostics(t.diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const { module, remain } = parseModuleInstancePrefix(t.steps, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const r = parseResourceUnderModule(remain, diagnostics);
  if (!r) return failed(diagnostics);
  const key = parseInstanceKeySuffix(r.remain, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  return parsed(new AbsResourceInstance(module, new ResourceInstance(r.resource, key)));
}

/** Reads an optional single `[KEY]` that must end the address; appends Terraform's errors otherwise. */
export function parseInstanceKeySuffix(remain: readonly TraversalStep[], diagnostics: Diagnostics): InstanceKey | undefined {
  if (remain.length === 0) return undefined;
  if (remain.length > 1) {
    diagnostics.append(error("Invalid address", "Unexpected extra operators after address.", remain[1]!.range));
    return undefined;
  }
  const step = remain[0]!;
  if (step.kind !== "index") {
    diagnostics.append(error("Invalid address", "Resource instance key must be given in square brackets.", step.range));
    return undefined;
  }
  if (typeof step.key === "string") return step.key;
  const k = wholeNumberKey(step.key);
  if (typeof k === "string") {
    diagnostics.append(error("Invalid address", `Invalid resource instance key: ${k}.`, step.range));
    return undefined;
  }
  return k;
}
