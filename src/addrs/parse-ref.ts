// References in expressions (`var.x`, `module.app.url`, `aws_instance.web[0].id`, ...): one switch on the
// root name, as Terraform's addrs.ParseRef. A reference names what it refers to (its subject), the source
// range of that part, and the traversal steps left over (`.id` above), which evaluation applies to the value.
import { Diagnostics, error } from "../diag/diagnostic.js";
import type { Traverser } from "../hcl/ast.js";
import { unionRange, type Range } from "../hcl/source.js";
import { instanceKeyString, type InstanceKey } from "./instance-key.js";
import { Resource, type ResourceMode } from "./resource.js";
import { ResourceInstance } from "./resource-instance.js";
import { wholeNumberKey } from "./whole-number-key.js";

export type Referenceable =
  | { readonly kind: "input_variable"; readonly name: string }
  | { readonly kind: "local_value"; readonly name: string }
  /** `module.NAME`: all instances of a module call (or its only one; the caller decides). */
  | { readonly kind: "module_call"; readonly name: string }
  | { readonly kind: "module_call_instance"; readonly name: string; readonly key: InstanceKey }
  | { readonly kind: "module_call_output"; readonly call: string; readonly key?: InstanceKey; readonly name: string }
  /** A whole resource (all its instances). */
  | { readonly kind: "resource"; readonly resource: Resource }
  /** One instance, or the resource's only instance when no key was given but an attribute follows. */
  | { readonly kind: "resource_instance"; readonly instance: ResourceInstance }
  | { readonly kind: "count_attr"; readonly name: string }
  | { readonly kind: "for_each_attr"; readonly name: string }
  | { readonly kind: "path_attr"; readonly name: string }
  | { readonly kind: "terraform_attr"; readonly name: string }
  | { readonly kind: "self" };

export interface Reference {
  readonly subject: Referenceable;
  /** The part of the expression naming the subject. */
  readonly range: Range;
  /** Steps after the subject (`.id`, `["k"]`). */
  readonly remaining: readonly Traverser[];
}

/** The subject as Terraform prints it: `var.x`, `module.m[0].out`, `data.t.n`, `count.index`, `self`. */
export function referenceableString(r: Referenceable): string {
  switch (r.kind) {
    case "input_variable":
      return `var.${r.name}`;
    case "local_value":
      return `local.${r.name}`;
    case "module_call":
      return `module.${r.name}`;
    case "module_call_instance":
      return `module.${r.name}${instanceKeyString(r.key)}`;
    case "module_call_output":
      return `module.${r.call}${instanceKeyString(r.key)}.${r.name}`;
    case "resource":
      return r.resource.toString();
    case "resource_instance":
      return r.instance.toString();
    case "count_attr":
      return `count.${r.name}`;
    case "for_each_attr":
      return `each.${r.name}`;
    case "path_attr":
      return `path.${r.name}`;
    case "terraform_attr":
      return `terraform.${r.name}`;
    case "self":
      return "self";
  }
}

const RESERVED = new Set(["template", "lazy", "arg"]);

export interface ParseRefResult {
  /** Undefined exactly when `diagnostics` has errors. */
  readonly ref?: Reference;
  readonly diagnostics: Diagnostics;
}

/** Parses the reference a traversal starts with. */
export function parseRef(traversal: readonly Traverser[]): ParseRefResult {
  const diagnostics = new Diagnostics();
  const fail = (summary: string, detail: string, subject: Range): ParseRefResult => {
    diagnostics.append(error(summary, detail, subject));
    return { diagnostics };
  };
  const root = traversal[0];
  if (!root || root.kind !== "Root") throw new Error("parseRef needs a traversal that starts with a root name");
  const rootName = root.name;

  const singleAttr = (make: (name: string) => Referenceable): ParseRefResult => {
    const next = traversal[1];
    if (!next) return fail("Invalid reference", `The "${rootName}" object cannot be accessed directly. Instead, access one of its attributes.`, root.range);
    if (next.kind !== "Attr") return fail("Invalid reference", `The "${rootName}" object does not support this operation.`, next.range);
    return { ref: { subject: make(next.name), range: unionRange(root.range, next.range), remaining: traversal.slice(2) }, diagnostics };
  };

  switch (rootName) {
    case "var":
      return singleAttr((name) => ({ kind: "input_variable", name }));
    case "local":
      return singleAttr((name) => ({ kind: "local_value", name }));
    case "count":
      return singleAttr((name) => ({ kind: "count_attr", name }));
    case "each":
      return singleAttr((name) => ({ kind: "for_each_attr", name }));
    case "path":
      return singleAttr((name) => ({ kind: "path_attr", name }));
    case "terraform":
      return singleAttr((name) => ({ kind: "terraform_attr", name }));
    case "self":
      return { ref: { subject: { kind: "self" }, range: root.range, remaining: traversal.slice(1) }, diagnostics };
    case "module":
      return parseModuleRef();
    case "data":
    case "resource": {
      if (traversal.length < 3) {
        const what = rootName === "data" ? "the data source type" : "the resource type";
        return fail(
          "Invalid reference",
          `The "${rootName}" object must be followed by two attribute names: ${what} and the resource name.`,
          unionRange(root.range, traversal[traversal.length - 1]!.range),
        );
      }
      return parseResourceRef(rootName === "data" ? "data" : "managed", root.range, traversal.slice(1));
    }
    default:
      if (RESERVED.has(rootName)) {
        return fail(
          "Reserved symbol name",
          `The symbol name "${rootName}" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix "resource." to force interpretation as a resource type name.`,
          root.range,
        );
      }
      return parseResourceRef("managed", root.range, traversal);
  }

  function parseModuleRef(): ParseRefResult {
    const r = singleAttr((name) => ({ kind: "module_call", name }));
    if (!r.ref) return r;
    const name = (r.ref.subject as { name: string }).name;
    let remain = r.ref.remaining;
    let range = r.ref.range;
    if (remain.length === 0) return r;
    let key: InstanceKey | undefined;
    const idx = remain[0]!;
    if (idx.kind === "Index") {
      const k = instanceKey(idx, "module instance");
      if (k === undefined) return { diagnostics };
      key = k;
      remain = remain.slice(1);
      range = unionRange(range, idx.range);
      if (remain.length === 0) return { ref: { subject: { kind: "module_call_instance" as const, name, key }, range, remaining: remain }, diagnostics };
    }
    const out = remain[0]!;
    if (out.kind === "Attr") {
      const subject: Referenceable = key === undefined ? { kind: "module_call_output", call: name, name: out.name } : { kind: "module_call_output", call: name, key, name: out.name };
      return { ref: { subject, range: unionRange(range, out.range), remaining: remain.slice(1) }, diagnostics };
    }
    return fail("Invalid reference", "Module instance objects do not support this operation.", out.range);
  }

  function parseResourceRef(mode: ResourceMode, start: Range, steps: readonly Traverser[]): ParseRefResult {
    const what = mode === "data" ? "data source" : "resource type";
    if (steps.length < 2) {
      return fail(
        "Invalid reference",
        `A reference to a ${what} must be followed by at least one attribute access, specifying the resource name.`,
        unionRange(steps[0]!.range, steps[steps.length - 1]!.range),
      );
    }
    const typeStep = steps[0]!;
    if (typeStep.kind === "Index") return fail("Invalid reference", `The "data" object does not support this operation.`, typeStep.range);
    const nameStep = steps[1]!;
    if (nameStep.kind !== "Attr") {
      return fail(
        "Invalid reference",
        `A reference to a ${what} must be followed by at least one attribute access, specifying the resource name.`,
        nameStep.range,
      );
    }
    const resource = new Resource(mode, typeStep.name, nameStep.name);
    let range = unionRange(start, nameStep.range);
    let remain = steps.slice(2);
    if (remain.length === 0) return { ref: { subject: { kind: "resource" as const, resource }, range, remaining: remain }, diagnostics };
    let key: InstanceKey | undefined;
    const idx = remain[0]!;
    if (idx.kind === "Index") {
      key = instanceKey(idx, "resource instance");
      if (key === undefined) return { diagnostics };
      remain = remain.slice(1);
      range = unionRange(range, idx.range);
    }
    return { ref: { subject: { kind: "resource_instance" as const, instance: new ResourceInstance(resource, key) }, range, remaining: remain }, diagnostics };
  }

  function instanceKey(idx: Extract<Traverser, { kind: "Index" }>, what: string): InstanceKey | undefined {
    const lit = idx.key;
    if (lit.type === "string") return lit.value;
    if (lit.type === "number") {
      const k = wholeNumberKey(lit.value);
      if (typeof k === "number") return k;
      diagnostics.append(error("Invalid index key", `Invalid index for ${what}: ${k}.`, idx.range));
      return undefined;
    }
    diagnostics.append(error("Invalid index key", `Invalid index for ${what}: either a string or an integer is required.`, idx.range));
    return undefined;
  }
}
