// terraform_data, exactly as Terraform's built-in resource (internal/builtin/providers/terraform/resource_data.go):
// `input` (any type) is copied to `output` at apply; `output` is unknown in a plan whenever input changes or the
// object is created; a change of `triggers_replace` replaces the object; `id` is a random UUID set at create.
import { randomBytes } from "node:crypto";
import { error, type Diagnostic } from "../../src/diag/diagnostic.js";
import { DynamicType, StringType } from "../../src/lang/types.js";
import { Value } from "../../src/lang/value.js";
import { attr } from "../../src/provider/attribute-path.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  ImportResourceStateRequest,
  ImportResourceStateResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  ValidateResourceConfigRequest,
} from "../../src/provider/provider.js";
import { impliedType, type ResourceSchema } from "../../src/provider/schema.js";

export const terraformDataSchema: ResourceSchema = {
  version: 0,
  block: {
    attributes: {
      input: { type: DynamicType, optional: true },
      output: { type: DynamicType, computed: true },
      triggers_replace: { type: DynamicType, optional: true },
      id: { type: StringType, computed: true },
    },
  },
};

const objectType = impliedType(terraformDataSchema.block);

function attrOf(v: Value, name: string): Value {
  return v.entries().get(name) ?? Value.null(objectType.attrs.get(name)!);
}

function withAttrs(v: Value, changes: Record<string, Value>): Value {
  const m = new Map(v.entries());
  for (const [k, x] of Object.entries(changes)) m.set(k, x);
  return Value.of(objectType, m);
}

/** Terraform's uuid.GenerateUUID: 16 random bytes as 8-4-4-4-12 hex, without RFC 4122 version bits. */
export function generateUuid(): string {
  const h = randomBytes(16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The output planned for `input`: unknown of input's type (output's type always matches input's), or null. */
function plannedOutput(input: Value): Value {
  return input.isNull() ? input : Value.unknown(input.type);
}

export function validateTerraformData(req: ValidateResourceConfigRequest): Diagnostic[] {
  if (req.config.isNull() || !req.config.isKnown()) return [];
  const out: Diagnostic[] = [];
  // Terraform core does not reject computed attributes set in configuration; this resource does.
  for (const name of ["id", "output"]) {
    if (!attrOf(req.config, name).isNull()) {
      out.push(error("Invalid attribute", `"${name}" attribute is read-only`, undefined, { attributePath: [name] }));
    }
  }
  return out;
}

export function planTerraformData(req: PlanResourceChangeRequest): PlanResourceChangeResponse {
  const proposed = req.proposedNewState;
  if (proposed.isNull()) return { plannedState: proposed, requiresReplace: [], diagnostics: [] };
  const input = attrOf(proposed, "input");
  const trigger = attrOf(proposed, "triggers_replace");
  const unknownId = Value.unknown(StringType);

  if (req.priorState.isNull()) {
    return { plannedState: withAttrs(proposed, { id: unknownId, output: plannedOutput(input) }), requiresReplace: [], diagnostics: [] };
  }
  if (!attrOf(req.priorState, "triggers_replace").rawEquals(trigger)) {
    return {
      plannedState: withAttrs(proposed, { id: unknownId, output: plannedOutput(input) }),
      requiresReplace: [[attr("triggers_replace")]],
      diagnostics: [],
    };
  }
  if (!attrOf(req.priorState, "input").rawEquals(input)) {
    return {
      plannedState: withAttrs(proposed, { output: Value.unknown(input.type) }),
      requiresReplace: [],
      diagnostics: [],
    };
  }
  return { plannedState: proposed, requiresReplace: [], diagnostics: [] };
}

export function applyTerraformData(req: ApplyResourceChangeRequest): ApplyResourceChangeResponse {
  const planned = req.plannedState;
  if (planned.isNull()) return { newState: planned, diagnostics: [] };
  const changes: Record<string, Value> = {};
  if (!attrOf(planned, "output").isKnown()) changes.output = attrOf(planned, "input");
  if (!attrOf(planned, "id").isKnown()) changes.id = Value.string(generateUuid());
  return { newState: withAttrs(planned, changes), diagnostics: [] };
}

/** Import sets only `id`; everything else is null until the next apply. */
export function importTerraformData(req: ImportResourceStateRequest): ImportResourceStateResponse {
  const state = Value.of(
    objectType,
    new Map([...objectType.attrs].map(([k, t]) => [k, k === "id" ? Value.string(req.id) : Value.null(t)] as [string, Value])),
  );
  return { importedResources: [{ typeName: req.typeName, state }], diagnostics: [] };
}
