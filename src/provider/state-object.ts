// Between a provider's object Value and the state's stored InstanceObject: encode with the schema (marks
// become sensitive_attributes), and decode through the provider's upgradeResourceState (as Terraform does on
// every read, so older schema versions are converted) with the sensitive marks put back.
import { Diagnostics, error } from "../diag/diagnostic.js";
import type { Value } from "../lang/value.js";
import type { InstanceObject } from "../../state/state.js";
import type { JsonObject } from "../../state/json.js";
import type { Provider } from "./provider.js";
import { impliedType, type ResourceSchema } from "./schema.js";
import { markSensitivePaths, sensitivePathsFromJson, sensitivePathsToJson, valueToJson, ValueJsonError } from "./value-json.js";

export interface StoredObjectExtras {
  readonly dependencies?: readonly string[];
  readonly private?: string;
  readonly status?: "tainted";
  readonly createBeforeDestroy?: boolean;
}

/** The state's record of `value` (a wholly known object of the schema's type, possibly marked). */
export function encodeStoredObject(value: Value, schema: ResourceSchema, extras: StoredObjectExtras = {}): InstanceObject | { error: string } {
  try {
    const [plain] = value.unmarkDeep();
    return {
      schemaVersion: schema.version,
      attributes: valueToJson(plain, impliedType(schema.block)) as JsonObject,
      sensitiveAttributes: sensitivePathsToJson(value),
      ...(extras.status ? { status: extras.status } : {}),
      ...(extras.private !== undefined ? { private: extras.private } : {}),
      ...(extras.dependencies?.length ? { dependencies: extras.dependencies } : {}),
      ...(extras.createBeforeDestroy ? { createBeforeDestroy: true } : {}),
    };
  } catch (e) {
    if (e instanceof ValueJsonError) return { error: e.message };
    throw e;
  }
}

/** The object a stored record holds, upgraded to the provider's current schema, with its sensitive marks. */
export function decodeStoredObject(provider: Provider, typeName: string, stored: InstanceObject): { value?: Value; diagnostics: Diagnostics } {
  const hit = decoded.get(stored);
  if (hit && hit.provider === provider && hit.typeName === typeName) return { value: hit.value, diagnostics: new Diagnostics() };
  const diagnostics = new Diagnostics();
  const up = provider.upgradeResourceState({ typeName, version: stored.schemaVersion, rawState: stored.attributes });
  diagnostics.append(up.diagnostics);
  if (!up.upgradedState) {
    if (!diagnostics.hasErrors()) diagnostics.append(error("Invalid resource state upgrade", `The provider returned no state for ${typeName}.`));
    return { diagnostics };
  }
  const value = markSensitivePaths(up.upgradedState, sensitivePathsFromJson(stored.sensitiveAttributes));
  if (diagnostics.length === 0) decoded.set(stored, { provider, typeName, value });
  return { value, diagnostics };
}

// Records are immutable and Values too: refresh and then planning decode the same record once (a decode with
// diagnostics is not kept, so its warnings are reported by each caller as before).
const decoded = new WeakMap<InstanceObject, { readonly provider: Provider; readonly typeName: string; readonly value: Value }>();
