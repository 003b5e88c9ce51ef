// Terraform's JSON representation of a plan (jsonplan, format_version 1.2), as `terraform show -json PLANFILE`
// prints it: variables, planned_values, resource_changes (before/after with unknown and sensitive masks),
// resource_drift, output_changes, prior_state, and the plan's flags. Unknown values are left out of `after`
// and marked true in `after_unknown`, sensitive ones true in the *_sensitive masks, as Terraform does.
import { Sensitive, type Value } from "../../lang/value.js";
import type { OutputChange, Plan, RelevantAttribute, ResourceInstanceChange } from "../../plan/plan.js";
import { STATE_TERRAFORM_VERSION, type JsonObject, type JsonValue } from "../../../state/index.js";
import { providerName, stateJson } from "./json-state.js";
import { diagnosticPath } from "../../provider/attribute-path.js";
import { typeToJson } from "../../provider/value-json.js";

export const PLAN_FORMAT_VERSION = "1.2";

const ACTIONS: Record<ResourceInstanceChange["action"], string[]> = {
  "no-op": ["no-op"],
  create: ["create"],
  read: ["read"],
  update: ["update"],
  delete: ["delete"],
  "delete-then-create": ["delete", "create"],
  "create-then-delete": ["create", "delete"],
  forget: ["forget"],
};

const isCollection = (v: Value): boolean => ["list", "set", "tuple"].includes(v.type.kind);
const isStructural = (v: Value): boolean => ["object", "map"].includes(v.type.kind);

/** The known part of a value: unknown object attributes left out, unknown elements as null. */
function known(v: Value): JsonValue | undefined {
  const [u] = v.unmark();
  if (!u.isKnown()) return undefined;
  if (u.isNull()) return null;
  if (isCollection(u)) return u.elements().map((e) => known(e) ?? null);
  if (isStructural(u)) {
    const o: JsonObject = {};
    for (const [k, x] of u.entries()) {
      const j = known(x);
      if (j !== undefined) o[k] = j;
    }
    return o;
  }
  const k = u.type.kind;
  if (k === "string") return u.asString();
  if (k === "number") return Number(u.asNumber().toString());
  if (k === "bool") return u.asBool();
  return null;
}

/** Terraform's mask: true where `test` holds, structure kept for collections, false (left out) elsewhere. */
function mask(v: Value, test: (v: Value) => boolean): JsonValue {
  if (test(v)) return true;
  const [u] = v.unmark();
  // Terraform marks inside an unknown value it cannot see: an empty structure of the value's kind.
  if (!u.isKnown()) return isStructural(u) ? {} : isCollection(u) ? [] : false;
  if (u.isNull()) return false;
  if (isCollection(u)) return u.elements().map((e) => mask(e, test));
  if (isStructural(u)) {
    const o: JsonObject = {};
    for (const [k, x] of u.entries()) {
      const m = mask(x, test);
      if (m !== false) o[k] = m;
    }
    return o;
  }
  return false;
}

const unknownMask = (v: Value): JsonValue => {
  const m = mask(v, (x) => !x.isKnown());
  return m === false && !v.isNull() && isStructural(v.unmark()[0]) ? {} : m;
};
const sensitiveMask = (v: Value): JsonValue => {
  const m = mask(v, (x) => x.hasMark(Sensitive));
  return m === false && !v.isNull() && isStructural(v.unmark()[0]) ? {} : m;
};
/** An absent object (before a create, after a delete) has the mask false. */
const objectMask = (v: Value, f: (v: Value) => JsonValue): JsonValue => (v.isNull() ? false : f(v));

function instanceHead(c: ResourceInstanceChange): JsonObject {
  const o: JsonObject = { address: c.addr };
  if (c.module) o.module_address = c.module;
  o.mode = c.mode;
  o.type = c.type;
  o.name = c.name;
  if (c.index !== undefined) o.index = c.index;
  o.provider_name = providerName(c.provider);
  return o;
}

function resourceChange(c: ResourceInstanceChange): JsonObject {
  const change: JsonObject = {
    actions: ACTIONS[c.action],
    before: known(c.before) ?? null,
    after: known(c.after) ?? null,
    // Terraform's one asymmetry: a deleted object's unknown mask is {}, its sensitive masks false.
    after_unknown: c.after.isNull() ? {} : unknownMask(c.after),
    before_sensitive: objectMask(c.before, sensitiveMask),
    after_sensitive: objectMask(c.after, sensitiveMask),
  };
  if (c.requiresReplace.length > 0) change.replace_paths = c.requiresReplace.map(diagnosticPath);
  if (c.importing) change.importing = { id: c.importing.id };
  if (c.generatedConfig !== undefined) change.generated_config = c.generatedConfig;
  const o = instanceHead(c);
  o.change = change;
  if (c.actionReason) o.action_reason = c.actionReason;
  return o;
}

function outputChange(o: OutputChange): JsonObject {
  const out: JsonObject = { actions: ACTIONS[o.action], before: o.before.isNull() ? null : (known(o.before) ?? null) };
  const after = known(o.after);
  if (o.after.isNull()) out.after = null;
  else if (after !== undefined && o.after.isWhollyKnown()) out.after = after;
  out.after_unknown = !o.after.isNull() && !o.after.isWhollyKnown() ? unknownMask(o.after) : false;
  out.before_sensitive = o.sensitive;
  out.after_sensitive = o.sensitive;
  return out;
}

/** The `planned_values` object: each instance's planned (known) values, the outputs' known values. */
function plannedValues(plan: Plan): JsonObject {
  const outputs: JsonObject = {};
  for (const o of [...plan.outputChanges].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (o.action === "delete") continue;
    const v = known(o.after);
    outputs[o.name] = v !== undefined && o.after.isWhollyKnown() ? { sensitive: o.sensitive, type: typeToJson(o.after.unmarkDeep()[0].type), value: v } : { sensitive: o.sensitive };
  }
  const byModule = new Map<string, JsonObject[]>();
  // Managed resources, then the data resources read during apply (as Terraform lists them, by address).
  const listed = plan.changes.filter((c) => c.action !== "delete" && (c.mode === "managed" || c.action === "read"));
  for (const c of [...listed.filter((x) => x.mode === "managed"), ...listed.filter((x) => x.mode === "data")]) {
    const r = instanceHead(c);
    delete r.module_address;
    r.schema_version = 0;
    // A forgotten object is listed without values (Terraform's planned value is null there).
    if (c.action !== "forget") r.values = known(c.after) ?? {};
    r.sensitive_values = objectMask(c.after, sensitiveMask);
    let l = byModule.get(c.module);
    if (!l) byModule.set(c.module, (l = []));
    l.push(r);
  }
  const root: JsonObject = {};
  if (byModule.get("")?.length) root.resources = byModule.get("")!;
  const children = [...byModule.keys()].filter((m) => m !== "").sort();
  if (children.length) root.child_modules = children.map((m) => ({ resources: byModule.get(m)!, address: m }));
  const out: JsonObject = {};
  if (Object.keys(outputs).length) out.outputs = outputs;
  out.root_module = root;
  return out;
}

/**
 * The prior state as Terraform's plan records it: the refreshed state, whose root outputs the refresh walk has
 * already evaluated where their values are known without any planned change (new constant outputs, say).
 */
function priorStateJson(plan: Plan): JsonObject {
  const prior = stateJson(plan.priorState);
  const added: [string, JsonObject][] = [];
  for (const o of plan.outputChanges) {
    if (o.action !== "create" || o.after.isNull() || !o.after.isWhollyKnown() || plan.mode === "destroy") continue;
    const [u] = o.after.unmarkDeep();
    added.push([o.name, { sensitive: o.sensitive, value: known(u) ?? null, type: typeToJson(u.type) }]);
  }
  if (added.length === 0) return prior;
  const values: JsonObject = (prior.values as JsonObject | undefined) ?? { root_module: {} };
  const outputs: JsonObject = { ...((values.outputs as JsonObject | undefined) ?? {}) };
  for (const [n, o] of added) outputs[n] = o;
  const sorted: JsonObject = {};
  for (const n of Object.keys(outputs).sort()) sorted[n] = outputs[n]!;
  return { format_version: prior.format_version ?? "1.0", terraform_version: STATE_TERRAFORM_VERSION, values: { outputs: sorted, root_module: values.root_module ?? {} } };
}

/** The whole document `terraform show -json PLANFILE` prints (the configuration given, from ./json-config.ts). */
export function planJson(plan: Plan, relevant: readonly RelevantAttribute[] = plan.relevantAttributes ?? [], configuration?: JsonObject, errored = false): JsonObject {
  const out: JsonObject = { format_version: PLAN_FORMAT_VERSION, terraform_version: STATE_TERRAFORM_VERSION };
  if (plan.variables.size) {
    const vars: JsonObject = {};
    for (const name of [...plan.variables.keys()].sort()) vars[name] = { value: known(plan.variables.get(name)!) ?? null };
    out.variables = vars;
  }
  out.planned_values = plannedValues(plan);
  if (plan.drift.length) out.resource_drift = plan.drift.map(resourceChange);
  const changes = plan.changes.filter((c) => c.mode === "managed" || c.action !== "no-op");
  if (changes.length) out.resource_changes = changes.map(resourceChange);
  if (plan.outputChanges.length) {
    const oc: JsonObject = {};
    for (const o of [...plan.outputChanges].sort((a, b) => (a.name < b.name ? -1 : 1))) oc[o.name] = outputChange(o);
    out.output_changes = oc;
  }
  const prior = priorStateJson(plan);
  if (prior.values) out.prior_state = prior;
  if (configuration) out.configuration = configuration;
  if (relevant.length) out.relevant_attributes = relevant.map((r) => ({ resource: r.resource, attribute: r.attribute ? [r.attribute] : [] }));
  out.timestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  out.applyable = plan.applyable;
  out.complete = true;
  out.errored = errored;
  return out;
}
