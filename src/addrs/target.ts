// A target: what -target, `state list ADDR` and `state mv` accept: a module instance, a resource, or a
// resource instance, as Terraform's ParseTarget.
import { Diagnostics } from "../diag/diagnostic.js";
import { ModuleInstance, parseModuleInstancePrefix } from "./module-instance.js";
import { failed, parsed, type ParseResult } from "./parse-result.js";
import { AbsResource, parseResourceUnderModule } from "./resource.js";
import { AbsResourceInstance, ResourceInstance, parseInstanceKeySuffix } from "./resource-instance.js";
import { parseTraversal } from "./traversal.js";

export type Target =
  | { readonly kind: "module"; readonly addr: ModuleInstance }
  | { readonly kind: "resource"; readonly addr: AbsResource }
  | { readonly kind: "instance"; readonly addr: AbsResourceInstance };

export function parseTarget(text: string): ParseResult<Target> {
  const t = parseTraversal(text);
  const diagnostics = new Diagnostics(t.diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const { module, remain } = parseModuleInstancePrefix(t.steps, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  if (remain.length === 0) return parsed({ kind: "module", addr: module });
  const r = parseResourceUnderModule(remain, diagnostics);
  if (!r) return failed(diagnostics);
  if (r.remain.length === 0) return parsed({ kind: "resource", addr: new AbsResource(module, r.resource) });
  const key = parseInstanceKeySuffix(r.remain, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  return parsed({ kind: "instance", addr: new AbsResourceInstance(module, new ResourceInstance(r.resource, key)) });
}

/** Whether `instance` is selected by `target` (the target itself or something inside it). */
export function targetContains(target: Target, instance: AbsResourceInstance): boolean {
  switch (target.kind) {
    case "module":
      return target.addr.isAncestorOf(instance.module);
    case "resource":
      return target.addr.equals(instance.containingResource());
    case "instance":
      return target.addr.equals(instance);
  }
}

export function targetString(target: Target): string {
  return target.addr.toString();
}
