// Terraform's state file format, version 4: decode into a State (with diagnostics for anything malformed) and
// encode byte for byte as Terraform 1.11 writes it (field order, sorting, Go's JSON escaping, final newline).
import {
  AbsResource,
  AbsResourceInstance,
  ModuleInstance,
  Resource,
  ResourceInstance,
  compareInstanceKeys,
  parseAbsProviderConfig,
  parseModuleInstance,
  type InstanceKey,
} from "../src/addrs/index.js";
import { Diagnostics, error } from "../src/diag/diagnostic.js";
import { isJsonObject, marshalIndent, type JsonObject, type JsonValue } from "./json.js";
import { State, type InstanceObject, type OutputState } from "./state.js";

/** The terraform_version we write: the Terraform release whose behaviour tfsim follows, so Terraform reads it. */
export const STATE_TERRAFORM_VERSION = "1.11.4";

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The state file's text. */
export function encodeStateV4(state: State): string {
  const outputs: JsonObject = {};
  for (const name of [...state.outputs.keys()].sort(cmp)) {
    const o = state.outputs.get(name)!;
    outputs[name] = o.sensitive ? { value: o.value, type: o.type, sensitive: true } : { value: o.value, type: o.type };
  }
  const resources = [...state.resources.values()]
    .map((r) => ({ r, module: r.addr.module.toString() }))
    .sort(
      (a, b) =>
        cmp(a.module, b.module) ||
        cmp(a.r.addr.resource.mode, b.r.addr.resource.mode) ||
        cmp(a.r.addr.resource.type, b.r.addr.resource.type) ||
        cmp(a.r.addr.resource.name, b.r.addr.resource.name),
    )
    .map(({ r, module }) => {
      const instances: JsonObject[] = [];
      const insts = [...r.instances.values()].sort((a, b) => compareInstanceKeys(a.addr.resource.key, b.addr.resource.key));
      for (const inst of insts) {
        const key = inst.addr.resource.key;
        if (inst.current) instances.push(encodeObject(key, undefined, inst.current));
        for (const dk of [...inst.deposed.keys()].sort(cmp)) instances.push(encodeObject(key, dk, inst.deposed.get(dk)!));
      }
      const out: JsonObject = {};
      if (module) out.module = module;
      out.mode = r.addr.resource.mode;
      out.type = r.addr.resource.type;
      out.name = r.addr.resource.name;
      out.provider = r.provider;
      out.instances = instances;
      return out;
    });
  const file = {
    version: 4,
    terraform_version: STATE_TERRAFORM_VERSION,
    serial: state.serial,
    lineage: state.lineage,
    outputs,
    resources,
    check_results: state.checkResults,
    // tfsim's own field (Terraform ignores unknown fields): creates a killed run left unsettled, for adoption.
    ...(state.createIntents.size > 0
      ? { tfsim_create_intents: Object.fromEntries([...state.createIntents.keys()].sort(cmp).map((k) => [k, { ...state.createIntents.get(k)! }])) }
      : {}),
  };
  return marshalIndent(file) + "\n";
}

/**
 * `text` (encodeStateV4's output) with another serial: the same bytes encodeStateV4 gives at that serial, without
 * encoding every resource again. The top-level "serial" is the only key at two spaces' indent with a number.
 */
export function withSerial(text: string, serial: number): string {
  return text.replace(/^ {2}"serial": \d+,$/m, `  "serial": ${serial},`);
}

function encodeObject(key: InstanceKey | undefined, deposed: string | undefined, o: InstanceObject): JsonObject {
  const out: JsonObject = {};
  if (key !== undefined) out.index_key = key;
  if (o.status) out.status = o.status;
  if (deposed !== undefined) out.deposed = deposed;
  out.schema_version = o.schemaVersion;
  out.attributes = o.attributes;
  out.sensitive_attributes = [...o.sensitiveAttributes];
  if (o.private !== undefined) out.private = o.private;
  if (o.dependencies && o.dependencies.length > 0) out.dependencies = [...o.dependencies].sort(cmp);
  if (o.createBeforeDestroy) out.create_before_destroy = true;
  return out;
}

/** Parses a state file's text. `name` is the file name shown in diagnostics. */
export function decodeStateV4(text: string, name = "terraform.tfstate"): { state: State | undefined; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const bad = (detail: string) => {
    diagnostics.append(error("Failed to load state", `The state file ${name} is invalid: ${detail}`));
    return { state: undefined, diagnostics };
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return bad(`it is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!isJsonObject(raw)) return bad("the top level must be a JSON object.");
  if (raw.version !== 4) {
    diagnostics.append(
      error(
        "Unsupported state file format",
        `The state file ${name} uses format version ${JSON.stringify(raw.version ?? null)}, but tfsim reads only version 4 (Terraform 0.12 and later).`,
      ),
    );
    return { state: undefined, diagnostics };
  }
  if (typeof raw.lineage !== "string" || typeof raw.serial !== "number") return bad('"lineage" must be a string and "serial" a number.');
  const state = new State(raw.lineage, raw.serial, typeof raw.terraform_version === "string" ? raw.terraform_version : "");
  state.checkResults = raw.check_results ?? null;
  const intents = raw.tfsim_create_intents ?? {};
  if (!isJsonObject(intents)) return bad('"tfsim_create_intents" must be an object.');
  for (const [addr, v] of Object.entries(intents)) {
    if (!isJsonObject(v) || typeof v.provider !== "string" || typeof v.private !== "string") return bad(`create intent ${JSON.stringify(addr)} needs "provider" and "private".`);
    state.createIntents.set(addr, { provider: v.provider, private: v.private });
  }

  const outputs = raw.outputs ?? {};
  if (!isJsonObject(outputs)) return bad('"outputs" must be an object.');
  for (const [k, v] of Object.entries(outputs)) {
    if (!isJsonObject(v) || !("value" in v)) return bad(`output ${JSON.stringify(k)} has no value.`);
    const o: OutputState = v.sensitive === true ? { value: v.value!, type: v.type ?? null, sensitive: true } : { value: v.value!, type: v.type ?? null };
    state.setOutput(k, o);
  }

  const resources = raw.resources ?? [];
  const validProviders = new Set<string>();
  if (!Array.isArray(resources)) return bad('"resources" must be an array.');
  for (const r of resources) {
    if (!isJsonObject(r)) return bad("each resource must be an object.");
    const { mode, type, name: rname, provider } = r;
    if ((mode !== "managed" && mode !== "data") || typeof type !== "string" || typeof rname !== "string" || typeof provider !== "string") {
      return bad('each resource needs "mode" (managed or data), "type", "name" and "provider".');
    }
    let module = ModuleInstance.root;
    if (typeof r.module === "string" && r.module !== "") {
      const m = parseModuleInstance(r.module);
      if (!m.addr) return bad(`invalid module address ${JSON.stringify(r.module)}.`);
      module = m.addr;
    }
    // Most resources share a handful of provider addresses: each distinct one is parsed once.
    if (!validProviders.has(provider) && parseAbsProviderConfig(provider).addr) validProviders.add(provider);
    if (!validProviders.has(provider)) return bad(`invalid provider address ${JSON.stringify(provider)} for ${new AbsResource(module, new Resource(mode, type, rname))}.`);
    const resource = new Resource(mode, type, rname);
    if (!Array.isArray(r.instances)) return bad(`resource ${new AbsResource(module, resource)} has no "instances" array.`);
    for (const i of r.instances) {
      if (!isJsonObject(i)) return bad("each instance must be an object.");
      const key = i.index_key;
      if (key !== undefined && typeof key !== "number" && typeof key !== "string") return bad('"index_key" must be a number or a string.');
      const addr = new AbsResourceInstance(module, new ResourceInstance(resource, key));
      const obj = decodeObject(i);
      if (typeof obj === "string") return bad(`${addr}: ${obj}`);
      if (typeof i.deposed === "string") state.setDeposed(addr, provider, i.deposed, obj);
      else state.setCurrent(addr, provider, obj);
    }
  }
  return { state, diagnostics };
}

function decodeObject(i: JsonObject): InstanceObject | string {
  if (typeof i.schema_version !== "number") return '"schema_version" must be a number.';
  let attributes: JsonObject;
  if (isJsonObject(i.attributes)) attributes = i.attributes;
  else if (isJsonObject(i.attributes_flat)) return "flatmap attributes (state from Terraform 0.11) are not supported.";
  else attributes = {};
  const sensitive = Array.isArray(i.sensitive_attributes) ? i.sensitive_attributes : [];
  const deps = Array.isArray(i.dependencies) ? i.dependencies.filter((d): d is string => typeof d === "string") : undefined;
  return {
    schemaVersion: i.schema_version,
    attributes,
    sensitiveAttributes: sensitive,
    ...(i.status === "tainted" ? { status: "tainted" as const } : {}),
    ...(typeof i.private === "string" ? { private: i.private } : {}),
    ...(deps && deps.length ? { dependencies: deps } : {}),
    ...(i.create_before_destroy === true ? { createBeforeDestroy: true } : {}),
  };
}

/** The same state with nothing shared, for callers that must not see later mutations. */
export function cloneState(state: State): State {
  const copy = decodeStateV4(encodeStateV4(state)).state!;
  copy.terraformVersion = state.terraformVersion;
  return copy;
}

/** True when two states hold the same resources, outputs and checks (serial and lineage aside). */
export function sameContent(a: State, b: State): boolean {
  const strip = (s: State) => {
    const c = JSON.parse(encodeStateV4(s)) as JsonObject;
    delete c.serial;
    delete c.lineage;
    return JSON.stringify(c);
  };
  return strip(a) === strip(b);
}

export type { JsonValue };
