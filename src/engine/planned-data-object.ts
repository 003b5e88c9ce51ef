// Terraform's objchange.PlannedDataResourceObject: the object a deferred data source read is planned as. The
// configuration's values stay; each computed attribute the configuration leaves null becomes unknown, in nested
// blocks too, so the plan shows `+ json = (known after apply)` and dependents see what is already known.
import type { Block } from "../provider/schema.js";
import { Value } from "../lang/value.js";

export function plannedDataObject(block: Block, config: Value): Value {
  if (config.isNull() || !config.isKnown() || config.type.kind !== "object") return config;
  const attrs = config.entries();
  const out = new Map<string, Value>(attrs);
  for (const [name, a] of Object.entries(block.attributes)) {
    const v = attrs.get(name);
    if (a.computed && v && v.isNull()) out.set(name, Value.unknown(v.type));
  }
  for (const [name, nb] of Object.entries(block.blockTypes ?? {})) {
    const v = attrs.get(name);
    if (!v || v.isNull() || !v.isKnown()) continue;
    if (nb.nesting === "single" || nb.nesting === "group") out.set(name, plannedDataObject(nb.block, v));
    else if (nb.nesting === "list" || nb.nesting === "set") out.set(name, Value.of(v.type, v.elements().map((e) => plannedDataObject(nb.block, e))));
  }
  return Value.of(config.type, out);
}
