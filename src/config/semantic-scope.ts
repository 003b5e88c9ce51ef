// The evaluation scope of a root module, as Terraform's lang.Scope + evaluationStateData: what `var.x`,
// `local.y`, `path.module`, `terraform.workspace` and resource references mean, with Terraform's own
// diagnostics for references to things not declared ("Reference to undeclared input variable" with a
// "Did you mean" suggestion). Locals are evaluated on first use, each once; a local that depends on itself
// is reported rather than looping.
//
// API:
//   moduleScope(config, { variables, resources?, baseDir, workspace? }) → Scope   for src/lang/eval.ts
//   resources: values of managed/data resources by "type.name" / "data.type.name" (from state), else unknown
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Traverser } from "../hcl/ast.js";
import { range, sourceFile, unionRange, type Range } from "../hcl/source.js";
import type { Scope } from "../lang/eval.js";
import { DynamicType, StringType } from "../lang/types.js";
import { Ephemeral, Value } from "../lang/value.js";
import { nameSuggestion } from "./body.js";
import type { Config } from "./model.js";
import { evalConfigExpression } from "./variables.js";

/** `self` where no object is being checked: Terraform's error, on the `self` keyword. */
export function invalidSelfReference(subject: Range): Diagnostic {
  return error(
    'Invalid "self" reference',
    'The "self" object is not available in this context. This object can be used only in resource provisioner, connection, and postcondition blocks.',
    subject,
  );
}

/** An attribute the `path`, `terraform`, `count` or `each` object does not have, in Terraform's words. */
export function invalidAttribute(root: "path" | "terraform" | "count" | "each", name: string, subject: Range): Diagnostic {
  const lead = `The ${JSON.stringify(root)} object does not have an attribute named ${JSON.stringify(name)}.`;
  switch (root) {
    case "path":
      return error('Invalid "path" attribute', lead + suggest(name, ["cwd", "module", "root"]), subject);
    case "terraform":
      return error(
        'Invalid "terraform" attribute',
        `${lead} The only supported attributes are terraform.workspace, the name of the currently-selected workspace, and terraform.applying, a boolean which is true only during apply.`,
        subject,
      );
    case "count":
      return error('Invalid "count" attribute', `${lead} The only supported attribute is count.index, which is the index of each instance of a resource block that has the "count" argument set.`, subject);
    case "each":
      return error('Invalid "each" attribute', `${lead} The supported attributes are each.key and each.value, the current key and value pair of the "for_each" attribute set.`, subject);
  }
}

/** `count.NAME` or `each.NAME` where the block does not set count or for_each (or outside any block). */
export function repetitionOutOfContext(root: "count" | "each", name: string, subject: Range): Diagnostic {
  if (root === "count") {
    if (name !== "index") return invalidAttribute("count", name, subject);
    return error('Reference to "count" in non-counted context', 'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.', subject);
  }
  if (name === "key") return error('Reference to "each" in context without for_each', 'The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.', subject);
  if (name === "value") {
    return error(
      "each.value cannot be used in this context",
      'A reference to "each.value" has been used in a context in which it is unavailable, such as when the configuration no longer contains the value in its "for_each" expression. Remove this reference to each.value in your configuration to work around this error.',
      subject,
    );
  }
  return invalidAttribute("each", name, subject);
}

/** The position of a diagnostic Terraform reports with an empty range ("on  line 0:"). */
export const noSource: Range = range(sourceFile("", ""), 0, 0);

export interface ModuleScopeOptions {
  readonly variables: ReadonlyMap<string, Value>;
  readonly resources?: ReadonlyMap<string, Value>;
  readonly baseDir: string;
  readonly workspace?: string;
}

type Resolved = { value: Value; diagnostics: Diagnostic[]; consumed?: number };

function attrName(t: Traverser | undefined): string | undefined {
  return t && t.kind === "Attr" ? t.name : undefined;
}

function suggest(name: string, candidates: Iterable<string>): string {
  const s = nameSuggestion(name, candidates);
  return s === undefined ? "" : ` Did you mean ${JSON.stringify(s)}?`;
}

export function moduleScope(config: Config, opts: ModuleScopeOptions): Scope {
  const locals = new Map<string, Value>();
  /** What evaluating each local reported, given again with its cached value (callers keep what is theirs). */
  const localDiagnostics = new Map<string, Diagnostic[]>();
  const evaluating = new Set<string>();
  const callContext = { baseDir: opts.baseDir };

  const objectReference = (root: "var" | "local" | "path" | "terraform" | "count" | "each", range: Range, traversal: readonly Traverser[]): Resolved => {
    // Terraform's addrs.ParseRef refuses the bare object (or an index on it)...
    const index = traversal[1]?.kind === "Index" ? traversal[1] : undefined;
    const diagnostics = [
      index
        ? error("Invalid reference", `The ${JSON.stringify(root)} object does not support this operation.`, index.range)
        : error("Invalid reference", `The ${JSON.stringify(root)} object cannot be accessed directly. Instead, access one of its attributes.`, range),
    ];
    // ...and also looks up an attribute (variable, local) named "" and reports that first, with no source
    // position; kept so that the console prints what terraform console prints.
    if (root === "var") {
      diagnostics.unshift(error("Reference to undeclared input variable", `An input variable with the name "" has not been declared.${suggest("", config.variables.keys()) || ' This variable can be declared with a variable "" {} block.'}`, noSource));
    } else if (root === "local") {
      diagnostics.unshift(error("Reference to undeclared local value", `A local value with the name "" has not been declared.${suggest("", config.locals.keys())}`, noSource));
    } else diagnostics.unshift(invalidAttribute(root, "", noSource));
    return { value: Value.unknown(DynamicType), diagnostics };
  };

  /** The locals a local refers to, by name. */
  const localDeps = (name: string): string[] => {
    const decl = config.locals.get(name);
    if (!decl) return [];
    const out: string[] = [];
    for (const ref of decl.expr.references()) {
      if (ref.root !== "local") continue;
      const m = /^local\s*\.\s*([\p{L}_][\p{L}\p{N}_-]*)/u.exec(ref.range.file.text.slice(ref.range.start, ref.range.end));
      if (m && config.locals.has(m[1]!)) out.push(m[1]!);
    }
    return out;
  };
  // Evaluates the locals `name` depends on first, deepest first, with an explicit stack: a long chain of
  // locals (l_9999 = local.l_9998 + 1 ...) would otherwise recurse once per link and overflow the JS stack.
  const warmDependencies = (name: string): void => {
    const stack: [string, boolean][] = [[name, false]];
    const onPath = new Set<string>();
    while (stack.length) {
      const [n, expanded] = stack.pop()!;
      if (expanded) {
        onPath.delete(n);
        if (n !== name && !locals.has(n) && !evaluating.has(n)) {
          evaluating.add(n);
          const r = evalConfigExpression(config.locals.get(n)!.expr, scope);
          evaluating.delete(n);
          // Diagnostics are not kept here: the local's value stays unset, so a later lookup reports them.
          if (!r.diagnostics.some((d) => d.severity === "error")) locals.set(n, r.value);
        }
        continue;
      }
      if (locals.has(n) || onPath.has(n)) continue;
      onPath.add(n);
      stack.push([n, true]);
      for (const d of localDeps(n)) if (!locals.has(d) && !onPath.has(d)) stack.push([d, false]);
    }
  };

  const scope: Scope = {
    callContext,
    resolveTraversal(traversal, range): Resolved | undefined {
      const root = traversal[0];
      if (!root || root.kind !== "Root") return undefined;
      const first = attrName(traversal[1]);
      const stepRange = traversal[1] ? unionRange(root.range, traversal[1].range) : root.range;
      switch (root.name) {
        case "var": {
          if (first === undefined) return objectReference("var", range, traversal);
          const v = opts.variables.get(first);
          if (v === undefined) {
            const s = suggest(first, config.variables.keys());
            return {
              value: Value.unknown(DynamicType),
              diagnostics: [
                error(
                  "Reference to undeclared input variable",
                  `An input variable with the name ${JSON.stringify(first)} has not been declared.` +
                    (s || ` This variable can be declared with a variable ${JSON.stringify(first)} {} block.`),
                  stepRange,
                ),
              ],
            };
          }
          return { value: v, diagnostics: [], consumed: 2 };
        }
        case "local": {
          if (first === undefined) return objectReference("local", range, traversal);
          const decl = config.locals.get(first);
          if (!decl) {
            return {
              value: Value.unknown(DynamicType),
              diagnostics: [
                error(
                  "Reference to undeclared local value",
                  `A local value with the name ${JSON.stringify(first)} has not been declared.${suggest(first, config.locals.keys())}`,
                  stepRange,
                ),
              ],
            };
          }
          const known = locals.get(first);
          if (known) return { value: known, diagnostics: localDiagnostics.get(first) ?? [], consumed: 2 };
          if (evaluating.has(first)) {
            return {
              value: Value.unknown(DynamicType),
              diagnostics: [error("Cycle in local values", `The local value ${JSON.stringify(first)} depends on itself.`, decl.declRange)],
            };
          }
          warmDependencies(first);
          const cached = locals.get(first);
          if (cached) return { value: cached, diagnostics: localDiagnostics.get(first) ?? [], consumed: 2 };
          evaluating.add(first);
          const r = evalConfigExpression(decl.expr, scope);
          evaluating.delete(first);
          const value = r.diagnostics.some((d) => d.severity === "error") ? Value.unknown(DynamicType) : r.value;
          locals.set(first, value);
          localDiagnostics.set(first, r.diagnostics);
          return { value, diagnostics: r.diagnostics, consumed: 2 };
        }
        case "path": {
          if (first === undefined) return objectReference("path", range, traversal);
          if (first === "module" || first === "root") return { value: Value.string("."), diagnostics: [], consumed: 2 };
          if (first === "cwd") return { value: Value.string(opts.baseDir), diagnostics: [], consumed: 2 };
          return { value: Value.unknown(StringType), diagnostics: [invalidAttribute("path", first, stepRange)] };
        }
        case "terraform": {
          if (first === undefined) return objectReference("terraform", range, traversal);
          if (first === "workspace") return { value: Value.string(opts.workspace ?? "default"), diagnostics: [], consumed: 2 };
          // False outside apply, and ephemeral: never stored, printed "(ephemeral value)".
          if (first === "applying") return { value: Value.bool(false).mark(Ephemeral), diagnostics: [], consumed: 2 };
          return { value: Value.unknown(DynamicType), diagnostics: [invalidAttribute("terraform", first, stepRange)] };
        }
        case "self":
          return { value: Value.unknown(DynamicType), diagnostics: [invalidSelfReference(root.range)] };
        case "count":
        case "each":
          if (first === undefined) return objectReference(root.name, range, traversal);
          return { value: Value.unknown(DynamicType), diagnostics: [repetitionOutOfContext(root.name, first, stepRange)] };
        case "data": {
          const type = first;
          const name = attrName(traversal[2]);
          if (type === undefined || name === undefined) return undefined;
          const key = `${type}.${name}`;
          if (!config.data.has(key)) {
            return {
              value: Value.unknown(DynamicType),
              diagnostics: [error("Reference to undeclared resource", `A data resource ${JSON.stringify(type)} ${JSON.stringify(name)} has not been declared in the root module.`, unionRange(root.range, traversal[2]!.range))],
            };
          }
          return { value: opts.resources?.get(`data.${key}`) ?? Value.unknown(DynamicType), diagnostics: [], consumed: 3 };
        }
        case "module": {
          if (first === undefined) return undefined;
          if (!config.modules.has(first)) {
            return {
              value: Value.unknown(DynamicType),
              diagnostics: [error("Reference to undeclared module", `No module call named ${JSON.stringify(first)} is declared in the root module.${suggest(first, config.modules.keys())}`, range)],
            };
          }
          return { value: Value.unknown(DynamicType), diagnostics: [], consumed: 2 };
        }
        default: {
          if (first === undefined) {
            return {
              value: Value.unknown(DynamicType),
              diagnostics: [error("Invalid reference", "A reference to a resource type must be followed by at least one attribute access, specifying the resource name.", range)],
            };
          }
          const key = `${root.name}.${first}`;
          if (!config.resources.has(key)) {
            return {
              value: Value.unknown(DynamicType),
              diagnostics: [error("Reference to undeclared resource", `A managed resource ${JSON.stringify(root.name)} ${JSON.stringify(first)} has not been declared in the root module.`, stepRange)],
            };
          }
          return { value: opts.resources?.get(key) ?? Value.unknown(DynamicType), diagnostics: [], consumed: 2 };
        }
      }
    },
  };
  return scope;
}
