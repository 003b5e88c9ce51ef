// The state in memory: Terraform's model of what exists (resources with their instances, root outputs), keyed
// by address for O(1) access. Attribute values are kept as the JSON the provider's schema encodes them to
// (see src/provider/value-json.ts); this layer never interprets them.
import {
  AbsResource,
  AbsResourceInstance,
  compareAbsResourceInstances,
  parseAbsResourceInstance,
  type InstanceKey,
} from "../src/addrs/index.js";
import type { JsonObject, JsonValue } from "./json.js";

/** One object of a resource instance: the current one, or a deposed one kept during create_before_destroy. */
export interface InstanceObject {
  readonly schemaVersion: number;
  readonly attributes: JsonObject;
  /** Paths of sensitive values, in Terraform's form: [[{"type":"get_attr","value":"input"}]]. */
  readonly sensitiveAttributes: readonly JsonValue[];
  readonly status?: "tainted";
  /** Provider-private data, base64 as Terraform stores it. */
  readonly private?: string;
  /** Addresses (resource or instance, as strings) this object depended on when it was last applied. */
  readonly dependencies?: readonly string[];
  readonly createBeforeDestroy?: boolean;
}

export interface OutputState {
  readonly value: JsonValue;
  /** The type in cty's JSON form: "string", ["list","string"], ... */
  readonly type: JsonValue;
  readonly sensitive?: boolean;
}

export interface InstanceState {
  readonly addr: AbsResourceInstance;
  current?: InstanceObject;
  /** Deposed objects by their deposed key (8 hex digits). */
  readonly deposed: Map<string, InstanceObject>;
}

export interface ResourceState {
  readonly addr: AbsResource;
  /** The provider configuration in the state's form: provider["registry.terraform.io/hashicorp/aws"]. */
  provider: string;
  /** By instance key string (`[0]`, `["a"]`, "" for none). */
  readonly instances: Map<string, InstanceState>;
}

/**
 * One completed change, as the apply walk reports it and the journal records it: set or remove an instance's
 * current (or deposed) object, or a root output.
 */
export type StateChange =
  | {
      readonly kind: "instance";
      /** AbsResourceInstance in its printed form. */
      readonly addr: string;
      readonly provider: string;
      readonly deposed?: string;
      /** null removes the object. */
      readonly object: InstanceObject | null;
    }
  | { readonly kind: "output"; readonly name: string; readonly output: OutputState | null }
  | {
      /** Journaled before a create reaches the provider: what the next run needs to find the object if this one dies first. */
      readonly kind: "create-intent";
      readonly addr: string;
      readonly provider: string;
      /** The provider's planned private data (its idempotency token); null withdraws the intent. */
      readonly private: string | null;
    };

/** A create that was sent to a provider but whose object was never recorded (the run died in between). */
export interface CreateIntent {
  readonly provider: string;
  readonly private: string;
}

export class State {
  /** Terraform version that wrote it (kept for compatibility checks, written back as ours). */
  terraformVersion: string;
  serial: number;
  lineage: string;
  readonly outputs = new Map<string, OutputState>();
  readonly resources = new Map<string, ResourceState>();
  checkResults: JsonValue = null;
  /** By instance address: creates in flight when a run died; recording the instance's object settles them. */
  readonly createIntents = new Map<string, CreateIntent>();

  constructor(lineage: string, serial = 0, terraformVersion = "") {
    this.lineage = lineage;
    this.serial = serial;
    this.terraformVersion = terraformVersion;
  }

  /** A fresh, empty state with a new lineage. */
  static empty(): State {
    return new State(crypto.randomUUID());
  }

  /** A copy whose maps change independently of this one's (objects are shared: nothing mutates them). */
  clone(): State {
    const s = new State(this.lineage, this.serial, this.terraformVersion);
    for (const [k, o] of this.outputs) s.outputs.set(k, o);
    for (const [k, r] of this.resources) {
      const instances = new Map<string, InstanceState>();
      for (const [ik, i] of r.instances) instances.set(ik, { addr: i.addr, ...(i.current ? { current: i.current } : {}), deposed: new Map(i.deposed) });
      s.resources.set(k, { addr: r.addr, provider: r.provider, instances });
    }
    s.checkResults = this.checkResults;
    for (const [k, c] of this.createIntents) s.createIntents.set(k, c);
    return s;
  }

  resource(addr: AbsResource): ResourceState | undefined {
    return this.resources.get(addr.key());
  }

  instance(addr: AbsResourceInstance): InstanceState | undefined {
    return this.resources.get(addr.containingResource().key())?.instances.get(instanceKeyId(addr.resource.key));
  }

  /** The current object of an instance, if any. */
  current(addr: AbsResourceInstance): InstanceObject | undefined {
    return this.instance(addr)?.current;
  }

  /**
   * Sets (or with undefined removes) the current object of an instance; a resource left with no objects is
   * removed, as Terraform prunes it.
   */
  setCurrent(addr: AbsResourceInstance, provider: string, object: InstanceObject | undefined): void {
    this.setObject(addr, provider, undefined, object);
  }

  setDeposed(addr: AbsResourceInstance, provider: string, deposedKey: string, object: InstanceObject | undefined): void {
    this.setObject(addr, provider, deposedKey, object);
  }

  setOutput(name: string, output: OutputState | undefined): void {
    if (output) this.outputs.set(name, output);
    else this.outputs.delete(name);
  }

  /** Every instance, in address order. */
  instances(): InstanceState[] {
    const all: InstanceState[] = [];
    for (const r of this.resources.values()) for (const i of r.instances.values()) all.push(i);
    return all.sort((a, b) => compareAbsResourceInstances(a.addr, b.addr));
  }

  /** Applies one recorded change. Returns an error message when the change's address does not parse. */
  apply(change: StateChange): string | undefined {
    if (change.kind === "output") {
      this.setOutput(change.name, change.output ?? undefined);
      return undefined;
    }
    if (change.kind === "create-intent") {
      if (change.private === null) this.createIntents.delete(change.addr);
      else this.createIntents.set(change.addr, { provider: change.provider, private: change.private });
      return undefined;
    }
    const p = parseAbsResourceInstance(change.addr);
    if (!p.addr) return `invalid address ${JSON.stringify(change.addr)} in state change`;
    this.setObject(p.addr, change.provider, change.deposed, change.object ?? undefined);
    return undefined;
  }

  isEmpty(): boolean {
    return this.resources.size === 0 && this.outputs.size === 0;
  }

  private setObject(addr: AbsResourceInstance, provider: string, deposedKey: string | undefined, object: InstanceObject | undefined): void {
    const rkey = addr.containingResource().key();
    const ikey = instanceKeyId(addr.resource.key);
    let r = this.resources.get(rkey);
    if (object && deposedKey === undefined) this.createIntents.delete(addr.toString());
    if (!object) {
      const inst = r?.instances.get(ikey);
      if (!r || !inst) return;
      if (deposedKey === undefined) inst.current = undefined;
      else inst.deposed.delete(deposedKey);
      if (!inst.current && inst.deposed.size === 0) r.instances.delete(ikey);
      if (r.instances.size === 0) this.resources.delete(rkey);
      return;
    }
    if (!r) {
      r = { addr: addr.containingResource(), provider, instances: new Map() };
      this.resources.set(rkey, r);
    } else r.provider = provider;
    let inst = r.instances.get(ikey);
    if (!inst) {
      inst = { addr, deposed: new Map() };
      r.instances.set(ikey, inst);
    }
    if (deposedKey === undefined) inst.current = object;
    else inst.deposed.set(deposedKey, object);
  }
}

function instanceKeyId(key: InstanceKey | undefined): string {
  return key === undefined ? "" : typeof key === "number" ? `[${key}]` : JSON.stringify(key);
}
