// Importing one existing remote object through its provider, as `tfsim import` and import blocks both do:
// the provider turns the user's ID into a partial object (ImportResourceState), then reads it whole
// (ReadResource); an object the read cannot find is Terraform's "Cannot import non-existent remote object".
import { error, type Diagnostic } from "../diag/diagnostic.js";
import type { Value } from "../lang/value.js";
import type { ImportedResource, Provider } from "../provider/provider.js";

export interface ImportedObject {
  readonly value?: Value;
  readonly private?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Imports and reads the object `id` of `typeName` for instance `addr`. `prepared` runs between the two steps
 * (the import command prints its progress there) and may stop the import with errors.
 */
export async function importObject(provider: Provider, typeName: string, addr: string, id: string, prepared?: (resources: readonly ImportedResource[]) => readonly Diagnostic[], product = "tfsim"): Promise<ImportedObject> {
  const imp = await provider.importResourceState({ typeName, id });
  if (imp.diagnostics.some((d) => d.severity === "error")) return { diagnostics: imp.diagnostics };
  const stop = prepared?.(imp.importedResources) ?? [];
  if (stop.length) return { diagnostics: [...imp.diagnostics, ...stop] };
  const imported = imp.importedResources[0];
  if (!imported) return { diagnostics: [...imp.diagnostics, error("Import returned no resources", `The provider returned no object for ID ${JSON.stringify(id)}.`)] };
  const read = await provider.readResource({ typeName, priorState: imported.state, ...(imported.private !== undefined ? { private: imported.private } : {}) });
  const diagnostics = [...imp.diagnostics, ...read.diagnostics];
  if (read.diagnostics.some((d) => d.severity === "error")) return { diagnostics };
  if (read.newState.isNull()) {
    return {
      diagnostics: [
        ...diagnostics,
        error(
          "Cannot import non-existent remote object",
          `While attempting to import an existing object to ${JSON.stringify(addr)}, the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use "${product} apply" to create a new remote object for this resource.`,
        ),
      ],
    };
  }
  return { value: read.newState, ...(read.private !== undefined ? { private: read.private } : {}), diagnostics };
}
