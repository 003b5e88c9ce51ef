// A resource: `aws_instance.web` (managed) or `data.aws_ami.al2023` (data source), local to a module, and
// AbsResource, the same inside a particular module instance (`module.app[0].aws_instance.web`).
import { Diagnostics, error } from "../diag/diagnostic.js";
import { ModuleInstance, compareModuleInstances, parseModuleInstancePrefix } from "./module-instance.js";
import { failed, parsed, type ParseResult } from "./parse-result.js";
import { parseTraversal, type TraversalStep } from "./traversal.js";

export type ResourceMode = "managed" | "data";

export class Resource {
  private printed: string | undefined;

  constructor(
    readonly mode: ResourceMode,
    readonly type: string,
    readonly name: string,
  ) {}

  /** `aws_instance.web` or `data.aws_ami.al2023`. */
  toString(): string {
    return (this.printed ??= this.mode === "data" ? `data.${this.type}.${this.name}` : `${this.type}.${this.name}`);
  }

  key(): string {
    return this.toString();
  }

  equals(other: Resource): boolean {
    return this.mode === other.mode && this.type === other.type && this.name === other.name;
  }

  absolute(module: ModuleInstance): AbsResource {
    return new AbsResource(module, this);
  }

  /**
   * The provider's local name implied by the type when no `provider` argument says otherwise: the part before
   * the first underscore (`aws_instance` → `aws`), as Terraform's ImpliedProvider.
   */
  impliedProviderName(): string {
    const u = this.type.indexOf("_");
    return u < 0 ? this.type : this.type.slice(0, u);
  }
}

export class AbsResource {
  private printed: string | undefined;

  constructor(
    readonly module: ModuleInstance,
    readonly resource: Resource,
  ) {}

  /** `module.app[0].aws_instance.web`, or just `aws_instance.web` in the root module. */
  toString(): string {
    return (this.printed ??= this.module.isRoot() ? this.resource.toString() : `${this.module.toString()}.${this.resource.toString()}`);
  }

  key(): string {
    return this.toString();
  }

  equals(other: AbsResource): boolean {
    return this.key() === other.key();
  }
}

/** Terraform's listing order (`terraform state list`): by module instance, then resource (compareResources). */
export function compareAbsResources(a: AbsResource, b: AbsResource): number {
  const m = compareModuleInstances(a.module, b.module);
  if (m !== 0) return m;
  return compareResources(a.resource, b.resource);
}

/** Terraform's Resource.Less: data sources before managed resources, then by type, then by name. */
export function compareResources(a: Resource, b: Resource): number {
  if (a.mode !== b.mode) return a.mode === "data" ? -1 : 1;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}

/** Parses `module.a.aws_instance.web` or `data.aws_ami.x`. An instance key is an error here. */
export function parseAbsResource(text: string): ParseResult<AbsResource> {
  const t = parseTraversal(text);
  const diagnostics = new Diagnostics(t.diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const { module, remain } = parseModuleInstancePrefix(t.steps, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const r = parseResourceUnderModule(remain, diagnostics);
  if (!r) return failed(diagnostics);
  if (r.remain.length > 0) {
    diagnostics.append(error("Invalid address", "Resource address must not include an instance key.", r.remain[0]!.range));
    return failed(diagnostics);
  }
  return parsed(new AbsResource(module, r.resource));
}

/**
 * Reads `[data.|resource.]TYPE.NAME` from the front of `steps` as Terraform's parseResourceUnderModule does,
 * returning the resource and what follows it, or undefined after appending the reason to `diagnostics`.
 */
export function parseResourceUnderModule(
  steps: readonly TraversalStep[],
  diagnostics: Diagnostics,
): { resource: Resource; remain: readonly TraversalStep[] } | undefined {
  let mode: ResourceMode = "managed";
  let rest = steps;
  const first = rest[0];
  if (first && first.kind !== "index" && first.name === "data") {
    mode = "data";
    rest = rest.slice(1);
  } else if (first && first.kind !== "index" && first.name === "resource") {
    // Terraform accepts an optional `resource.` prefix, the counterpart of `data.`.
    rest = rest.slice(1);
  }
  if (rest.length < 2) {
    diagnostics.append(
      error("Invalid address", "Resource specification must include a resource type and name.", rest[0]?.range ?? steps[0]?.range),
    );
    return undefined;
  }
  const typeStep = rest[0]!;
  if (typeStep.kind === "index") {
    diagnostics.append(
      error("Invalid address", mode === "data" ? "A data source name is required." : "A resource type name is required.", typeStep.range),
    );
    return undefined;
  }
  const nameStep = rest[1]!;
  if (nameStep.kind !== "attr") {
    diagnostics.append(error("Invalid address", "A resource name is required.", nameStep.range));
    return undefined;
  }
  return { resource: new Resource(mode, typeStep.name, nameStep.name), remain: rest.slice(2) };
}
