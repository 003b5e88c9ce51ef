// A module instance: the path of module calls from the root, each with its instance key when the call uses
// count or for_each (`module.app["a"].module.db[0]`). The root module instance has no steps.
import { Diagnostics, error } from "../diag/diagnostic.js";
import { compareInstanceKeys, instanceKeyString, type InstanceKey } from "./instance-key.js";
import { Module } from "./module.js";
import { failed, parsed, type ParseResult } from "./parse-result.js";
import { parseTraversal, type TraversalStep } from "./traversal.js";
import { wholeNumberKey } from "./whole-number-key.js";

export interface ModuleInstanceStep {
  readonly name: string;
  readonly key?: InstanceKey;
}

export class ModuleInstance {
  static readonly root = new ModuleInstance([]);

  private printed: string | undefined;

  constructor(readonly steps: readonly ModuleInstanceStep[]) {}

  isRoot(): boolean {
    return this.steps.length === 0;
  }

  child(name: string, key?: InstanceKey): ModuleInstance {
    return new ModuleInstance([...this.steps, key === undefined ? { name } : { name, key }]);
  }

  parent(): ModuleInstance {
    return this.steps.length === 0 ? this : new ModuleInstance(this.steps.slice(0, -1));
  }

  /** The configuration module this is an instance of (keys dropped). */
  module(): Module {
    return this.isRoot() ? Module.root : new Module(this.steps.map((s) => s.name));
  }

  /** "" for the root, else `module.a["x"].module.b`. */
  toString(): string {
    return (this.printed ??= this.steps.map((s) => `module.${s.name}${instanceKeyString(s.key)}`).join("."));
  }

  key(): string {
    return this.toString();
  }

  equals(other: ModuleInstance): boolean {
    return this.key() === other.key();
  }

  /** True when `this` is `other` or one of its ancestors. */
  isAncestorOf(other: ModuleInstance): boolean {
    if (this.steps.length > other.steps.length) return false;
    return this.steps.every((s, i) => s.name === other.steps[i]!.name && s.key === other.steps[i]!.key);
  }
}

/**
 * Terraform's order of module instances (ModuleInstance.Less): shorter paths first, then step by step by call
 * name and instance key (integers numerically, before strings).
 */
export function compareModuleInstances(a: ModuleInstance, b: ModuleInstance): number {
  if (a.steps.length !== b.steps.length) return a.steps.length - b.steps.length;
  for (let i = 0; i < a.steps.length; i++) {
    const x = a.steps[i]!;
    const y = b.steps[i]!;
    if (x.name !== y.name) return x.name < y.name ? -1 : 1;
    const k = compareInstanceKeys(x.key, y.key);
    if (k !== 0) return k;
  }
  return 0;
}

/** Parses `module.a["x"].module.b`; the empty string is not accepted here (use ModuleInstance.root). */
export function parseModuleInstance(text: string): ParseResult<ModuleInstance> {
  const t = parseTraversal(text);
  const diagnostics = new Diagnostics(t.diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  const { module, remain } = parseModuleInstancePrefix(t.steps, diagnostics);
  if (diagnostics.hasErrors()) return failed(diagnostics);
  if (remain.length > 0) {
    diagnostics.append(
      error("Invalid address", "Module instance address must contain only module calls (module.NAME or module.NAME[KEY]).", remain[0]!.range),
    );
    return failed(diagnostics);
  }
  return parsed(module);
}

/**
 * Consumes the leading `module.NAME[KEY]` steps of a traversal, as Terraform's parseModuleInstancePrefix:
 * returns the module instance and the steps left over. Problems are appended to `diagnostics`.
 */
export function parseModuleInstancePrefix(
  steps: readonly TraversalStep[],
  diagnostics: Diagnostics,
): { module: ModuleInstance; remain: readonly TraversalStep[] } {
  const out: ModuleInstanceStep[] = [];
  let i = 0;
  while (i < steps.length) {
    const s = steps[i]!;
    if (s.kind === "index" || s.name !== "module") break;
    const next = steps[i + 1];
    if (next === undefined || next.kind !== "attr") {
      diagnostics.append(
        error("Invalid address operator", 'Prefix "module." must be followed by a module name.', next?.range ?? s.range),
      );
      break;
    }
    i += 2;
    const idx = steps[i];
    if (idx !== undefined && idx.kind === "index") {
      i++;
      if (typeof idx.key === "string") out.push({ name: next.name, key: idx.key });
      else {
        const k = wholeNumberKey(idx.key);
        if (typeof k === "string") {
          diagnostics.append(error("Invalid address operator", `Invalid module index: ${k}.`, idx.range));
          out.push({ name: next.name });
        } else out.push({ name: next.name, key: k });
      }
    } else out.push({ name: next.name });
  }
  return { module: out.length === 0 ? ModuleInstance.root : new ModuleInstance(out), remain: steps.slice(i) };
}
