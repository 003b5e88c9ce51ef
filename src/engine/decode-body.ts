// Decodes a configuration body into the object value a provider schema describes (Terraform's hcldec with the
// schema's spec): attributes are evaluated and converted to their types, nested blocks (and `dynamic` blocks that
// generate them) become objects, lists, sets or maps per their nesting mode.
import type { Body, BodySchema, Expression } from "../config/body.js";
import { Diagnostics, error } from "../diag/diagnostic.js";
import { convert, isConversionError } from "../lang/convert.js";
import type { Scope } from "../lang/eval.js";
import { Value } from "../lang/value.js";
import { impliedType, type Block as SchemaBlock, type NestedBlock } from "../provider/schema.js";
import { withAttributesAsBlocks } from "../config/semantic-schema.js";

export type ExprEvaluator = (e: Expression, scope: Scope) => Value;

/** Wraps a scope so `NAME.key` / `NAME.value` resolve to a dynamic block's iterator. */
function iteratorScope(base: Scope, name: string, key: Value, value: Value): Scope {
  return {
    ...base,
    resolveTraversal: (t, range) => {
      const root = t[0];
      const second = t[1];
      if (root?.kind === "Root" && root.name === name && second?.kind === "Attr" && (second.name === "key" || second.name === "value"))
        return { value: second.name === "key" ? key : value, diagnostics: [], consumed: 2 };
      return base.resolveTraversal?.(t, range);
    },
  };
}

// The body schema of a schema block, once per block: a provider's schema is built once, so every instance of a
// resource type decodes with the same object (and bodies key their own per-schema caches on it).
const bodySchemas = new WeakMap<SchemaBlock, BodySchema>();

function bodySchemaOf(block: SchemaBlock): BodySchema {
  let s = bodySchemas.get(block);
  if (!s) {
    s = {
      attributes: Object.entries(block.attributes)
        .filter(([, a]) => a.optional || a.required)
        .map(([n, a]) => ({ name: n, required: a.required === true })),
      blocks: [...Object.keys(block.blockTypes ?? {}).map((type) => ({ type })), { type: "dynamic", labelNames: ["type"] }],
    };
    bodySchemas.set(block, s);
  }
  return s;
}

export function decodeBody(body: Body, schemaBlock: SchemaBlock, scope: Scope, evalExpr: ExprEvaluator, diags: Diagnostics): Value {
  const block = withAttributesAsBlocks(body, schemaBlock);
  const t = impliedType(block);
  const blockTypes = block.blockTypes ?? {};
  const { content, diagnostics } = body.content(bodySchemaOf(block));
  diags.append(diagnostics);
  const nested = new Map<string, Value[]>();
  const keyed = new Map<string, [string, Value][]>();
  const addBlock = (type: string, nb: NestedBlock, b: Body, s: Scope, label: string | undefined): void => {
    const v = decodeBody(b, nb.block, s, evalExpr, diags);
    if (nb.nesting === "map") {
      let l = keyed.get(type);
      if (!l) keyed.set(type, (l = []));
      l.push([label ?? "", v]);
    } else {
      let l = nested.get(type);
      if (!l) nested.set(type, (l = []));
      l.push(v);
    }
  };
  for (const b of content.blocks) {
    if (b.type !== "dynamic") {
      addBlock(b.type, blockTypes[b.type]!, b.body, scope, b.labels[0]);
      continue;
    }
    const type = b.labels[0]!;
    const nb = blockTypes[type];
    if (!nb) {
      diags.append(error("Unsupported block type", `Blocks of type "${type}" are not expected here.`, b.labelRanges[0]));
      continue;
    }
    const dyn = b.body.content({ attributes: [{ name: "for_each", required: true }, { name: "iterator" }, { name: "labels" }], blocks: [{ type: "content" }] });
    diags.append(dyn.diagnostics);
    const fe = dyn.content.attributes.get("for_each");
    const contentBlock = dyn.content.blocks[0];
    if (!fe || !contentBlock) continue;
    const iterName = dyn.content.attributes.get("iterator")?.expr.keyword() ?? type;
    const [coll] = evalExpr(fe.expr, scope).unmarkDeep();
    if (!coll.isKnown() || coll.isNull()) continue;
    const items: [Value, Value][] =
      coll.type.kind === "list" || coll.type.kind === "tuple" || coll.type.kind === "set"
        ? coll.elements().map((e, i) => [coll.type.kind === "set" ? e : Value.number(i), e])
        : [...coll.entries()].map(([k, e]) => [Value.string(k), e]);
    for (const [k, e] of items) addBlock(type, nb, contentBlock.body, iteratorScope(scope, iterName, k, e), undefined);
  }
  const m = new Map<string, Value>();
  for (const [n, at] of t.attrs) {
    const nb = blockTypes[n];
    if (nb) {
      const vs = nested.get(n) ?? [];
      const inner = impliedType(nb.block);
      switch (nb.nesting) {
        case "single":
        case "group":
          m.set(n, vs[0] ?? Value.null(inner));
          break;
        case "list":
          m.set(n, at.kind === "dynamic" ? Value.tuple(vs) : Value.list(vs, inner));
          break;
        case "set":
          m.set(n, Value.set(vs, inner));
          break;
        case "map":
          m.set(n, at.kind === "dynamic" ? Value.object(keyed.get(n) ?? []) : Value.map(keyed.get(n) ?? [], inner));
          break;
      }
      continue;
    }
    const a = content.attributes.get(n);
    let v = a ? evalExpr(a.expr, scope) : Value.null(at);
    if (a && at.kind !== "dynamic") {
      const c = convert(v, at);
      if (isConversionError(c)) diags.append(error("Incorrect attribute value type", `Inappropriate value for attribute "${n}".`, a.expr.range));
      else v = c;
    }
    m.set(n, v);
  }
  return Value.of(t, m);
}

/**
 * objchange.ProposedNew: config where set, else the prior value of a computed attribute (unknown on create);
 * nested blocks come from config (single blocks recursively when prior has one).
 */
export function proposedNewObject(block: SchemaBlock, prior: Value, config: Value): Value {
  const t = impliedType(block);
  if (config.isNull() || !config.isKnown()) return config;
  const m = new Map<string, Value>();
  const priorEntries = prior.isNull() || !prior.isKnown() ? undefined : prior.entries();
  for (const [n, at] of t.attrs) {
    const c = config.entries().get(n) ?? Value.null(at);
    const a = block.attributes[n];
    if (a) {
      if (a.computed && c.isNull()) m.set(n, priorEntries ? (priorEntries.get(n) ?? Value.null(at)) : Value.unknown(at));
      else m.set(n, c);
      continue;
    }
    const nb = block.blockTypes?.[n];
    if (nb && (nb.nesting === "single" || nb.nesting === "group")) m.set(n, proposedNewObject(nb.block, priorEntries?.get(n) ?? Value.null(impliedType(nb.block)), c));
    else if (nb && nb.nesting === "list" && priorEntries && !c.isNull() && c.isKnown() && at.kind !== "dynamic") {
      const p = priorEntries.get(n);
      const pe = p && !p.isNull() && p.isKnown() ? p.elements() : [];
      m.set(n, Value.list(c.elements().map((e, i) => proposedNewObject(nb.block, pe[i] ?? Value.null(impliedType(nb.block)), e)), impliedType(nb.block)));
    } else if (nb && nb.nesting === "list" && !priorEntries && !c.isNull() && c.isKnown() && at.kind !== "dynamic") {
      m.set(n, Value.list(c.elements().map((e) => proposedNewObject(nb.block, Value.null(impliedType(nb.block)), e)), impliedType(nb.block)));
    } else m.set(n, c);
  }
  return Value.of(t, m);
}
