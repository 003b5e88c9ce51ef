// The part of `terraform validate` that needs a provider's schema: a resource or data body checked against its
// block schema (hcldec's "Unsupported argument" / "Missing required argument" / "Unsupported block type",
// into nested and `dynamic` blocks), and configschema's StaticValidateTraversal for references past a
// resource address (`terraform_data.a.outptu`) and ignore_changes paths: "Unsupported attribute" with a
// "Did you mean" over the schema's sorted names.
//
// API:
//   validateBodyAgainstSchema(body, block) → Diagnostic[]
//   staticValidateTraversal(block, steps)  → Diagnostic[]   steps: what follows the resource address
//   withAttributesAsBlocks(body, block)     → Block         Terraform's blocktoattr, shared with decoding
//   staticValidateResourceReference(config, traversal, schemaOf?) → Diagnostic[]   a reference to a resource:
//     "Missing resource instance key" past a counted resource, then the schema's check of what follows
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Traverser } from "../hcl/ast.js";
import { unionRange } from "../hcl/source.js";
import type { Config, ResourceMode } from "./model.js";
import type { Type } from "../lang/types.js";
import type { Block as SchemaBlock, NestedBlock } from "../provider/schema.js";
import { nameSuggestion, type Body } from "./body.js";

/**
 * Terraform's "attributes as blocks" (blocktoattr): an optional attribute of list- or set-of-object type may be
 * written as blocks (`ingress { ... }`); when the body does so, it is decoded as a nested block of that nesting.
 */
export function withAttributesAsBlocks(body: Body, block: SchemaBlock): SchemaBlock {
  const candidates = Object.entries(block.attributes).filter(([, a]) => (a.optional || a.required) && (a.type.kind === "list" || a.type.kind === "set") && a.type.elem.kind === "object");
  if (candidates.length === 0) return block;
  const probe = body.partialContent({ blocks: [...candidates.map(([n]) => ({ type: n })), { type: "dynamic", labelNames: ["type"] }] });
  const written = new Set(probe.content.blocks.map((b) => (b.type === "dynamic" ? b.labels[0]! : b.type)));
  const attributes = { ...block.attributes };
  const blockTypes: Record<string, NestedBlock> = { ...(block.blockTypes ?? {}) };
  for (const [n, a] of candidates) {
    if (!written.has(n) || (a.type.kind !== "list" && a.type.kind !== "set") || a.type.elem.kind !== "object") continue;
    delete attributes[n];
    const inner: Record<string, { type: Type; optional: true }> = {};
    for (const [an, at] of a.type.elem.attrs) inner[an] = { type: at, optional: true };
    blockTypes[n] = { nesting: a.type.kind, block: { attributes: inner } };
  }
  return { ...block, attributes, blockTypes };
}

/** The structural diagnostics decoding `body` with `schemaBlock` gives, without evaluating anything. */
export function validateBodyAgainstSchema(body: Body, schemaBlock: SchemaBlock): Diagnostic[] {
  const block = withAttributesAsBlocks(body, schemaBlock);
  const blockTypes = block.blockTypes ?? {};
  const { content, diagnostics } = body.content({
    attributes: Object.entries(block.attributes)
      .filter(([, a]) => a.optional || a.required)
      .map(([n, a]) => ({ name: n, required: a.required === true })),
    blocks: [...Object.keys(blockTypes).map((type) => ({ type, ...(blockTypes[type]!.nesting === "map" ? { labelNames: ["key"] } : {}) })), { type: "dynamic", labelNames: ["type"] }],
  });
  const out = [...diagnostics];
  for (const b of content.blocks) {
    if (b.type !== "dynamic") {
      out.push(...validateBodyAgainstSchema(b.body, blockTypes[b.type]!.block));
      continue;
    }
    const nb = blockTypes[b.labels[0]!];
    if (!nb) {
      out.push(error("Unsupported block type", `Blocks of type "${b.labels[0]!}" are not expected here.`, b.labelRanges[0]));
      continue;
    }
    const dyn = b.body.content({ attributes: [{ name: "for_each", required: true }, { name: "iterator" }, { name: "labels" }], blocks: [{ type: "content" }] });
    out.push(...dyn.diagnostics);
    for (const c of dyn.content.blocks) out.push(...validateBodyAgainstSchema(c.body, nb.block));
  }
  return out;
}

function unsupported(name: string, candidates: string[], step: Traverser): Diagnostic {
  const s = nameSuggestion(name, candidates.sort());
  return error(
    "Unsupported attribute",
    `This object has no argument, nested block, or exported attribute named ${JSON.stringify(name)}.${s === undefined ? "" : ` Did you mean ${JSON.stringify(s)}?`}`,
    step.range,
  );
}

/** configschema.Block.StaticValidateTraversal: only names the schema has, as far as the schema reaches. */
export function staticValidateTraversal(block: SchemaBlock, steps: readonly Traverser[]): Diagnostic[] {
  const step = steps[0];
  if (!step) return [];
  if (step.kind === "Index") {
    const k = step.key;
    const maybe = k.type === "string" && /^[\p{L}_][\p{L}\p{N}_-]*$/u.test(k.value) ? k.value : undefined;
    return [
      error(
        "Invalid index operation",
        maybe !== undefined ? `Only attribute access is allowed here. Did you mean to access attribute ${JSON.stringify(maybe)} using the dot operator?` : "Only attribute access is allowed here.",
        step.range,
      ),
    ];
  }
  const name = step.name;
  if (name in block.attributes) return [];
  const nb = block.blockTypes?.[name];
  if (nb) {
    const rest = steps.slice(1);
    switch (nb.nesting) {
      case "single":
      case "group":
        return staticValidateTraversal(nb.block, rest);
      default:
        // Past a repeated block Terraform checks the element only after an index step.
        return rest[0]?.kind === "Index" ? staticValidateTraversal(nb.block, rest.slice(1)) : [];
    }
  }
  return [unsupported(name, [...Object.keys(block.attributes), ...Object.keys(block.blockTypes ?? {})], step)];
}

/** A resource type's block schema, from its provider; undefined when tfsim does not know it. */
export type SchemaLookup = (mode: ResourceMode, type: string) => SchemaBlock | undefined;

const NOT_RESOURCES = new Set(["var", "path", "terraform", "count", "each", "self", "local", "module"]);

/**
 * evaluationStateData's staticValidateReference for a reference to a declared resource: an attribute read
 * straight off a resource with count or for_each ("Missing resource instance key"), then what follows the
 * instance checked against the resource type's schema when it is known.
 */
export function staticValidateResourceReference(config: Config, steps: readonly Traverser[], schemaOf?: SchemaLookup): Diagnostic[] {
  const root = steps[0];
  if (!root || root.kind !== "Root" || NOT_RESOURCES.has(root.name)) return [];
  const names = steps.map((s) => (s.kind === "Index" ? undefined : s.name));
  const data = names[0] === "data";
  const at = data ? 1 : 0;
  const type = names[at];
  const name = names[at + 1];
  if (type === undefined || name === undefined) return [];
  const r = (data ? config.data : config.resources).get(`${type}.${name}`);
  if (!r) return [];
  const out: Diagnostic[] = [];
  let rest = steps.slice(at + 2);
  if (rest[0]?.kind === "Index") rest = rest.slice(1);
  else if (rest[0] && (r.count || r.forEach)) {
    const addr = `${data ? "data." : ""}${type}.${name}`;
    const [arg, key] = r.count ? ["count", "count.index"] : ["for_each", "each.key"];
    out.push(
      error(
        "Missing resource instance key",
        `Because ${addr} has ${JSON.stringify(arg)} set, its attributes must be accessed on specific instances.\n\nFor example, to correlate with indices of a referring resource, use:\n    ${addr}[${key}]`,
        unionRange(steps[0]!.range, steps[at + 1]!.range),
      ),
    );
  }
  const schema = schemaOf?.(data ? "data" : "managed", type);
  if (schema) out.push(...staticValidateTraversal(schema, rest));
  return out;
}
