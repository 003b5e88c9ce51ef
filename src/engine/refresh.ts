// Refresh (Terraform's walkPlan refresh step): before planning, every managed instance in state is read back
// through its provider, in parallel bounded by -parallelism. What the provider reports becomes the prior for
// planning and, on apply, the state that is persisted; an object the provider reports gone leaves the
// refreshed state (the plan then re-creates it). Each difference is recorded as drift for the renderers.
import pLimit from "p-limit";
import type { Config, Resource as ConfigResource } from "../config/model.js";
import { Diagnostics, error } from "../diag/diagnostic.js";
import { DynamicType } from "../lang/types.js";
import { Value } from "../lang/value.js";
import { decodeStoredObject, encodeStoredObject } from "../provider/state-object.js";
import { markSensitivePaths, sensitivePathsFromJson } from "../provider/value-json.js";
import { State, type InstanceState } from "../../state/state.js";
import type { ResourceInstanceChange } from "../plan/plan.js";
import type { AbsResourceInstance } from "../addrs/index.js";
import type { ModuleEvaluator } from "./plan.js";

export interface RefreshResult {
  readonly state: State;
  /** One "update" (changed) or "delete" (gone) change per drifted instance, in address order. */
  readonly drift: ResourceInstanceChange[];
  readonly diagnostics: Diagnostics;
}

/** A copy of `state` whose instance objects can be replaced without touching the original. */
function copyState(state: State): State {
  const out = new State(state.lineage, state.serial, state.terraformVersion);
  out.checkResults = state.checkResults;
  for (const [n, o] of state.outputs) out.setOutput(n, o);
  for (const [a, c] of state.createIntents) out.createIntents.set(a, c);
  for (const r of state.resources.values())
    for (const i of r.instances.values()) {
      for (const [k, d] of i.deposed) out.setDeposed(i.addr, r.provider, k, d);
      if (i.current) out.setCurrent(i.addr, r.provider, i.current);
    }
  return out;
}

/** Refreshes every managed object of `state`, or only those `include` accepts (a targeted plan's). */
export async function refreshState(ev: ModuleEvaluator, config: Config, state: State, parallelism: number, include?: (addr: AbsResourceInstance) => boolean): Promise<RefreshResult> {
  const diagnostics = new Diagnostics();
  const refreshed = copyState(state);
  const limit = pLimit(Math.max(1, parallelism));
  const drift: (ResourceInstanceChange | undefined)[] = [];
  const all = state.instances().filter((i) => i.current && i.addr.resource.resource.mode === "managed" && (!include || include(i.addr)));
  await Promise.all(all.map((inst, n) => limit(async () => (drift[n] = await refreshInstance(ev, config, state, refreshed, inst, diagnostics)))));
  return { state: refreshed, drift: drift.filter((d): d is ResourceInstanceChange => d !== undefined), diagnostics };
}

async function refreshInstance(ev: ModuleEvaluator, config: Config, state: State, refreshed: State, inst: InstanceState, diagnostics: Diagnostics): Promise<ResourceInstanceChange | undefined> {
  const res = inst.addr.resource.resource;
  const stored = inst.current!;
  const cfg = config.resources.get(res.toString()) ?? ({ mode: "managed", type: res.type, name: res.name } as ConfigResource);
  const pe = await ev.providerFor(cfg);
  if ("severity" in pe) {
    diagnostics.append(pe);
    return undefined;
  }
  await pe.configured;
  const schema = pe.provider.getSchema().resourceTypes[res.type];
  if (!schema) return undefined;
  const d = decodeStoredObject(pe.provider, res.type, stored);
  diagnostics.append(d.diagnostics);
  if (!d.value) return undefined;
  const [plainPrior] = d.value.unmarkDeep();
  const r = await pe.provider.readResource({ typeName: res.type, priorState: plainPrior, ...(stored.private !== undefined ? { private: stored.private } : {}) });
  diagnostics.append(r.diagnostics);
  if (r.diagnostics.some((x) => x.severity === "error")) return undefined;
  const provider = state.resource(inst.addr.containingResource())?.provider ?? pe.stateName;
  const key = inst.addr.resource.key;
  const base = {
    addr: inst.addr.toString(),
    resourceAddr: res.toString(),
    mode: "managed" as const,
    type: res.type,
    name: res.name,
    ...(key !== undefined ? { index: key } : {}),
    module: inst.addr.module.toString(),
    provider,
    before: d.value,
    requiresReplace: [],
  };
  if (r.newState.isNull()) {
    refreshed.setCurrent(inst.addr, provider, undefined);
    return { ...base, action: "delete", after: Value.null(DynamicType) };
  }
  // Nothing changed: the stored record stays as it is (copyState put it in `refreshed` already), which spares
  // encoding it again and lets planning reuse the object decoded here.
  if (stored.schemaVersion === schema.version && (r.private === undefined || r.private === stored.private) && r.newState.rawEquals(plainPrior)) return undefined;
  const after = markSensitivePaths(r.newState, sensitivePathsFromJson(stored.sensitiveAttributes));
  const enc = encodeStoredObject(after, schema, { ...stored, ...(r.private !== undefined ? { private: r.private } : {}) });
  if ("error" in enc) {
    diagnostics.append(error("Failed to encode refreshed state", `${inst.addr.toString()}: ${enc.error}`));
    return undefined;
  }
  refreshed.setCurrent(inst.addr, provider, enc);
  if (r.newState.rawEquals(plainPrior)) return undefined;
  return { ...base, action: "update", after };
}
