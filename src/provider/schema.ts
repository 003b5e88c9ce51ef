// Provider schemas, as Terraform's configschema: a block has attributes (typed, required/optional/computed,
// sensitive) and nested block types (with a nesting mode). Resource schemas carry a version for state upgrades.
import { DynamicType, listOf, mapOf, objectOf, setOf, type ObjectType, type Type } from "../lang/types.js";

export interface Attribute {
  readonly type: Type;
  readonly description?: string;
  /** Must be set in configuration. */
  readonly required?: boolean;
  /** May be set in configuration. With `computed`: the provider fills it in when the config leaves it null. */
  readonly optional?: boolean;
  /** Set by the provider (known after apply unless the provider plans it). */
  readonly computed?: boolean;
  /** Redacted in output and recorded in sensitive_attributes. */
  readonly sensitive?: boolean;
  /**
   * A change to this attribute replaces the object (the provider reports the path in requiresReplace; this flag
   * lets generic providers do that from the schema, like the SDK's ForceNew).
   */
  readonly forceNew?: boolean;
  readonly deprecated?: boolean;
}

/** How a nested block type repeats: Terraform's NestingSingle/Group/List/Set/Map. */
export type NestingMode = "single" | "group" | "list" | "set" | "map";

export interface NestedBlock {
  readonly nesting: NestingMode;
  readonly block: Block;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface Block {
  readonly attributes: Readonly<Record<string, Attribute>>;
  readonly blockTypes?: Readonly<Record<string, NestedBlock>>;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface ResourceSchema {
  /** Bumped when the stored shape changes; upgradeResourceState converts older states. */
  readonly version: number;
  readonly block: Block;
}

export interface ProviderSchema {
  /** The provider block's own configuration. */
  readonly provider: Block;
  readonly resourceTypes: Readonly<Record<string, ResourceSchema>>;
  readonly dataSources: Readonly<Record<string, ResourceSchema>>;
}

/** The object type a block's values have (configschema's ImpliedType). */
export function impliedType(block: Block): ObjectType {
  // Schemas are immutable and types are values: each block's type is built once, not once per instance decoded.
  let t = impliedTypes.get(block);
  if (!t) impliedTypes.set(block, (t = buildImpliedType(block)));
  return t;
}

const impliedTypes = new WeakMap<Block, ObjectType>();

function buildImpliedType(block: Block): ObjectType {
  const attrs: [string, Type][] = Object.entries(block.attributes).map(([k, a]) => [k, a.type]);
  for (const [k, nb] of Object.entries(block.blockTypes ?? {})) {
    const inner = impliedType(nb.block);
    switch (nb.nesting) {
      case "single":
      case "group":
        attrs.push([k, inner]);
        break;
      case "list":
        attrs.push([k, hasDynamicAttr(nb.block) ? DynamicType : listOf(inner)]);
        break;
      case "set":
        attrs.push([k, setOf(inner)]);
        break;
      case "map":
        attrs.push([k, hasDynamicAttr(nb.block) ? DynamicType : mapOf(inner)]);
        break;
    }
  }
  return objectOf(attrs);
}

function hasDynamicAttr(block: Block): boolean {
  return Object.values(block.attributes).some((a) => a.type.kind === "dynamic");
}

/** Attribute names whose change forces replacement, per the schema's forceNew flags (top level only). */
export function forceNewAttributes(block: Block): string[] {
  return Object.entries(block.attributes)
    .filter(([, a]) => a.forceNew)
    .map(([k]) => k)
    .sort();
}
