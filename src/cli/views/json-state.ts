// Terraform's JSON representation of a state (jsonstate, format_version 1.0), as `terraform show -json`
// prints it: outputs, then root_module with its resources (values with dynamic attributes unwrapped,
// sensitive_values as booleans) and child_modules nested by module path.
import { isJsonObject, type InstanceObject, type JsonObject, type JsonValue, type State } from "../../../state/index.js";
import { STATE_TERRAFORM_VERSION } from "../../../state/index.js";
import { sensitivePathKeys, unwrapDynamic } from "../commands/state-show.js";

export const JSON_FORMAT_VERSION = "1.0";

/** `provider["registry.terraform.io/hashicorp/aws"].west` → `registry.terraform.io/hashicorp/aws`. */
export function providerName(stateProvider: string): string {
  const m = /provider\["([^"]+)"\]/.exec(stateProvider);
  return m ? m[1]! : stateProvider;
}

/** Terraform's SensitiveAsBool: true where sensitive, structure kept for collections, primitives false. */
function sensitiveAsBool(v: JsonValue, path: string, sensitive: Set<string>): JsonValue {
  if (sensitive.has(path)) return true;
  if (Array.isArray(v)) return v.map((e, i) => sensitiveAsBool(e, `${path}[${i}]`, sensitive));
  if (isJsonObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort()) {
      const keyPath = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
      const s = sensitiveAsBool(v[k]!, keyPath, sensitive);
      if (s !== false) out[k] = s;
    }
    return out;
  }
  return false;
}

export function instanceValues(obj: InstanceObject): { values: JsonObject; sensitive_values: JsonObject } {
  const sensitive = sensitivePathKeys(obj.sensitiveAttributes);
  const values: JsonObject = {};
  const sensitiveValues: JsonObject = {};
  for (const name of Object.keys(obj.attributes).sort()) {
    const { value } = unwrapDynamic(obj.attributes[name]!);
    values[name] = value;
    const s = value === null && !sensitive.has(name) ? false : sensitiveAsBool(value, name, sensitive);
    if (s !== false) sensitiveValues[name] = s;
  }
  return { values, sensitive_values: sensitiveValues };
}

interface ModuleJson {
  resources: JsonObject[];
  address?: string;
  child_modules?: ModuleJson[];
}

/** The `values` object (outputs and root_module) of a state, or undefined for an empty state. */
export function stateValuesJson(state: State): JsonObject | undefined {
  if (state.isEmpty()) return undefined;
  const modules = new Map<string, ModuleJson>();
  const moduleOf = (addr: string): ModuleJson => {
    let m = modules.get(addr);
    if (!m) {
      m = { resources: [] };
      if (addr) m.address = addr;
      modules.set(addr, m);
    }
    return m;
  };
  moduleOf("");
  for (const inst of state.instances()) {
    const r = state.resource(inst.addr.containingResource())!;
    const res = r.addr.resource;
    const moduleAddr = inst.addr.module.toString();
    const objects: [string | undefined, InstanceObject][] = [];
    if (inst.current) objects.push([undefined, inst.current]);
    for (const [dk, o] of [...inst.deposed].sort(([a], [b]) => (a < b ? -1 : 1))) objects.push([dk, o]);
    for (const [deposed, obj] of objects) {
      const out: JsonObject = { address: inst.addr.toString(), mode: res.mode, type: res.type, name: res.name };
      const key = inst.addr.resource.key;
      if (key !== undefined) out.index = key;
      out.provider_name = providerName(r.provider);
      out.schema_version = obj.schemaVersion;
      const { values, sensitive_values } = instanceValues(obj);
      out.values = values;
      out.sensitive_values = sensitive_values;
      if (obj.dependencies?.length) out.depends_on = [...obj.dependencies];
      if (obj.status === "tainted") out.tainted = true;
      if (deposed) out.deposed_key = deposed;
      moduleOf(moduleAddr).resources.push(out);
    }
  }
  // Nest every module under its parent (creating empty intermediate modules as Terraform does).
  const addrs = [...modules.keys()].filter((a) => a !== "").sort();
  for (const a of addrs) {
    const idx = a.lastIndexOf(".module.");
    const parent = idx < 0 ? "" : a.slice(0, idx);
    moduleOf(parent);
  }
  for (const a of [...modules.keys()].filter((x) => x !== "").sort()) {
    const idx = a.lastIndexOf(".module.");
    const parent = moduleOf(idx < 0 ? "" : a.slice(0, idx));
    (parent.child_modules ??= []).push(modules.get(a)!);
  }
  const finish = (m: ModuleJson): JsonObject => {
    const out: JsonObject = {};
    if (m.resources.length) out.resources = m.resources;
    if (m.address) out.address = m.address;
    if (m.child_modules?.length) out.child_modules = m.child_modules.map(finish);
    return out;
  };
  const values: JsonObject = {};
  if (state.outputs.size) {
    const outputs: JsonObject = {};
    for (const name of [...state.outputs.keys()].sort()) {
      const o = state.outputs.get(name)!;
      outputs[name] = { sensitive: o.sensitive === true, value: o.value, type: o.type };
    }
    values.outputs = outputs;
  }
  values.root_module = finish(moduleOf(""));
  return values;
}

/** The whole document `terraform show -json` prints for a state. */
export function stateJson(state: State | undefined): JsonObject {
  const values = state ? stateValuesJson(state) : undefined;
  if (!values) return { format_version: JSON_FORMAT_VERSION };
  return { format_version: JSON_FORMAT_VERSION, terraform_version: STATE_TERRAFORM_VERSION, values };
}
