// What one resource type implements, and the plan/apply/read/import steps every type shares (the SDK's CRUD
// contract): create returns the identifying attributes, and the object recorded is always what a read returns
// afterwards, so state holds the cloud's view and not the config's.
import { error, type Diagnostic } from "../../src/diag/diagnostic.js";
import { attr, type AttributePath } from "../../src/provider/attribute-path.js";
import { impliedType, type ResourceSchema } from "../../src/provider/schema.js";
import type { Value } from "../../src/lang/value.js";
import type { AwsClient } from "./client.js";
import { fromPlain, toObj, Unknown, type Obj, type Plain } from "./plain.js";

export interface ResourceContext {
  readonly client: AwsClient;
  readonly accountId: string;
  readonly region: string;
  readonly defaultTags: Readonly<Record<string, string>>;
}

export interface CreateExtra {
  readonly config: Obj;
  readonly private: Readonly<Record<string, string>>;
}

export interface ResourceType {
  readonly schema: ResourceSchema;
  /** Values filled in at plan time when the config leaves an attribute null (the SDK's Default). */
  readonly defaults?: Readonly<Record<string, Plain>>;
  /** The provider's wording of the object in messages: "IAM User". */
  readonly noun: string;
  /**
   * Identifies the object in messages, from config or state: the name. Undefined where the real provider names
   * none (a create of an object whose id the cloud picks says "creating EC2 Instance: ...").
   */
  label(o: Obj): string | undefined;
  /** `extra.config` is the configuration as written; `extra.private` what the plan chose (the ClientToken). */
  create(ctx: ResourceContext, planned: Obj, extra: CreateExtra): Promise<Obj>;
  /** The object now, starting from `prior` (for arguments the API does not return); null when gone. */
  read(ctx: ResourceContext, prior: Obj): Promise<Obj | null>;
  /**
   * Resuming a create a killed run may have made: the identifying attributes of the object that create would
   * have made (by its name, or the ClientToken in `extra.private`), or null when it cannot be told apart. The
   * provider reads it back and adopts it when it exists.
   */
  adopt?(ctx: ResourceContext, planned: Obj, extra: CreateExtra): Promise<Obj | null>;
  /** `config` is the configuration as written (user_data's text, where the plan holds only its hash). */
  update?(ctx: ResourceContext, prior: Obj, planned: Obj, config: Obj): Promise<void>;
  delete(ctx: ResourceContext, state: Obj): Promise<void>;
  /** The attributes an import id gives before the first read. */
  importId?(id: string): Obj;
  /** Attributes whose change replaces the object only under conditions (the SDK's CustomizeDiff ForceNew). */
  replaceIf?(prior: Obj, planned: Obj): string[];
  /** Plan-time normalisation before changes are compared (user_data's hash; computed values an update changes). */
  plan?(ctx: ResourceContext, prior: Obj | undefined, planned: Obj): void;
}

export function plainEqual(a: Plain | undefined, b: Plain | undefined): boolean {
  if (a === Unknown || b === Unknown) return false;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => plainEqual(x, b[i]));
  }
  const ka = Object.keys(a).filter((k) => a[k] !== null);
  const kb = Object.keys(b).filter((k) => b[k] !== null);
  return ka.length === kb.length && ka.every((k) => plainEqual(a[k], b[k]));
}

function hasUnknown(p: Plain | undefined): boolean {
  if (p === Unknown) return true;
  if (Array.isArray(p)) return p.some(hasUnknown);
  if (p && typeof p === "object") return Object.values(p).some(hasUnknown);
  return false;
}

/** tags_all as the provider plans it: default_tags overlaid with the resource's tags. */
function plannedTagsAll(ctx: ResourceContext, tags: Plain | undefined): Plain {
  if (hasUnknown(tags)) return Unknown;
  const out: Obj = { ...ctx.defaultTags };
  if (tags && typeof tags === "object" && !Array.isArray(tags)) Object.assign(out, tags);
  return out;
}

export interface PlanResult {
  planned: Value;
  requiresReplace: AttributePath[];
}

export function planResource(rt: ResourceType, ctx: ResourceContext, priorV: Value, proposedV: Value, configV: Value): PlanResult {
  if (proposedV.isNull()) return { planned: proposedV, requiresReplace: [] };
  const type = impliedType(rt.schema.block);
  const attrs = rt.schema.block.attributes;
  const p = toObj(proposedV);
  const prior = priorV.isNull() ? undefined : toObj(priorV);
  const config = configV.isNull() ? {} : toObj(configV);
  // The SDK's Default: the value when the configuration leaves the argument unset.
  for (const [k, d] of Object.entries(rt.defaults ?? {})) if (config[k] === null || config[k] === undefined) p[k] = d;
  if ("tags_all" in attrs) p.tags_all = plannedTagsAll(ctx, p.tags);
  rt.plan?.(ctx, prior, p);

  const requiresReplace: AttributePath[] = [];
  if (prior) {
    for (const [k, a] of Object.entries(attrs)) {
      if (a.forceNew && !plainEqual(prior[k], p[k]) && !(a.computed && p[k] === null)) requiresReplace.push([attr(k)]);
    }
    for (const k of rt.replaceIf?.(prior, p) ?? []) requiresReplace.push([attr(k)]);
  }
  if (!prior || requiresReplace.length) {
    for (const [k, a] of Object.entries(attrs)) {
      // A new object gets new computed values; an optional+computed argument left unset is the provider's choice.
      if (!a.computed || k === "tags_all") continue;
      if (!a.optional || ((p[k] === null || p[k] === undefined || !prior) && (config[k] === null || config[k] === undefined) && !(k in (rt.defaults ?? {})))) p[k] = Unknown;
    }
  }
  return { planned: fromPlain(p, type), requiresReplace };
}

/** The object as state records it: the schema's type, never unknown. */
export function stateValue(rt: ResourceType, o: Obj): Value {
  const clean = (p: Plain | undefined): Plain => {
    if (p === Unknown || p === undefined) return null;
    if (Array.isArray(p)) return p.map(clean);
    if (p && typeof p === "object") return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, clean(v)]));
    return p;
  };
  return fromPlain(clean(o), impliedType(rt.schema.block));
}

/**
 * A read right after a write, as the provider's tfresource.RetryWhenNewResourceNotFound: IAM is eventually
 * consistent, so "not found" straight after a create is retried (a bounded number of attempts, no sleep: the
 * embedded cloud commits before it answers, so a second attempt is the real provider's retry, not a wait).
 */
export async function readAfterWrite(rt: ResourceType, ctx: ResourceContext, o: Obj): Promise<Obj | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await rt.read(ctx, o);
    if (r) return r;
  }
  return null;
}

/** label() for objects whose id the cloud picks: the id once known, no label before. */
export function idLabel(o: Obj): string | undefined {
  return typeof o.id === "string" ? o.id : undefined;
}

/** The object as messages name it: `IAM User (bob)`, or just the noun when it has no label yet. */
export function named(rt: ResourceType, o: Obj): string {
  const label = rt.label(o);
  return label === undefined ? rt.noun : `${rt.noun} (${label})`;
}

/** `o` without its unknown values, for messages. */
/**
 * Thrown by a create once its object exists but a later step failed (tagging, a waiter): the provider returns
 * the object with the error, as the SDK does when the ID is already set, so Terraform records it tainted
 * instead of leaving it orphaned.
 */
export class PartialCreate extends Error {
  constructor(
    readonly object: Obj,
    /** The real provider's words for the failed step: "setting S3 Bucket (b) tags". */
    readonly step: string,
    readonly reason: unknown,
  ) {
    super(`${step}: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

export function knownPart(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== Unknown));
}

export function notFoundAfterCreate(rt: ResourceType, o: Obj): Diagnostic {
  return error(`reading ${named(rt, o)}: empty result`, `The ${rt.noun} was created but could not be read back.`);
}

/** adopt() for objects whose name, fixed by the configuration, is their identity: `{...planned, id: name}`. */
export function adoptByName(nameAttr: string, identity: (ctx: ResourceContext, name: string) => Obj = (_ctx, name) => ({ id: name })) {
  return async (ctx: ResourceContext, planned: Obj): Promise<Obj | null> => {
    const name = planned[nameAttr];
    return typeof name === "string" ? { ...planned, [nameAttr]: name, ...identity(ctx, name) } : null;
  };
}
