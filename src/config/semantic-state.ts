// Resource values from a state file, for evaluation scopes (`tfsim console` once state exists): each root
// module resource's instances decoded with its provider's schema, as Terraform's evaluationStateData does:
// a resource without count/for_each is its object, with count a tuple by index, with for_each an object
// by key. Sensitive attribute paths come back as marks.
//
// API:
//   resourceValuesFromState(path) → { values: Map<"type.name" | "data.type.name", Value>, diagnostics }
import { existsSync, readFileSync } from "node:fs";
import { error, type Diagnostic } from "../diag/diagnostic.js";
import { parseAbsProviderConfig } from "../addrs/provider-config.js";
import { impliedType, type ProviderSchema } from "../provider/schema.js";
import { markSensitivePaths, sensitivePathsFromJson, valueFromJson } from "../provider/value-json.js";
import { DynamicType, type Type } from "../lang/types.js";
import { Value } from "../lang/value.js";
import { decodeStateV4 } from "../../state/v4.js";

export async function resourceValuesFromState(path: string, display = path): Promise<{ values: Map<string, Value>; diagnostics: Diagnostic[] }> {
  const values = new Map<string, Value>();
  if (!existsSync(path)) return { values, diagnostics: [] };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return { values, diagnostics: [error("Failed to load state", `Error reading ${display}: ${(e as Error).message}`)] };
  }
  const decoded = decodeStateV4(text, display);
  const diagnostics = [...decoded.diagnostics];
  const state = decoded.state;
  if (!state) return { values, diagnostics };
  // The provider registry (and with it the AWS provider) is loaded only when there is state to read.
  const { builtInProviders } = await import("../provider/registry.js");
  const registry = builtInProviders();
  const schemas = new Map<string, ProviderSchema>();

  for (const rs of state.resources.values()) {
    if (!rs.addr.module.isRoot()) continue;
    const r = rs.addr.resource;
    let type: Type = DynamicType;
    const pc = parseAbsProviderConfig(rs.provider).addr;
    if (pc) {
      const key = pc.provider.toString();
      let schema = schemas.get(key);
      if (!schema) {
        const provider = (await registry.instantiate(pc.provider)).provider;
        if (provider) schemas.set(key, (schema = provider.getSchema()));
      }
      const rschema = r.mode === "data" ? schema?.dataSources[r.type] : schema?.resourceTypes[r.type];
      if (rschema) type = impliedType(rschema.block);
    }
    const byKey: [number | string | undefined, Value][] = [];
    for (const inst of rs.instances.values()) {
      const obj = inst.current;
      if (!obj) continue;
      const v = markSensitivePaths(valueFromJson(obj.attributes, type), sensitivePathsFromJson(obj.sensitiveAttributes));
      byKey.push([inst.addr.resource.key, v]);
    }
    if (byKey.length === 0) continue;
    let value: Value;
    if (byKey.length === 1 && byKey[0]![0] === undefined) value = byKey[0]![1];
    else if (byKey.every(([k]) => typeof k === "number")) value = Value.tuple(byKey.sort((a, b) => (a[0] as number) - (b[0] as number)).map(([, v]) => v));
    else value = Value.object(byKey.map(([k, v]): [string, Value] => [String(k), v]));
    values.set(r.toString(), value);
  }
  return { values, diagnostics };
}
