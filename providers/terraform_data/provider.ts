// Terraform's built-in provider (terraform.io/builtin/terraform), with its managed resource terraform_data.
// It has no configuration and no backing API: reads return the prior state unchanged.
import { error, type Diagnostic } from "../../src/diag/diagnostic.js";
import type { Value } from "../../src/lang/value.js";
import type {
  ApplyResourceChangeRequest,
  ApplyResourceChangeResponse,
  ImportResourceStateRequest,
  ImportResourceStateResponse,
  PlanResourceChangeRequest,
  PlanResourceChangeResponse,
  Provider,
  ReadDataSourceRequest,
  ReadDataSourceResponse,
  ReadResourceRequest,
  ReadResourceResponse,
  UpgradeResourceStateRequest,
  UpgradeResourceStateResponse,
  ValidateResourceConfigRequest,
} from "../../src/provider/provider.js";
import type { ProviderSchema } from "../../src/provider/schema.js";
import { impliedType } from "../../src/provider/schema.js";
import { valueFromJson, ValueJsonError } from "../../src/provider/value-json.js";
import type { JsonValue } from "../../state/json.js";
import {
  applyTerraformData,
  importTerraformData,
  planTerraformData,
  terraformDataSchema,
  validateTerraformData,
} from "./resource-data.js";

export { builtInTerraformProvider as terraformProviderAddr } from "../../src/addrs/index.js";

const schema: ProviderSchema = {
  provider: { attributes: {} },
  resourceTypes: { terraform_data: terraformDataSchema },
  dataSources: {},
};

function unsupported(kind: string, typeName: string): Diagnostic {
  return error(`Unsupported ${kind}`, `The provider terraform.io/builtin/terraform does not support ${kind} "${typeName}".`);
}

export class TerraformProvider implements Provider {
  getSchema(): ProviderSchema {
    return schema;
  }

  validateProviderConfig(): Diagnostic[] {
    return [];
  }

  async configure(): Promise<Diagnostic[]> {
    return [];
  }

  validateResourceConfig(req: ValidateResourceConfigRequest): Diagnostic[] {
    if (req.typeName !== "terraform_data") return [unsupported("resource type", req.typeName)];
    return validateTerraformData(req);
  }

  validateDataResourceConfig(req: ValidateResourceConfigRequest): Diagnostic[] {
    return [unsupported("data source", req.typeName)];
  }

  upgradeResourceState(req: UpgradeResourceStateRequest): UpgradeResourceStateResponse {
    const rs = schema.resourceTypes[req.typeName];
    if (!rs) return { diagnostics: [unsupported("resource type", req.typeName)] };
    if (req.version > rs.version) {
      return {
        diagnostics: [
          error(
            "Resource instance managed by newer provider version",
            `The current state of ${req.typeName} was created by a newer provider version than is currently selected. Upgrade the provider to work with this state.`,
          ),
        ],
      };
    }
    try {
      return { upgradedState: valueFromJson(req.rawState as JsonValue, impliedType(rs.block)), diagnostics: [] };
    } catch (e) {
      if (!(e instanceof ValueJsonError)) throw e;
      return { diagnostics: [error("Invalid resource state", `The stored state of ${req.typeName} cannot be decoded: ${e.message}.`)] };
    }
  }

  async readResource(req: ReadResourceRequest): Promise<ReadResourceResponse> {
    return { newState: req.priorState, ...(req.private !== undefined ? { private: req.private } : {}), diagnostics: [] };
  }

  async planResourceChange(req: PlanResourceChangeRequest): Promise<PlanResourceChangeResponse> {
    if (req.typeName !== "terraform_data") return { plannedState: req.proposedNewState, requiresReplace: [], diagnostics: [unsupported("resource type", req.typeName)] };
    return planTerraformData(req);
  }

  async applyResourceChange(req: ApplyResourceChangeRequest): Promise<ApplyResourceChangeResponse> {
    if (req.typeName !== "terraform_data") return { newState: req.priorState, diagnostics: [unsupported("resource type", req.typeName)] };
    return applyTerraformData(req);
  }

  async importResourceState(req: ImportResourceStateRequest): Promise<ImportResourceStateResponse> {
    if (req.typeName !== "terraform_data") return { importedResources: [], diagnostics: [unsupported("resource type", req.typeName)] };
    return importTerraformData(req);
  }

  async readDataSource(req: ReadDataSourceRequest): Promise<ReadDataSourceResponse> {
    return { state: req.config as Value, diagnostics: [unsupported("data source", req.typeName)] };
  }
}
